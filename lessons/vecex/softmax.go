package vecex

import (
	"fmt"
	"math"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/word2vec"
)

const softmaxName = "naive softmax P(o|c)"

var softmaxHints = []string{
	"score every outside word: s_w = u_w·v_c (U[w] is u_w), then P(w|c) = exp(s_w) / Σ_x exp(s_x)",
	"return one probability per row of U, in the same order; they are positive and sum to 1",
	"for large scores exp overflows to +Inf: subtract the largest score from every s_w first, which cancels in the ratio",
}

// softmaxCase is a centre vector and the outside vectors U (one row per word).
type softmaxCase struct {
	name string
	vc   []float64
	U    [][]float64
}

// softmaxCases: the lecture-sized example (the package example's numbers),
// a random-looking one, and one whose scores overflow exp.
var softmaxCases = []softmaxCase{
	{"v_c = (1, 0), u = (2, 0), (0, 2), (−2, 0)", []float64{1, 0}, [][]float64{{2, 0}, {0, 2}, {-2, 0}}},
	{"v_c = (0.3, −0.2, 0.5) and four outside words", []float64{0.3, -0.2, 0.5},
		[][]float64{{0.1, 0.4, -0.3}, {-0.5, 0.2, 0.8}, {0.9, -0.1, 0.05}, {0, 0, 0}}},
	{"v_c = (10, 0) and u = (100, 0), (99, 1), (0, 100) (scores 1000, 990, 0)", []float64{10, 0},
		[][]float64{{100, 0}, {99, 1}, {0, 100}}},
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func cloneU(U [][]float64) [][]float64 {
	out := make([][]float64, len(U))
	for i, r := range U {
		out[i] = append([]float64(nil), r...)
	}
	return out
}

// CheckSoftmax checks a function returning P(w | c) for every outside word
// w (the rows of U) against word2vec.SoftmaxProbs, on three cases; the last
// has scores near 1000 and needs the max-subtraction trick.
func CheckSoftmax(f func(vc []float64, U [][]float64) []float64) *lessons.Feedback {
	if f == nil {
		return lessons.Fail(softmaxName, "no function to check", softmaxHints...)
	}
	for _, c := range softmaxCases {
		var got []float64
		if msg := lessons.Call(func() { got = f(append([]float64(nil), c.vc...), cloneU(c.U)) }); msg != "" {
			return lessons.Fail(softmaxName, fmt.Sprintf("for %s: %s", c.name, msg), softmaxHints...)
		}
		want := word2vec.SoftmaxProbs(c.vc, c.U)
		if nearAll(got, want) {
			continue
		}
		if len(got) != len(want) {
			return lessons.Fail(softmaxName, fmt.Sprintf("for %s you return %d numbers, expected %d (one per row of U)", c.name, len(got), len(want)), softmaxHints...)
		}
		msg := fmt.Sprintf("for %s you return %s, expected %s", c.name, lessons.FormatVector(got), lessons.FormatVector(want))
		scores := make([]float64, len(c.U))
		exps := make([]float64, len(c.U))
		var sumScores float64
		for w, u := range c.U {
			scores[w] = dot(u, c.vc)
			exps[w] = math.Exp(scores[w])
			sumScores += scores[w]
		}
		var bad, sum float64
		for _, p := range got {
			if math.IsNaN(p) || math.IsInf(p, 0) {
				bad++
			}
			sum += p
		}
		ratio := make([]float64, len(scores))
		for w := range scores {
			ratio[w] = scores[w] / sumScores
		}
		switch {
		case bad > 0:
			msg += " (exp overflowed: subtract the largest score from all scores before exponentiating)"
		case nearAll(got, scores):
			msg += " (those are the scores u_w·v_c: exponentiate and normalise them)"
		case nearAll(got, exps):
			msg += " (those are exp(u_w·v_c) without the normalisation: divide by their sum)"
		case nearAll(got, ratio):
			msg += " (the scores were normalised without exp: softmax divides exp(s_w) by Σ exp(s_x))"
		case !near(sum, 1):
			msg += fmt.Sprintf(" (they sum to %.4g, not 1)", sum)
		}
		return lessons.Fail(softmaxName, msg, softmaxHints...)
	}
	return lessons.Pass(softmaxName, "right on all %d cases, including scores of 1000 that overflow a naive exp", len(softmaxCases))
}
