package llmex

import (
	"fmt"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/llm"
)

const gaeName = "generalised advantage estimation"

var gaeHints = []string{
	"δ_t = r_t + γ·V_{t+1} − V_t, with V_T = 0 after the last step (the episode ends)",
	"A_t = δ_t + γλ·A_{t+1}: compute it backwards, from t = T−1 down to 0, with A_T = 0",
	"check on the 3-step episode of the lesson: r = (0, 0, 1), V = (0.5, 0.6, 0.7), γ = 0.9, λ = 0.8 gives A = (0.21712, 0.246, 0.3)",
}

// CheckGAE checks gae(rewards, values, gamma, lambda), which must return the
// advantages of one finished episode (V after the last step is 0),
// against llm.GAE.
func CheckGAE(gae func(rewards, values []float64, gamma, lambda float64) []float64) *lessons.Feedback {
	if gae == nil {
		return lessons.Fail(gaeName, "no function to check", gaeHints...)
	}
	cases := []struct{ r, v []float64 }{
		{[]float64{0, 0, 1}, []float64{0.5, 0.6, 0.7}},
		{[]float64{0.1, -0.2, 0.3, 1}, []float64{0.2, 0.1, 0.4, 0.3}},
	}
	for _, c := range cases {
		for _, gl := range [][2]float64{{0.9, 0.8}, {1, 0.95}} {
			g, l := gl[0], gl[1]
			var got []float64
			if msg := lessons.Call(func() { got = gae(append([]float64(nil), c.r...), append([]float64(nil), c.v...), g, l) }); msg != "" {
				return lessons.Fail(gaeName, msg, gaeHints...)
			}
			want, _ := llm.GAE(c.r, c.v, 0, g, l)
			if allNear(got, want, 1e-9) {
				continue
			}
			what := fmt.Sprintf("r = %v, V = %v, γ = %g, λ = %g: got %.5g, expected %.5g", c.r, c.v, g, l, got, want)
			if len(got) != len(want) {
				return lessons.Fail(gaeName, what+fmt.Sprintf(": %d advantages, expected one per step (%d)", len(got), len(want)), gaeHints...)
			}
			noLambda, _ := llm.GAE(c.r, c.v, 0, g, l/g) // γλ written as λ
			if allNear(got, noLambda, 1e-9) {
				return lessons.Fail(gaeName, what+": the recursion multiplies A_{t+1} by λ only; it is γλ", gaeHints...)
			}
			td, _ := llm.GAE(c.r, c.v, 0, g, 0)
			if allNear(got, td, 1e-9) {
				return lessons.Fail(gaeName, what+": these are the one-step δ_t; add γλ·A_{t+1}", gaeHints...)
			}
			if allNear(got, forwardGAE(c.r, c.v, g, l), 1e-9) {
				return lessons.Fail(gaeName, what+": the sum runs forwards; A_t depends on the later steps, so loop from the end", gaeHints...)
			}
			return lessons.Fail(gaeName, what, gaeHints...)
		}
	}
	return lessons.Pass(gaeName, "your advantages equal llm.GAE's on %d episodes", len(cases)*2)
}

// forwardGAE is the mistake of running the recursion from t = 0 upwards,
// A_t = δ_t + γλ A_{t−1}.
func forwardGAE(r, v []float64, g, l float64) []float64 {
	out := make([]float64, len(r))
	prev := 0.0
	for t := range r {
		next := 0.0
		if t+1 < len(v) {
			next = v[t+1]
		}
		prev = r[t] + g*next - v[t] + g*l*prev
		out[t] = prev
	}
	return out
}
