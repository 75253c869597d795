package vecex

import (
	"fmt"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/word2vec"
)

const gradName = "gradient ∂J/∂v_c"

var gradHints = []string{
	"J = −u_o·v_c + log Σ_w exp(u_w·v_c), so ∂J/∂v_c = −u_o + Σ_w P(w|c) u_w: observed minus expected",
	"compute ŷ = P(·|c) with your softmax, then start from −U[o] and add ŷ[w]·U[w] for every w",
	"the result has the length of v_c (one number per dimension), not one per word",
}

// gradCases reuse the softmax cases with an observed word each.
var gradCases = []struct {
	softmaxCase
	o int
}{
	{softmaxCases[0], 1},
	{softmaxCases[1], 2},
	{softmaxCases[1], 0},
}

// CheckGradVc checks a function returning ∂J/∂v_c for J = −log P(o | c)
// against word2vec.SoftmaxLoss (whose gradient the library tests against
// finite differences).
func CheckGradVc(f func(vc []float64, U [][]float64, o int) []float64) *lessons.Feedback {
	if f == nil {
		return lessons.Fail(gradName, "no function to check", gradHints...)
	}
	for _, c := range gradCases {
		name := fmt.Sprintf("%s, o = %d", c.name, c.o)
		var got []float64
		if msg := lessons.Call(func() { got = f(append([]float64(nil), c.vc...), cloneU(c.U), c.o) }); msg != "" {
			return lessons.Fail(gradName, fmt.Sprintf("for %s: %s", name, msg), gradHints...)
		}
		_, want, _, err := word2vec.SoftmaxLoss(c.vc, c.U, c.o)
		if err != nil {
			return lessons.Fail(gradName, "internal error: "+err.Error())
		}
		if nearAll(got, want) {
			continue
		}
		if len(got) != len(want) {
			return lessons.Fail(gradName, fmt.Sprintf("for %s you return %d numbers, expected %d (the dimension of v_c)", name, len(got), len(want)), gradHints...)
		}
		msg := fmt.Sprintf("for %s you return %s, expected %s", name, lessons.FormatVector(got), lessons.FormatVector(want))
		neg := make([]float64, len(want))
		expected := make([]float64, len(want)) // Σ ŷ_w u_w
		for i := range want {
			neg[i] = -want[i]
			expected[i] = want[i] + c.U[c.o][i]
		}
		minusUo := make([]float64, len(want))
		for i := range minusUo {
			minusUo[i] = -c.U[c.o][i]
		}
		switch {
		case nearAll(got, neg):
			msg += " (the sign is flipped: that is the gradient of log P(o|c), not of J = −log P(o|c))"
		case nearAll(got, minusUo):
			msg += " (only −u_o: the expected vector Σ_w P(w|c) u_w from the normaliser is missing)"
		case nearAll(got, expected):
			msg += " (only Σ_w P(w|c) u_w: the observed term −u_o is missing)"
		}
		return lessons.Fail(gradName, msg, gradHints...)
	}
	return lessons.Pass(gradName, "right on all %d cases: observed minus expected, −u_o + Σ_w P(w|c) u_w", len(gradCases))
}
