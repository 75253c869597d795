package word2vecex

import (
	"fmt"
	"math"

	"github.com/lingo-nlp/lingo/lessons"
)

const keepName = "subsampling: probability of keeping a word"

var keepHints = []string{
	"with t = sample·total (a count threshold) and f = count: keep = (√(f/t) + 1) · t/f, and at most 1",
	"words rarer than about t are always kept (the formula gives more than 1); the most frequent words are kept with probability ≈ √(t/f)",
	"this is the formula of the C tool and gensim; the paper's version discards with probability 1 − √(t/f)",
}

var keepCases = []struct {
	count, total int64
	sample       float64
}{
	{60000, 1000000, 1e-3}, // "the": 6% of the tokens
	{5000, 1000000, 1e-3},
	{500, 1000000, 1e-3}, // rarer than the threshold t = 1000: always kept
	{100000, 2000000, 1e-4},
}

func wantKeep(count, total int64, sample float64) float64 {
	t := sample * float64(total)
	f := float64(count)
	return math.Min(1, (math.Sqrt(f/t)+1)*t/f)
}

// CheckKeepProbability checks a function giving the probability that one
// occurrence of a word with the given count is kept by frequent-word
// subsampling, as word2vec.Train applies it.
func CheckKeepProbability(f func(count, total int64, sample float64) float64) *lessons.Feedback {
	if f == nil {
		return lessons.Fail(keepName, "no function to check", keepHints...)
	}
	for _, c := range keepCases {
		name := fmt.Sprintf("count %d of %d tokens, sample %g", c.count, c.total, c.sample)
		var got float64
		if msg := lessons.Call(func() { got = f(c.count, c.total, c.sample) }); msg != "" {
			return lessons.Fail(keepName, fmt.Sprintf("for %s: %s", name, msg), keepHints...)
		}
		want := wantKeep(c.count, c.total, c.sample)
		if near(got, want) {
			continue
		}
		msg := fmt.Sprintf("for %s you return %.6g, expected %.6g", name, got, want)
		t, fr := c.sample*float64(c.total), float64(c.count)
		paperKeep := math.Min(1, math.Sqrt(t/fr))
		switch {
		case near(got, 1-want):
			msg += " (that is the probability of discarding the word: return 1 minus it)"
		case near(got, paperKeep) || near(got, math.Sqrt(t/fr)):
			msg += " (that is the paper's keep probability √(t/f); the C tool and gensim use (√(f/t) + 1)·t/f, which keeps a little more)"
		case near(got, 1-paperKeep) || near(got, 1-math.Sqrt(t/fr)):
			msg += " (that is the paper's discard probability 1 − √(t/f); we want the keep probability of the C tool and gensim, (√(f/t) + 1)·t/f)"
		case got > 1:
			msg += " (a probability cannot exceed 1: cap it)"
		case near(got, (math.Sqrt(fr/c.sample)+1)*c.sample/fr):
			msg += " (the threshold is a count, t = sample·total, not the fraction sample)"
		}
		return lessons.Fail(keepName, msg, keepHints...)
	}
	return lessons.Pass(keepName, "right on all %d cases, e.g. a word making up 6%% of the tokens is kept %.1f%% of the time at sample 1e-3", len(keepCases), 100*wantKeep(60000, 1000000, 1e-3))
}
