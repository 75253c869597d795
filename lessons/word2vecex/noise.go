package word2vecex

import (
	"fmt"
	"math"

	"github.com/lingo-nlp/lingo/lessons"
)

const noiseName = "noise distribution P(w) ∝ count^0.75"

var noiseHints = []string{
	"raise every count to the power 0.75 (math.Pow(float64(c), 0.75)), then divide each by the sum so they add up to 1",
	"the 3/4 power flattens the distribution: rare words are drawn more often than their frequency, frequent ones less",
}

var noiseCases = [][]int64{
	{16, 1},
	{1000, 100, 10, 1},
	{5, 5, 0, 20},
}

// wantNoise is P(w) = c_w^p / Σ c^p.
func wantNoise(counts []int64, p float64) []float64 {
	out := make([]float64, len(counts))
	var z float64
	for i, c := range counts {
		out[i] = math.Pow(float64(c), p)
		z += out[i]
	}
	for i := range out {
		out[i] /= z
	}
	return out
}

// CheckNoiseDistribution checks a function turning word counts into the
// negative-sampling distribution count^0.75 / Σ count^0.75.
func CheckNoiseDistribution(f func(counts []int64) []float64) *lessons.Feedback {
	if f == nil {
		return lessons.Fail(noiseName, "no function to check", noiseHints...)
	}
	for _, c := range noiseCases {
		var got []float64
		if msg := lessons.Call(func() { got = f(append([]int64(nil), c...)) }); msg != "" {
			return lessons.Fail(noiseName, fmt.Sprintf("for counts %v: %s", c, msg), noiseHints...)
		}
		want := wantNoise(c, 0.75)
		if nearAll(got, want) {
			continue
		}
		if len(got) != len(want) {
			return lessons.Fail(noiseName, fmt.Sprintf("for counts %v you return %d numbers, expected %d", c, len(got), len(want)), noiseHints...)
		}
		msg := fmt.Sprintf("for counts %v you return %s, expected %s", c, lessons.FormatVector(got), lessons.FormatVector(want))
		raw := make([]float64, len(c))
		var sum float64
		for i, x := range c {
			raw[i] = math.Pow(float64(x), 0.75)
		}
		for _, g := range got {
			sum += g
		}
		switch {
		case nearAll(got, wantNoise(c, 1)):
			msg += " (that is the unigram distribution count/N: raise the counts to the power 0.75 first)"
		case nearAll(got, raw):
			msg += " (count^0.75 is right, but not normalised: divide by the sum)"
		case nearAll(got, wantNoise(c, 0)):
			msg += " (a uniform distribution: use the counts)"
		case !near(sum, 1):
			msg += fmt.Sprintf(" (they sum to %.4g, not 1)", sum)
		}
		return lessons.Fail(noiseName, msg, noiseHints...)
	}
	return lessons.Pass(noiseName, "right on all %d cases: counts 16 and 1 become 8/9 and 1/9 (the unigram odds were 16:1)", len(noiseCases))
}
