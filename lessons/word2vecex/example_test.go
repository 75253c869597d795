package word2vecex_test

import (
	"fmt"
	"math"

	"github.com/lingo-nlp/lingo/lessons/word2vecex"
)

// The paper's discard probability is recognised and explained.
func ExampleCheckKeepProbability() {
	paper := func(count, total int64, sample float64) float64 {
		return 1 - math.Sqrt(sample*float64(total)/float64(count))
	}
	fmt.Println(word2vecex.CheckKeepProbability(paper).Message)
	// Output:
	// for count 60000 of 1000000 tokens, sample 0.001 you return 0.870901, expected 0.145766 (that is the paper's discard probability 1 − √(t/f); we want the keep probability of the C tool and gensim, (√(f/t) + 1)·t/f)
}

func ExampleCheckNoiseDistribution() {
	noise := func(counts []int64) []float64 {
		p := make([]float64, len(counts))
		var z float64
		for i, c := range counts {
			p[i] = math.Pow(float64(c), 0.75)
			z += p[i]
		}
		for i := range p {
			p[i] /= z
		}
		return p
	}
	fmt.Println(word2vecex.CheckNoiseDistribution(noise))
	// Output:
	// ✓ noise distribution P(w) ∝ count^0.75: right on all 3 cases: counts 16 and 1 become 8/9 and 1/9 (the unigram odds were 16:1)
}
