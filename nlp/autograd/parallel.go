package autograd

import (
	"runtime"
	"sync"
	"sync/atomic"
)

var threads atomic.Int32 // 0: not set, use GOMAXPROCS

// SetThreads sets how many goroutines the hot loops (rows of softmax and
// layer norm, batches of matrix products, large element-wise ops) and the
// BLAS library may use. n < 1 means runtime.GOMAXPROCS(0).
func SetThreads(n int) {
	if n < 1 {
		n = runtime.GOMAXPROCS(0)
	}
	threads.Store(int32(n))
	blasSetThreads(n)
}

// Threads returns the number set by SetThreads (GOMAXPROCS by default).
func Threads() int {
	if n := threads.Load(); n > 0 {
		return int(n)
	}
	return runtime.GOMAXPROCS(0)
}

// parallelFor calls body over [0, n) split into contiguous chunks, one per
// thread, when there are at least 2*grain items; otherwise it runs body(0, n)
// on the calling goroutine.
func parallelFor(n, grain int, body func(lo, hi int)) {
	p := Threads()
	if p <= 1 || n < 2*grain {
		body(0, n)
		return
	}
	if c := n / grain; c < p {
		p = c
	}
	var wg sync.WaitGroup
	chunk := (n + p - 1) / p
	for lo := chunk; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func() { body(lo, hi); wg.Done() }()
	}
	body(0, min(chunk, n))
	wg.Wait()
}
