package ngramex

import (
	"fmt"
	"math"
	"slices"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/ngram"
)

const logProbName = "sentence log-probabilities"

var logProbHints = []string{
	"the sentence is scored as <s> w1 … wT </s>: predict w1 from [<s>], w2 from [<s> w1], …, and finally </s> from the whole sentence",
	"keep a history slice starting with ngram.BOS; for each token, append m.LogProb(token, history), then append the token to the history",
	"T words give T+1 log-probabilities (</s> counts, <s> is never predicted); m.LogProb is the natural log, and the model itself keeps only the last n−1 words of the history",
}

// CheckSentenceLogProbs checks a function returning, for a tokenised
// sentence, ln P of each word and of the final </s> given everything before
// it (starting at <s>), as Model.Evaluate scores held-out text. It tries the
// first sentences of test (at most 20) and compares token by token with
// m.LogProb, then the sum with m.Evaluate.
func CheckSentenceLogProbs(m *ngram.Model, test [][]string, f func(m *ngram.Model, sentence []string) []float64) *lessons.Feedback {
	if m == nil {
		return lessons.Fail(logProbName, "no model: pass the *ngram.Model you trained")
	}
	if f == nil {
		return lessons.Fail(logProbName, "no function to check", logProbHints...)
	}
	var sents [][]string
	for _, s := range test {
		if len(s) > 0 && len(sents) < 20 {
			sents = append(sents, s)
		}
	}
	if len(sents) == 0 {
		return lessons.Fail(logProbName, "no sentences to try: pass the held-out sentences")
	}
	tokens := 0
	for _, s := range sents {
		var got []float64
		if msg := lessons.Call(func() { got = f(m, slices.Clone(s)) }); msg != "" {
			return lessons.Fail(logProbName, fmt.Sprintf("for %s: %s", quote(s), msg), logProbHints...)
		}
		want := wantLogProbs(m, s)
		if len(got) != len(want) {
			msg := fmt.Sprintf("for %s (%d words) you return %d log-probabilities, expected %d", quote(s), len(s), len(got), len(want))
			switch len(got) {
			case len(s):
				msg += ": the final </s> is missing"
			case len(s) + 2:
				msg += ": <s> is only a context, never predicted"
			}
			return lessons.Fail(logProbName, msg, logProbHints...)
		}
		for i := range want {
			if near(got[i], want[i]) {
				continue
			}
			tok := ngram.EOS
			if i < len(s) {
				tok = s[i]
			}
			msg := fmt.Sprintf("for %s, token %d (%s): %.6g, expected ln P = %.6g", quote(s), i+1, tok, got[i], want[i])
			switch {
			case near(got[i], math.Exp(want[i])):
				msg += " (that is the probability, not its logarithm)"
			case near(got[i], want[i]/math.Ln10):
				msg += " (that is log10: use the natural log, m.LogProb)"
			case near(got[i], m.LogProb(tok, s[:min(i, len(s))])):
				msg += " (the history must start with <s>)"
			case near(got[i], m.LogProb(tok, nil)):
				msg += " (scored without its history: pass <s> and the words before it as context)"
			}
			return lessons.Fail(logProbName, msg, logProbHints...)
		}
		tokens += len(want)
	}
	// The sum agrees with the library's own scoring of the same sentences.
	ev := m.Evaluate(sents)
	return lessons.Pass(logProbName, "all %d log-probabilities of %d sentences are right; they sum to %.2f, as m.Evaluate finds", tokens, len(sents), ev.LogProb)
}

// wantLogProbs is the reference: ln P(w_t | <s> w_1 … w_t−1) for each word
// and </s>.
func wantLogProbs(m *ngram.Model, s []string) []float64 {
	history := []string{ngram.BOS}
	out := make([]float64, 0, len(s)+1)
	for _, w := range append(slices.Clone(s), ngram.EOS) {
		out = append(out, m.LogProb(w, history))
		history = append(history, w)
	}
	return out
}
