package vecex_test

import (
	"fmt"

	"github.com/lingo-nlp/lingo/lessons/vecex"
)

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
