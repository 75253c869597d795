package babygpt

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/nn"
)

func TestEncodeSplits90to10(t *testing.T) {
	d := Encode(strings.Repeat("abcab", 20)) // 100 characters, 3 distinct
	if string(d.Chars) != "abc" || len(d.Train) != 90 || len(d.Val) != 10 {
		t.Fatalf("chars %q train %d val %d", string(d.Chars), len(d.Train), len(d.Val))
	}
}

// A tiny GPT starts near the uniform loss ln V and learns a repetitive text.
func TestTinyModelLearns(t *testing.T) {
	d := Encode(strings.Repeat("hello world. ", 200))
	cfg := Config{Vocab: len(d.Chars), Block: 8, Dim: 16, Heads: 2, Layers: 1}
	m, err := New(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	opt, err := nn.NewAdamW(m.Params(), nn.AdamConfig{LR: 1e-2})
	if err != nil {
		t.Fatal(err)
	}
	rng := nn.NewRand(2)
	B, T := 4, cfg.Block
	x, y := make([]int, B*T), make([]int, B*T)
	var first, last float32
	for step := range 150 {
		Batch(rng, d.Train, B, T, x, y)
		loss := m.Loss(x, y, B, T)
		opt.ZeroGrad()
		loss.Backward()
		opt.Step()
		if step == 0 {
			first = loss.Item()
		}
		last = loss.Item()
		loss.Release()
	}
	if math.Abs(float64(first)-math.Log(float64(cfg.Vocab))) > 1.5 || last > 0.5 {
		t.Errorf("loss %v → %v (ln V = %.2f)", first, last, math.Log(float64(cfg.Vocab)))
	}
}

// Config rejects sizes that mean nothing, naming the field and the value;
// a negative Vocab used to panic in makeslice and Layers 0 to build a
// model without blocks.
func TestConfigRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"negative Vocab", Config{Vocab: -1, Block: 8, Dim: 16, Heads: 2, Layers: 1}, "babygpt: Config.Vocab must be in 1…1048576, got -1"},
		{"zero Layers", Config{Vocab: 3, Block: 8, Dim: 16, Heads: 2}, "babygpt: Config.Layers must be in 1…1048576, got 0"},
		{"huge Dim", Config{Vocab: 3, Block: 8, Dim: 1 << 30, Heads: 2, Layers: 1}, "babygpt: Config.Dim must be in 1…1048576, got 1073741824"},
		{"zero Block", Config{Vocab: 3, Dim: 16, Heads: 2, Layers: 1}, "babygpt: Config.Block must be in 1…1048576, got 0"},
		{"negative Heads", Config{Vocab: 3, Block: 8, Dim: 16, Heads: -2, Layers: 1}, "babygpt: Config.Heads must be in 1…1048576, got -2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := New(tc.cfg, 1); err == nil || err.Error() != tc.want {
				t.Errorf("New: %v, want %q", err, tc.want)
			}
		})
	}
}

// A text too short for one window of a block is an error, not a panic in
// Batch: 100 characters split 90/10 leave 10 for validation, enough for a
// block of 8 (8+2) and not of 9.
func TestDataCheck(t *testing.T) {
	d := Encode(strings.Repeat("abcab", 20))
	if err := d.Check(8); err != nil {
		t.Errorf("block 8: %v", err)
	}
	want := "babygpt: the text is too short for a block of 9 characters: the training split has 90, the validation split 10; each needs at least 11"
	if err := d.Check(9); err == nil || err.Error() != want {
		t.Errorf("block 9: %v, want %q", err, want)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	x, y := make([]int, 8), make([]int, 8)
	Batch(rng, d.Val, 1, 8, x, y) // the largest block Check accepts works
}
