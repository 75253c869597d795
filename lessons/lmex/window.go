package lmex

import (
	"fmt"
	"math"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/lm"
	"github.com/lingo-nlp/lingo/nlp/nn"
)

const windowName = "fixed-window forward pass"

var windowHints = []string{
	"x is the n embeddings side by side: for each id in window, append the row m.Emb.W.At(id, k) for k < d",
	"hidden unit j: tanh(b[j] + Σ_i x[i]·W[i][j]) with W = m.Hidden.W (shape n·d × H), b = m.Hidden.B",
	"output o: c[o] + Σ_j h[j]·U[j][o] with U = m.Out.W (H × V), c = m.Out.B; return the logits, not the softmax",
}

// CheckWindowForward checks a hand-written forward pass of the fixed-window
// model: given the model and a window of n ids (the padding id V may
// appear), forward must return the V logits
//
//	x = [E[w_1]; …; E[w_n]],  h = tanh(x·W + b),  y = h·U + c
//
// It is compared with lm.FixedWindow.Logits on a small random model and
// several windows, to 1e-4.
func CheckWindowForward(forward func(m *lm.FixedWindow, window []int) []float32) *lessons.Feedback {
	if forward == nil {
		return lessons.Fail(windowName, "no function to check", windowHints...)
	}
	v := lm.NewVocab("abcdefgh ij\n", lm.Chars, 1)
	m, err := lm.NewFixedWindow(v, lm.WindowConfig{Context: 3, Dim: 4, Hidden: 6, Seed: 5})
	if err != nil {
		return lessons.Fail(windowName, err.Error())
	}
	rng := nn.NewRand(9)
	stream := make([]int, 12)
	for i := range stream {
		stream[i] = 1 + rng.IntN(v.Len()-1)
	}
	for _, t := range []int{0, 2, 5, 11} {
		win := m.Window(stream, t)
		var got []float32
		if msg := lessons.Call(func() { got = forward(m, win) }); msg != "" {
			return lessons.Fail(windowName, msg, windowHints...)
		}
		want := m.Logits(stream[:t])
		if msg := compare("logits", to64(got), to64(want), 1e-4); msg != "" {
			window := v.Decode(clean(win, v.Len()))
			if compare("logits", to64(got), windowLogits(m, win, false), 1e-4) == "" {
				msg = "your logits are the ones the model would give without the tanh: " +
					"the hidden layer is h = tanh(x·W + b), and the output layer takes h, not x·W + b"
				return lessons.Fail(windowName, fmt.Sprintf("for window %s: %s", window, msg), windowHints...)
			}
			if len(got) == len(want) && allInUnit(got) {
				msg += " (did you return probabilities? the library returns logits, before the softmax)"
			}
			return lessons.Fail(windowName, fmt.Sprintf("for window %s: %s", window, msg), windowHints...)
		}
	}
	return lessons.Pass(windowName, "your logits equal lm.FixedWindow's on 4 windows, padding included")
}

// windowLogits is the fixed-window forward pass in float64, with or
// without the hidden layer's tanh (the second is a typical mistake).
func windowLogits(m *lm.FixedWindow, window []int, tanh bool) []float64 {
	d := m.Cfg.Dim
	var x []float64
	for _, id := range window {
		for k := range d {
			x = append(x, float64(m.Emb.W.At(id, k)))
		}
	}
	h := make([]float64, m.Cfg.Hidden)
	for j := range h {
		s := float64(m.Hidden.B.At(j))
		for i := range x {
			s += x[i] * float64(m.Hidden.W.At(i, j))
		}
		if tanh {
			s = math.Tanh(s)
		}
		h[j] = s
	}
	y := make([]float64, m.Vocab().Len())
	for o := range y {
		s := float64(m.Out.B.At(o))
		for j := range h {
			s += h[j] * float64(m.Out.W.At(j, o))
		}
		y[o] = s
	}
	return y
}

func allInUnit(xs []float32) bool {
	for _, x := range xs {
		if x < 0 || x > 1 {
			return false
		}
	}
	return true
}

// clean shows padding ids as <unk> when decoding a window.
func clean(win []int, V int) []int {
	out := make([]int, len(win))
	for i, id := range win {
		if id < V {
			out[i] = id
		}
	}
	return out
}
