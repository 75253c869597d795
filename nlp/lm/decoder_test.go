package lm

import (
	"math"
	"math/rand/v2"
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
			logits := m.Forward(win, 1, len(win))
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
