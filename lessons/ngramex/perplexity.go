package ngramex

import (
	"fmt"
	"math"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/ngram"
)

const pplName = "perplexity from log-probabilities"

var pplHints = []string{
	"PP = exp(−(1/N) Σ ln p_t): average the N log-probabilities, negate, exponentiate",
	"the log-probabilities are natural logs (≤ 0), so −mean is ≥ 0 and PP ≥ 1",
	"a token with probability 0 has ln p = −Inf, and the perplexity is then +Inf: math.Exp handles that without a special case",
}

// A PerplexityCase is one list of log-probabilities and its perplexity.
type PerplexityCase struct {
	Name     string
	LogProbs []float64
	Want     float64
}

// PerplexityCases returns the cases CheckPerplexity tries: a toy list
// (p = 1/2, 1/4, 1/8: cross-entropy 2 bits, PP = 4), the log-probabilities
// of test under m, and, when m has counts, under m re-smoothed as MLE
// (where an unseen n-gram makes the perplexity +Inf). The expected values
// of the last two are m.Evaluate(test).Perplexity.
func PerplexityCases(m *ngram.Model, test [][]string) []PerplexityCase {
	cases := []PerplexityCase{{"the toy list ln(1/2), ln(1/4), ln(1/8)", []float64{math.Log(0.5), math.Log(0.25), math.Log(0.125)}, 4}}
	if m == nil || len(test) == 0 {
		return cases
	}
	add := func(name string, mm *ngram.Model) {
		var lp []float64
		for _, s := range test {
			lp = append(lp, wantLogProbs(mm, s)...)
		}
		cases = append(cases, PerplexityCase{name, lp, mm.Evaluate(test).Perplexity})
	}
	add(fmt.Sprintf("the %d held-out sentences under your model", len(test)), m)
	if mle, err := m.WithSmoothing(ngram.MLE); err == nil {
		add("the held-out sentences under MLE", mle)
	}
	return cases
}

// CheckPerplexity checks a function turning natural-log probabilities of N
// tokens into the perplexity exp(−(1/N) Σ ln p), on PerplexityCases(m,
// test): the answers must equal the library's Model.Evaluate.
func CheckPerplexity(m *ngram.Model, test [][]string, perplexity func(logProbs []float64) float64) *lessons.Feedback {
	if perplexity == nil {
		return lessons.Fail(pplName, "no function to check", pplHints...)
	}
	cases := PerplexityCases(m, test)
	for _, c := range cases {
		var got float64
		lp := append([]float64(nil), c.LogProbs...)
		if msg := lessons.Call(func() { got = perplexity(lp) }); msg != "" {
			return lessons.Fail(pplName, fmt.Sprintf("for %s: %s", c.Name, msg), pplHints...)
		}
		if near(got, c.Want) {
			continue
		}
		return lessons.Fail(pplName, fmt.Sprintf("for %s: %.6g, expected %.6g%s", c.Name, got, c.Want, diagnosePerplexity(c.LogProbs, got)), pplHints...)
	}
	return lessons.Pass(pplName, "right on all %d cases; on the held-out text it equals m.Evaluate's perplexity", len(cases))
}

// diagnosePerplexity names the usual slip that gives got, or "".
func diagnosePerplexity(lp []float64, got float64) string {
	var sum, sumP float64
	for _, x := range lp {
		sum += x
		sumP += math.Exp(x)
	}
	mean := sum / float64(len(lp))
	switch {
	case math.IsNaN(got):
		return " (NaN: an empty list, or 0·Inf?)"
	case near(got, math.Exp(mean)):
		return " (this is exp(+mean): the minus sign is missing, you get 1/PP)"
	case near(got, -mean):
		return " (this is the cross-entropy in nats: exponentiate it)"
	case near(got, -mean/math.Ln2):
		return " (this is the cross-entropy in bits: PP = 2 to that power)"
	case near(got, math.Exp(-sum)):
		return " (this is exp(−sum): divide the sum by N first)"
	case near(got, math.Exp2(-mean)):
		return " (the log-probabilities are natural logs: use math.Exp, not math.Exp2)"
	case near(got, sumP/float64(len(lp))) || near(got, float64(len(lp))/sumP):
		return " (perplexity averages log-probabilities, not probabilities)"
	}
	return ""
}
