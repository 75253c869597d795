package ngramex_test

import (
	"fmt"
	"math"
	"strings"

	"github.com/lingo-nlp/lingo/lessons/ngramex"
	"github.com/lingo-nlp/lingo/nlp/ngram"
)

var sentences = [][]string{
	strings.Fields("today the price of oil rose"),
	strings.Fields("the students opened their books"),
	strings.Fields("the students opened their exams"),
	strings.Fields("we opened their doors"),
}

// The package's usage: the log-probabilities of a sentence and the
// perplexity of held-out sentences, answered.
func Example() {
	m, _ := ngram.Train(sentences[:3], ngram.Config{Order: 3})
	test := sentences[3:]
	sentenceLogProbs := func(m *ngram.Model, sentence []string) []float64 {
		history := []string{ngram.BOS}
		var logProbs []float64
		for _, w := range append(sentence, ngram.EOS) {
			logProbs = append(logProbs, m.LogProb(w, history))
			history = append(history, w)
		}
		return logProbs
	}
	fmt.Println(ngramex.CheckSentenceLogProbs(m, test, sentenceLogProbs).OK)
	perplexity := func(logProbs []float64) float64 {
		var sum float64
		for _, lp := range logProbs {
			sum += lp
		}
		return math.Exp(-sum / float64(len(logProbs)))
	}
	fmt.Println(ngramex.CheckPerplexity(m, test, perplexity).OK)
	// Output:
	// true
	// true
}

// The notebook's skeleton returns 0 and gets a red box; the count ratio
// gets a green one.
func ExampleCheckMLE() {
	// c(books) = 1 among N = 24 tokens (20 words and 4 </s>): 1/24.
	m, _ := ngram.Train(sentences, ngram.Config{Order: 4})
	unigram := func(m *ngram.Model, word string, context []string) float64 {
		return float64(m.Count([]string{word})) / float64(m.Count(nil))
	}
	fmt.Println(ngramex.CheckMLE(m, unigram).Message)

	mle := func(m *ngram.Model, word string, context []string) float64 {
		if m.Count(context) == 0 {
			return 0
		}
		return float64(m.Count(append(context, word))) / float64(m.Count(context))
	}
	fmt.Println(ngramex.CheckMLE(m, mle).Message)
	// Output:
	// P(books | "students opened their") = 0.0416667, expected 1/2 = 0.5 (this is P(w) = c(w)/N, the unigram probability: divide c(h w) by c(h) instead)
	// right on all 6 cases, e.g. P(books | "students opened their") = 0.5
}

func ExampleCheckPerplexity() {
	noMinus := func(logProbs []float64) float64 {
		var sum float64
		for _, lp := range logProbs {
			sum += lp
		}
		return math.Exp(sum / float64(len(logProbs)))
	}
	fmt.Println(ngramex.CheckPerplexity(nil, nil, noMinus))
	// Output:
	// ✗ perplexity from log-probabilities: for the toy list ln(1/2), ln(1/4), ln(1/8): 0.25, expected 4 (this is exp(+mean): the minus sign is missing, you get 1/PP)
	//   hint: PP = exp(−(1/N) Σ ln p_t): average the N log-probabilities, negate, exponentiate
	//   hint: the log-probabilities are natural logs (≤ 0), so −mean is ≥ 0 and PP ≥ 1
	//   hint: a token with probability 0 has ln p = −Inf, and the perplexity is then +Inf: math.Exp handles that without a special case
}
