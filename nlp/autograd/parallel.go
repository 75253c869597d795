package autograd

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

var threads atomic.Int32 // 0: not set, use defaultThreads

// SetThreads sets how many threads the hot loops (rows of softmax and
// layer norm, batches of matrix products, large element-wise ops) and the
// BLAS library may use. n < 1 means runtime.GOMAXPROCS(0), every core the
// process may use.
//
// The default is 1, or the number in the environment variable
// LINGO_THREADS ("0" or "max" for GOMAXPROCS): on a machine shared by many
// kernels (a JupyterHub, a course's server) one thread each keeps them from
// fighting over the cores, and results do not depend on the machine.
// On a machine of your own, SetThreads(0) or LINGO_THREADS=max uses all of it.
func SetThreads(n int) {
	if n < 1 {
		n = runtime.GOMAXPROCS(0)
	}
	threads.Store(int32(n))
	blasSetThreads(n)
}

// Threads returns the number set by SetThreads (see there for the default).
func Threads() int {
	if n := threads.Load(); n > 0 {
		return int(n)
	}
	return defaultThreads()
}

// defaultThreads reads LINGO_THREADS; a bad value means the default, 1.
func defaultThreads() int {
	switch s := strings.TrimSpace(os.Getenv("LINGO_THREADS")); s {
	case "0", "max":
		return runtime.GOMAXPROCS(0)
	default:
		if n, err := strconv.Atoi(s); err == nil && n >= 1 {
			return n
		}
	}
	return 1
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
