package lmex_test

import (
	"fmt"
	"math"

	"github.com/lingo-nlp/lingo/lessons/lmex"
	"github.com/lingo-nlp/lingo/nlp/lm"
)

// The package's usage: the fixed-window forward pass of lesson 05,
// answered: x = [E[w₁]; …; E[wₙ]], h = tanh(x·W + b), logits = h·U + c.
func Example() {
	forward := func(m *lm.FixedWindow, window []int) []float32 {
		var x []float64
		for _, id := range window {
			for k := range m.Cfg.Dim {
				x = append(x, float64(m.Emb.W.At(id, k)))
			}
		}
		h := make([]float64, m.Cfg.Hidden)
		for j := range h {
			s := float64(m.Hidden.B.At(j))
			for i := range x {
				s += x[i] * float64(m.Hidden.W.At(i, j))
			}
			h[j] = math.Tanh(s)
		}
		y := make([]float32, m.Vocab().Len())
		for o := range y {
			s := float64(m.Out.B.At(o))
			for j := range h {
				s += h[j] * float64(m.Out.W.At(j, o))
			}
			y[o] = float32(s)
		}
		return y
	}
	fmt.Println(lmex.CheckWindowForward(forward).OK)
	// Output: true
}
