package llmex

import (
	"fmt"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/llm"
)

const epochsName = "epochs per source of a mixture"

var epochsHints = []string{
	"normalise the weights first: w_s / Σ w (GPT-3's printed weights add up to 101%)",
	"training on n tokens draws w_s·n of them from source s",
	"epochs_s = w_s·n / tokens_s: tokens drawn divided by the source's size",
}

// CheckEpochs checks epochs(weights, tokens, n), which must return how many
// times training on n tokens passes over each source of a mixture with the
// given sampling weights (not necessarily summing to 1) and sizes in
// tokens: w_s·n/tokens_s with w normalised, as llm.Mixture.Epochs computes
// it. The cases include GPT-3's Table 2.2 (Brown et al. 2020).
func CheckEpochs(epochs func(weights, tokens []float64, n float64) []float64) *lessons.Feedback {
	if epochs == nil {
		return lessons.Fail(epochsName, "no function to check", epochsHints...)
	}
	cases := []struct {
		name    string
		weights []float64
		tokens  []float64
		n       float64
	}{
		{"GPT-3", []float64{60, 22, 8, 8, 3}, []float64{410e9, 19e9, 12e9, 55e9, 3e9}, 300e9},
		{"two sources", []float64{1, 3}, []float64{1000, 500}, 2000},
		{"one source", []float64{0.5}, []float64{100}, 250},
	}
	for _, c := range cases {
		var src []llm.Source
		for i := range c.weights {
			src = append(src, llm.Source{Name: fmt.Sprint(i), Weight: c.weights[i], Tokens: int64(c.tokens[i])})
		}
		m, err := llm.NewMixture(nil, src...)
		if err != nil {
			return lessons.Fail(epochsName, err.Error())
		}
		var want []float64
		for _, r := range m.Epochs(int64(c.n)).Rows {
			want = append(want, r.Epochs)
		}
		var got []float64
		if msg := lessons.Call(func() { got = epochs(c.weights, c.tokens, c.n) }); msg != "" {
			return lessons.Fail(epochsName, msg, epochsHints...)
		}
		if allNear(got, want, 1e-9) {
			continue
		}
		what := fmt.Sprintf("%s: you computed %v, expected %v", c.name, round3(got), round3(want))
		raw := make([]float64, len(c.weights))
		for i := range raw {
			raw[i] = c.weights[i] * c.n / c.tokens[i]
		}
		if allNear(got, raw, 1e-9) || allNear(got, scale(raw, 0.01), 1e-9) {
			what += ": the weights are not normalised (GPT-3's add up to 101%)"
		}
		return lessons.Fail(epochsName, what, epochsHints...)
	}
	return lessons.Pass(epochsName, "w_s·n/tokens_s with normalised weights: GPT-3 read Wikipedia 3.0 times and WebText2 3.4 times by its own table's weights and sizes")
}

func round3(xs []float64) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = fmt.Sprintf("%.3g", x)
	}
	return out
}

func scale(xs []float64, k float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = x * k
	}
	return out
}
