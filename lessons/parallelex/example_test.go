package parallelex_test

import (
	"fmt"

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
