package word2vecex_test

import (
	"fmt"
	"github.com/lingo-nlp/lingo/nlp/vec"
	"math"

	"github.com/lingo-nlp/lingo/lessons/word2vecex"
)

// The package's usage: lesson 03's exercises on the negative-sampling
// loss, subsampling and analogies, answered.
func Example() {
	sigmoid := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	dot := func(a, b []float64) float64 {
		var s float64
		for i := range a {
			s += a[i] * b[i]
		}
		return s
	}
	nsLoss := func(vc []float64, U [][]float64, o int, negs []int) float64 {
		j := -math.Log(sigmoid(dot(U[o], vc)))
		for _, k := range negs {
			j -= math.Log(sigmoid(-dot(U[k], vc)))
		}
		return j
	}
	fmt.Println(word2vecex.CheckNegSamplingLoss(nsLoss).OK)
	keep := func(count, total int64, sample float64) float64 {
		t, f := sample*float64(total), float64(count)
		return math.Min(1, (math.Sqrt(f/t)+1)*t/f)
	}
	fmt.Println(word2vecex.CheckKeepProbability(keep).OK)

	kv, _ := vec.New(2)
	for w, v := range map[string][]float32{"king": {0.9, 0.8}, "queen": {0.9, -0.8}, "man": {0.1, 0.9}, "woman": {0.1, -0.9}, "apple": {-1, 0.1}} {
		_ = kv.Add(w, v)
	}
	analogy := func(kv *vec.KeyedVectors, a, b, c string) string {
		va, _ := kv.Vector(a)
		vb, _ := kv.Vector(b)
		vcc, _ := kv.Vector(c)
		ua, ub, uc := vec.Unit(va), vec.Unit(vb), vec.Unit(vcc)
		target := make([]float32, len(ua))
		for i := range target {
			target[i] = ub[i] - ua[i] + uc[i]
		}
		best, bestCos := "", math.Inf(-1)
		for i, w := range kv.Words {
			if w == a || w == b || w == c {
				continue
			}
			if cos := vec.Cosine(kv.Row(i), target); cos > bestCos {
				best, bestCos = w, cos
			}
		}
		return best
	}
	fmt.Println(word2vecex.CheckAnalogy(kv, nil, analogy).OK)
	// Output:
	// true
	// true
	// true
}

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
