package metrics

import (
	"fmt"
	"math"
)

// Perplexity returns exp(−(1/N) Σ log p) for the natural-log probabilities of
// N tokens: the effective number of equally likely choices per token. It
// returns +Inf if a probability is 0 (log p = −Inf) and an error for no tokens.
func Perplexity(logProbs []float64) (float64, error) {
	if len(logProbs) == 0 {
		return 0, fmt.Errorf("metrics: perplexity of no tokens")
	}
	s := 0.0
	for _, lp := range logProbs {
		s += lp
	}
	return math.Exp(-s / float64(len(logProbs))), nil
}

// PerplexityFromLoss returns exp(loss) for a mean cross-entropy loss in nats.
func PerplexityFromLoss(meanNLL float64) float64 { return math.Exp(meanNLL) }

// Accuracy returns the fraction of positions where got equals want.
func Accuracy[T comparable](got, want []T) (float64, error) {
	if len(got) != len(want) {
		return 0, fmt.Errorf("metrics: %d predictions but %d labels: %w", len(got), len(want), ErrLength)
	}
	if len(want) == 0 {
		return 0, fmt.Errorf("metrics: accuracy of no items")
	}
	ok := 0
	for i := range got {
		if got[i] == want[i] {
			ok++
		}
	}
	return float64(ok) / float64(len(want)), nil
}

// ExactMatch returns the fraction of sequences predicted entirely right.
func ExactMatch[T comparable](got, want [][]T) (float64, error) {
	if len(got) != len(want) {
		return 0, fmt.Errorf("metrics: %d predictions but %d references: %w", len(got), len(want), ErrLength)
	}
	if len(want) == 0 {
		return 0, fmt.Errorf("metrics: exact match of no items")
	}
	ok := 0
	for i := range got {
		if equalSeq(got[i], want[i]) {
			ok++
		}
	}
	return float64(ok) / float64(len(want)), nil
}

func equalSeq[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
