package lm

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
)

// The Transformer's decoder (a key/value cache while the tokens fit in the
// context, the full window once it slides) gives the distribution a full
// forward pass over the same window gives, at every step.
func TestTransformerDecoderMatchesForward(t *testing.T) {
	v := NewVocab("the students opened their books and exams; a quick brown fox jumps over the lazy dog.\n", Chars, 1)
	m, err := NewTransformer(v, TransformerConfig{Block: 16, Dim: 32, Heads: 4, Layers: 2, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	d := m.decoder()
	var hist []int
	for step := range 40 { // 16 cached steps, then the window slides
		tok := rng.IntN(v.Len())
		got := d.feed(tok)
		hist = append(hist, tok)
		win := hist[max(0, len(hist)-16):]
		var want []float64
		ag.NoGrad(func() {
			logits, err := m.Forward(win, 1, len(win))
			if err != nil {
				t.Fatal(err)
			}
			V := logits.Dim(2)
			want = softmax64(logits.Data[(len(win)-1)*V:])
		})
		for i := range want {
			if math.Abs(got[i]-want[i]) > 1e-5 {
				t.Fatalf("step %d: P(token %d) = %.7f from the decoder, %.7f from Forward", step, i, got[i], want[i])
			}
		}
	}
}

// Forward refuses, with an error naming the bad value, what it has no
// answer for: more positions than the context (no position embedding), a
// slice of the wrong length, an id outside the vocabulary, an empty batch.
// Before, a 17-position input to a Block-16 model panicked (slice bounds).
func TestTransformerForwardRejects(t *testing.T) {
	v := NewVocab("abcdefgh", Chars, 1)
	m, err := NewTransformer(v, TransformerConfig{Block: 16, Dim: 16, Heads: 2, Layers: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	ids := func(n int) []int { return make([]int, n) }
	for _, c := range []struct {
		name string
		ids  []int
		B, T int
		want string
	}{
		{"past the context", ids(17), 1, 17, "T=17 positions, but the model's context (Block) is 16"},
		{"wrong length", ids(10), 2, 4, "10 ids for B=2 sequences of T=4"},
		{"id outside", []int{1, 2, v.Len()}, 1, 3, "id " + itoa(v.Len()) + " at index 2 is outside the vocabulary"},
		{"negative id", []int{-1}, 1, 1, "id -1 at index 0"},
		{"empty", nil, 0, 4, "B=0 sequences"},
	} {
		out, err := m.Forward(c.ids, c.B, c.T)
		if err == nil || out != nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, %v; want an error with %q", c.name, out, err, c.want)
		}
	}
	out, err := m.Forward(ids(32), 2, 16)
	if err != nil || out.Dim(0) != 2 || out.Dim(1) != 16 || out.Dim(2) != v.Len() {
		t.Errorf("a full context: %v, %v", out, err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
