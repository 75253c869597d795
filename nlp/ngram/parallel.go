package ngram

import (
	"runtime"
	"sync"
)

// Building a model uses at most two goroutines, for loops whose
// iterations write disjoint data: the radix sort's passes, the context
// statistics and the compiled probabilities. Results do not depend on it.

// parallelMin is the loop length from which inParts splits the work.
const parallelMin = 1 << 16

// numParts is the number of ranges inParts cuts a loop of length n into.
func numParts(n int) int {
	if n < parallelMin || runtime.GOMAXPROCS(0) < 2 {
		return 1
	}
	return 2
}

// inParts calls f(part, lo, hi) for numParts(n) consecutive ranges
// covering [0, n), concurrently. f must write only data of its own range.
func inParts(n int, f func(part, lo, hi int)) {
	if numParts(n) == 1 {
		f(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	wg.Go(func() { f(1, n/2, n) })
	f(0, 0, n/2)
	wg.Wait()
}
