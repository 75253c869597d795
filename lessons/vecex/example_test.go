package vecex_test

import (
	"fmt"
	"math"

	"github.com/lingo-nlp/lingo/lessons/vecex"
)

// The package's usage: the three exercises of lesson 02, answered, and
// their checkers' verdicts.
func Example() {
	cosine := func(u, v []float32) float64 {
		var dot, nu, nv float64
		for i := range u {
			dot += float64(u[i]) * float64(v[i])
			nu += float64(u[i]) * float64(u[i])
			nv += float64(v[i]) * float64(v[i])
		}
		if nu == 0 || nv == 0 {
			return 0
		}
		return dot / math.Sqrt(nu*nv)
	}
	fmt.Println(vecex.CheckCosine(cosine).OK)
	softmaxProbs := func(vc []float64, U [][]float64) []float64 {
		p := make([]float64, len(U))
		mx := math.Inf(-1)
		for w := range U {
			for i := range vc {
				p[w] += U[w][i] * vc[i]
			}
			mx = math.Max(mx, p[w])
		}
		var z float64
		for w := range p {
			p[w] = math.Exp(p[w] - mx)
			z += p[w]
		}
		for w := range p {
			p[w] /= z
		}
		return p
	}
	fmt.Println(vecex.CheckSoftmax(softmaxProbs).OK)
	gradVc := func(vc []float64, U [][]float64, o int) []float64 {
		g := make([]float64, len(vc))
		for w, p := range softmaxProbs(vc, U) {
			if w == o {
				p--
			}
			for i := range g {
				g[i] += p * U[w][i]
			}
		}
		return g
	}
	fmt.Println(vecex.CheckGradVc(gradVc).OK)
	// Output:
	// true
	// true
	// true
}

// The notebook's skeleton returns 0 and gets a red box; the dot product
// without normalisation is recognised.
func ExampleCheckCosine() {
	dotOnly := func(u, v []float32) float64 {
		var d float64
		for i := range u {
			d += float64(u[i]) * float64(v[i])
		}
		return d
	}
	fmt.Println(vecex.CheckCosine(dotOnly).Message)
	// Output:
	// for a vector and itself scaled by 3 you return 27, expected 1 (that is the dot product u·v: divide it by ‖u‖ ‖v‖)
}

func ExampleCheckSoftmax() {
	uniform := func(vc []float64, U [][]float64) []float64 {
		p := make([]float64, len(U))
		for i := range p {
			p[i] = 1 / float64(len(U))
		}
		return p
	}
	fmt.Println(vecex.CheckSoftmax(uniform).Message)
	// Output:
	// for v_c = (1, 0), u = (2, 0), (0, 2), (−2, 0) you return [0.3333, 0.3333, 0.3333], expected [0.8668, 0.1173, 0.01588]
}
