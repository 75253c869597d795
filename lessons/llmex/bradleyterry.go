package llmex

import (
	"fmt"
	"math"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/llm"
)

const btName = "Bradley–Terry loss"

var btHints = []string{
	"P(chosen ≻ rejected) = σ(r⁺ − r⁻) with σ(x) = 1/(1 + e^{−x}); the loss is its negative log",
	"−log σ(d) = log(1 + e^{−d}); for d < 0 write it as −d + log(1 + e^{d}) so e^{−d} never overflows",
	"math.Log1p(x) computes log(1 + x) accurately for small x",
}

// CheckBradleyTerry checks loss(rPos, rNeg) = −log σ(rPos − rNeg), the
// reward model's loss on a pair whose chosen response has reward rPos. It
// is compared with llm.BradleyTerry on margins from −800 to 800, so a
// formula that overflows e^{−d} fails with a hint on stability.
func CheckBradleyTerry(loss func(rPos, rNeg float64) float64) *lessons.Feedback {
	if loss == nil {
		return lessons.Fail(btName, "no function to check", btHints...)
	}
	sig := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	mistakes := []mistake[func(p, n float64) float64]{
		{func(p, n float64) float64 { return -math.Log(sig(n - p)) }, "the margin is reversed: the loss must be small when the chosen response has the higher reward, use σ(r⁺ − r⁻)"},
		{func(p, n float64) float64 { return math.Log(sig(p - n)) }, "the sign is missing: log σ(d) ≤ 0; the loss is −log σ(d)"},
		{func(p, n float64) float64 { return 1 - sig(p-n) }, "that is 1 − σ(d), not the negative log-likelihood −log σ(d)"},
		{func(p, n float64) float64 { return -math.Log(sig(p)) - math.Log(1-sig(n)) }, "the rewards are scored separately; Bradley–Terry compares them: −log σ(r⁺ − r⁻)"},
	}
	for _, c := range [][2]float64{{1, 1}, {2, 0.5}, {-1, 1.5}, {0.3, -0.2}, {5, -5}} {
		var got float64
		if msg := lessons.Call(func() { got = loss(c[0], c[1]) }); msg != "" {
			return lessons.Fail(btName, msg, btHints...)
		}
		want, _, _ := llm.BradleyTerry(c[0], c[1])
		if near(got, want, 1e-9) {
			continue
		}
		what := fmt.Sprintf("loss(%g, %g) = %.6g, expected %.6g", c[0], c[1], got, want)
		for _, m := range mistakes {
			if near(got, m.f(c[0], c[1]), 1e-9) {
				return lessons.Fail(btName, what+": "+m.msg, btHints...)
			}
		}
		return lessons.Fail(btName, what, btHints...)
	}
	// Large margins: the naive formula overflows (e^{800} = +Inf).
	for _, c := range [][2]float64{{0, 800}, {800, 0}} {
		var got float64
		if msg := lessons.Call(func() { got = loss(c[0], c[1]) }); msg != "" {
			return lessons.Fail(btName, msg, btHints...)
		}
		want, _, _ := llm.BradleyTerry(c[0], c[1])
		if !near(got, want, 1e-9) {
			return lessons.Fail(btName, fmt.Sprintf("right for moderate rewards, but loss(%g, %g) = %g, expected %g: the formula overflows for a large margin", c[0], c[1], got, want), btHints[1:]...)
		}
	}
	return lessons.Pass(btName, "−log σ(r⁺ − r⁻) is right, and stable for margins of ±800")
}
