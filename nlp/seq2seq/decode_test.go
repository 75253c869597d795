package seq2seq

import (
	"math"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/text"
)

// scripted is a translator whose next-word distribution is a fixed table
// keyed by the output prefix, to test the search itself without training.
type scripted struct {
	v    *text.Vocab
	next map[string]map[string]float64 // prefix → word → probability
}

func (s *scripted) vocabs() (src, tgt *text.Vocab) { return s.v, s.v }

func (s *scripted) start(srcs [][]string) (decoder, []int, int) {
	return &scriptedDec{s: s, prefix: make([][]string, len(srcs))}, []int{1}, 1
}

type scriptedDec struct {
	s      *scripted
	prefix [][]string
}

func (d *scriptedDec) step(yPrev []int) ([]float32, []float32) {
	V := d.s.v.Len()
	out := make([]float32, len(yPrev)*V)
	for i, y := range yPrev {
		if y != BOSID {
			d.prefix[i] = append(d.prefix[i], d.s.v.Word(y))
		}
		for j := range V {
			out[i*V+j] = -30 // practically 0 after the softmax
		}
		for w, p := range d.s.next[strings.Join(d.prefix[i], " ")] {
			out[i*V+d.s.v.ID(w)] = float32(math.Log(p))
		}
	}
	return out, nil
}

func (d *scriptedDec) keep(from []int) {
	p := make([][]string, len(from))
	for i, r := range from {
		p[i] = append([]string(nil), d.prefix[r]...)
	}
	d.prefix = p
}

// The table is made so that every decoder gives a different answer:
//
//	greedy     a (0.45) → c (0.2; <unk> would be 0.5) → </s>     P = 0.09
//	beam, α=0  </s> at once                                       P = 0.3
//	beam, α=1  b (0.25) → c → d → </s> (0.95 each)                P ≈ 0.214
//
// With α = 1, lp(1) = 1 and lp(4) = 1.5: log 0.3 = −1.20 loses to
// log 0.214 / 1.5 = −1.03. Probabilities come out of the softmax within
// 1e-12 of the table.
func TestBeamSearchScripted(t *testing.T) {
	_, v := vocabs(t, []Pair{{Tgt: []string{"a", "b", "c", "d"}}}, 1)
	s := &scripted{v: v, next: map[string]map[string]float64{
		"":        {EOS: 0.3, "a": 0.45, "b": 0.25},
		"a":       {Unk: 0.5, "c": 0.2, "d": 0.15, EOS: 0.15},
		"a c":     {EOS: 1},
		"a <unk>": {EOS: 1},
		"a d":     {EOS: 1},
		"b":       {"c": 0.95, EOS: 0.05},
		"b c":     {"d": 0.95, EOS: 0.05},
		"b c d":   {EOS: 0.95, "a": 0.05},
	}}
	src := []string{"x"}
	for _, c := range []struct {
		name string
		got  *Translation
		want string
		p    float64
	}{
		{"greedy", greedy(s, [][]string{src}, 0, false)[0], "a c", 0.45 * 0.2},
		{"beam(1)", beam(s, src, BeamConfig{Width: 1})[0], "a c", 0.45 * 0.2},
		{"beam(3), α=0", beam(s, src, BeamConfig{Width: 3})[0], "", 0.3},
		{"beam(3), α=1", beam(s, src, BeamConfig{Width: 3, Alpha: 1})[0], "b c d", 0.25 * 0.95 * 0.95 * 0.95},
		{"greedy with <unk>", greedy(s, [][]string{src}, 0, true)[0], "a <unk>", 0},
	} {
		if got := Join(c.got.Tokens); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
		if c.p > 0 && math.Abs(c.got.LogProb-math.Log(c.p)) > 1e-6 {
			t.Errorf("%s: log P %.6f, want %.6f", c.name, c.got.LogProb, math.Log(c.p))
		}
	}
	nb := beam(s, src, BeamConfig{Width: 3, Alpha: 1, NBest: 3})
	if len(nb) != 3 || nb[0].Score < nb[1].Score || nb[1].Score < nb[2].Score {
		t.Errorf("n-best not sorted by score: %v", nb)
	}
}
