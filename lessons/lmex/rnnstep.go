package lmex

import (
	"github.com/lingo-nlp/lingo/lessons"
	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
)

const rnnName = "one RNN step"

var rnnHints = []string{
	"h'[j] = tanh(b[j] + Σ_i x[i]·Wx[i][j] + Σ_k h[k]·Wh[k][j])",
	"Wx is (inputs × hidden): index it Wx[i][j], input i to unit j",
	"do not forget the tanh, and add both products before applying it",
}

// CheckRNNStep checks one step of an Elman RNN written with loops:
// step(x, h, Wx, Wh, b) must return h' = tanh(x·Wx + h·Wh + b), with Wx
// (In × H) and Wh (H × H) as row-major [][]float64. It is compared with
// nn.RNNCell.Step.
func CheckRNNStep(step func(x, h []float64, Wx, Wh [][]float64, b []float64) []float64) *lessons.Feedback {
	if step == nil {
		return lessons.Fail(rnnName, "no function to check", rnnHints...)
	}
	rng := nn.NewRand(3)
	in, H := 3, 4
	cell := nn.NewRNNCell(rng, in, H)
	for trial := range 3 {
		x, h := make([]float32, in), make([]float32, H)
		for i := range x {
			x[i] = float32(rng.NormFloat64())
		}
		for i := range h {
			h[i] = float32(rng.NormFloat64()) * float32(trial) / 2
		}
		var want []float64
		ag.NoGrad(func() {
			y := cell.Step(ag.FromSlice(x, 1, in), ag.FromSlice(h, 1, H))
			want = to64(y.Data)
		})
		var got []float64
		Wx, Wh, b := rows(cell.Wx), rows(cell.Wh), to64(cell.B.Data)
		msg := lessons.Call(func() { got = step(to64(x), to64(h), Wx, Wh, b) })
		if msg == "" {
			msg = compare("h'", got, want, 1e-5)
			if msg != "" && compare("h'", got, preActivation(to64(x), to64(h), Wx, Wh, b), 1e-5) == "" {
				msg = "your h' is the pre-activation x·Wx + h·Wh + b: the new state is tanh of it, " +
					"h' = tanh(x·Wx + h·Wh + b), which keeps every unit in (−1, 1)"
			}
		}
		if msg != "" {
			return lessons.Fail(rnnName, msg, rnnHints...)
		}
	}
	return lessons.Pass(rnnName, "your step equals nn.RNNCell.Step on 3 inputs, including a zero initial state")
}

// preActivation is x·Wx + h·Wh + b, an RNN step without its tanh.
func preActivation(x, h []float64, Wx, Wh [][]float64, b []float64) []float64 {
	out := make([]float64, len(b))
	for j := range out {
		s := b[j]
		for i := range x {
			s += x[i] * Wx[i][j]
		}
		for k := range h {
			s += h[k] * Wh[k][j]
		}
		out[j] = s
	}
	return out
}

// rows copies a 2-D tensor into [][]float64.
func rows(t *nn.Tensor) [][]float64 {
	r, c := t.Dim(0), t.Dim(1)
	out := make([][]float64, r)
	for i := range out {
		out[i] = to64(t.Data[i*c : (i+1)*c])
	}
	return out
}
