package parallelex_test

import (
	"fmt"
	"math"

	"github.com/lingo-nlp/lingo/lessons/parallelex"
)

func ExampleCheckGPipe() {
	// Forward passes fill the pipeline one stage per tick; backward passes
	// start when the last stage has all its activations and flow back.
	start := func(s, j, S, M int) (fwd, bwd int) {
		return s + j, S - 1 + M + 2*(S-1-s) + 2*j
	}
	fmt.Println(parallelex.CheckGPipe(start))
	// Output:
	// ✓ GPipe schedule: every pass starts when parallel.Simulate says, for 4 pipelines; the idle ticks are the bubble, (S−1)/(M+S−1) of the time
}

func ExampleCheckTensorWorker() {
	worker := func(x, aP, bP [][]float64) [][]float64 {
		gelu := func(v float64) float64 { return 0.5 * v * (1 + math.Tanh(math.Sqrt(2/math.Pi)*(v+0.044715*v*v*v))) }
		out := make([][]float64, len(x))
		for i := range x {
			h := make([]float64, len(bP))
			for k := range h {
				for j := range x[i] {
					h[k] += x[i][j] * aP[j][k]
				}
				h[k] = gelu(h[k])
			}
			out[i] = make([]float64, len(bP[0]))
			for c := range out[i] {
				for k := range h {
					out[i][c] += h[k] * bP[k][c]
				}
			}
		}
		return out
	}
	fmt.Println(parallelex.CheckTensorWorker(worker).OK)
	// Output:
	// true
}
