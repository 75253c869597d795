package llmex

import (
	"fmt"
	"math"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/llm"
)

const dpoName = "DPO loss"

var dpoHints = []string{
	"the implicit reward of a response is β·(log π(y) − log π_ref(y))",
	"z = implicit reward of the chosen response − implicit reward of the rejected one",
	"the loss is the Bradley–Terry loss of z: −log σ(z) = log(1 + e^{−z})",
}

// CheckDPO checks loss(polPos, polNeg, refPos, refNeg, beta), the DPO loss
// of one pair from the sequence log-probs of the chosen (Pos) and rejected
// (Neg) responses under the policy and the frozen reference, against
// llm.DPO.
func CheckDPO(loss func(polPos, polNeg, refPos, refNeg, beta float64) float64) *lessons.Feedback {
	if loss == nil {
		return lessons.Fail(dpoName, "no function to check", dpoHints...)
	}
	bt := func(z float64) float64 { l, _, _ := llm.BradleyTerry(z, 0); return l }
	mistakes := []mistake[func(pp, pn, rp, rn, b float64) float64]{
		{func(pp, pn, rp, rn, b float64) float64 { return bt(b * (pp - pn)) }, "the reference model is missing: subtract log π_ref from each log π"},
		{func(pp, pn, rp, rn, b float64) float64 { return bt((pp - rp) - (pn - rn)) }, "β is missing: it scales the log-ratios"},
		// Also what log π_ref − log π (the log-ratio upside down) gives.
		{func(pp, pn, rp, rn, b float64) float64 { return bt(-b * ((pp - rp) - (pn - rn))) }, "the sign is reversed: the loss must fall as the chosen response gains probability (write log π − log π_ref, chosen minus rejected)"},
	}
	for _, c := range [][5]float64{{-10, -11, -12, -10, 0.1}, {-5, -4, -5, -6, 0.5}, {-20, -25, -22, -21, 1}, {-3, -3, -3, -3, 0.2}} {
		var got float64
		if msg := lessons.Call(func() { got = loss(c[0], c[1], c[2], c[3], c[4]) }); msg != "" {
			return lessons.Fail(dpoName, msg, dpoHints...)
		}
		want, _, _ := llm.DPO(c[0], c[1], c[2], c[3], c[4])
		if near(got, want, 1e-9) {
			continue
		}
		what := fmt.Sprintf("loss(%g, %g, %g, %g, β=%g) = %.6g, expected %.6g", c[0], c[1], c[2], c[3], c[4], got, want)
		for _, m := range mistakes {
			if near(got, m.f(c[0], c[1], c[2], c[3], c[4]), 1e-9) {
				return lessons.Fail(dpoName, what+": "+m.msg, dpoHints...)
			}
		}
		if math.IsNaN(got) || math.IsInf(got, 0) {
			return lessons.Fail(dpoName, what+": not a finite number", dpoHints...)
		}
		return lessons.Fail(dpoName, what, dpoHints...)
	}
	return lessons.Pass(dpoName, "your loss equals llm.DPO's, e.g. 0.5544 for the lesson's hand-computed pair")
}
