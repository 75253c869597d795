package word2vecex

import (
	"fmt"
	"math"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/word2vec"
)

const nsName = "negative sampling loss"

var nsHints = []string{
	"J = −log σ(u_o·v_c) − Σ_k log σ(−u_k·v_c), with σ(x) = 1/(1+e^−x): the true pair is pushed up, the K sampled pairs down",
	"the negatives enter with a minus sign inside σ: σ(−u_k·v_c) is the probability that (c, k) is NOT a real pair",
	"negs may repeat an index: each draw counts once in the sum",
}

type nsCase struct {
	name string
	vc   []float64
	U    [][]float64
	o    int
	negs []int
}

var nsCases = []nsCase{
	{"v_c = (1, 0), u_o = (2, 0), one negative u = (0, 1)", []float64{1, 0}, [][]float64{{2, 0}, {0, 1}}, 0, []int{1}},
	{"v_c = (0.3, −0.2, 0.5), o = 0, negatives 1, 2, 3", []float64{0.3, -0.2, 0.5},
		[][]float64{{0.1, 0.4, -0.3}, {-0.5, 0.2, 0.8}, {0.9, -0.1, 0.05}, {0.2, 0.2, 0.2}}, 0, []int{1, 2, 3}},
	{"the same vectors, o = 2, negatives 1, 1, 3 (a repeated draw)", []float64{0.3, -0.2, 0.5},
		[][]float64{{0.1, 0.4, -0.3}, {-0.5, 0.2, 0.8}, {0.9, -0.1, 0.05}, {0.2, 0.2, 0.2}}, 2, []int{1, 1, 3}},
}

func logSigmoid(x float64) float64 { return -math.Log1p(math.Exp(-x)) }

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// CheckNegSamplingLoss checks a function returning the negative-sampling
// loss of one (centre, outside) pair and its sampled negatives against
// word2vec.NegSamplingLoss.
func CheckNegSamplingLoss(f func(vc []float64, U [][]float64, o int, negs []int) float64) *lessons.Feedback {
	if f == nil {
		return lessons.Fail(nsName, "no function to check", nsHints...)
	}
	for _, c := range nsCases {
		var got float64
		if msg := lessons.Call(func() { got = f(append([]float64(nil), c.vc...), cloneU(c.U), c.o, append([]int(nil), c.negs...)) }); msg != "" {
			return lessons.Fail(nsName, fmt.Sprintf("for %s: %s", c.name, msg), nsHints...)
		}
		want, _, _, err := word2vec.NegSamplingLoss(c.vc, c.U, c.o, c.negs)
		if err != nil {
			return lessons.Fail(nsName, "internal error: "+err.Error())
		}
		if near(got, want) {
			continue
		}
		msg := fmt.Sprintf("for %s you return %.6g, expected %.6g", c.name, got, want)
		pos := -logSigmoid(dot(c.U[c.o], c.vc))
		var negRight, negWrong float64
		for _, k := range c.negs {
			s := dot(c.U[k], c.vc)
			negRight -= logSigmoid(-s)
			negWrong -= logSigmoid(s)
		}
		switch {
		case near(got, -want):
			msg += " (the sign is flipped: the loss is −log σ(…), a positive number)"
		case near(got, pos):
			msg += " (only the true pair: add −log σ(−u_k·v_c) for every negative k)"
		case near(got, pos+negWrong):
			msg += " (the negatives use σ(u_k·v_c): it must be σ(−u_k·v_c), the probability of not being a real pair)"
		case near(got, negRight):
			msg += " (only the negatives: the true pair's −log σ(u_o·v_c) is missing)"
		}
		return lessons.Fail(nsName, msg, nsHints...)
	}
	return lessons.Pass(nsName, "right on all %d cases: K+1 logistic terms instead of a sum over the vocabulary", len(nsCases))
}
