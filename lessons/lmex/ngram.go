package lmex

import (
	"fmt"
	"math"

	"github.com/lingo-nlp/lingo/nlp/lm"
	"github.com/lingo-nlp/lingo/nlp/ngram"
)

// NGram trains an n-gram model (nlp/ngram, interpolated modified
// Kneser–Ney unless cfg says otherwise), the baseline of lessons 05 and
// 06's lm.Comparison, on the sentences of the train
// stream (cut at Newline) and returns it with its perplexity on the
// test stream's sentences. The n-gram model predicts every token and
// the end of every line (</s>), which is what the neural models'
// Newline prediction is, so the numbers are comparable token for token.
func NGram(v *lm.Vocab, train, test []int, cfg ngram.Config) (*ngram.Model, float64, error) {
	m, err := ngram.Train(v.Sentences(train), cfg)
	if err != nil {
		return nil, math.NaN(), fmt.Errorf("lmex: %w", err)
	}
	return m, m.Perplexity(v.Sentences(test)), nil
}

// NGramParams returns the number of n-grams an n-gram model stores, its
// counterpart of a parameter count.
func NGramParams(m *ngram.Model) int {
	n := 0
	for k := 1; k <= m.Order(); k++ {
		n += m.NumNGrams(k)
	}
	return n
}
