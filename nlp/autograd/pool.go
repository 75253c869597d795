package autograd

import "sync"

// The pool recycles the Data and Grad buffers of intermediate tensors.
// A training step builds the same graph every time, so after the first step
// Release hands every buffer back and the next step takes them out again:
// the step no longer allocates its activations from the heap.

const maxPerSize = 512 // buffers kept per length; extra ones go to the GC

type bufPool[E Float] struct {
	mu   sync.Mutex
	free map[int][][]E
}

var (
	pool32 = &bufPool[float32]{free: map[int][][]float32{}}
	pool64 = &bufPool[float64]{free: map[int][][]float64{}}
)

func poolFor[E Float]() *bufPool[E] {
	var z E
	if _, ok := any(z).(float32); ok {
		return any(pool32).(*bufPool[E])
	}
	return any(pool64).(*bufPool[E])
}

// getBuf returns a buffer of length n whose contents are undefined; the
// caller must overwrite every element.
func getBuf[E Float](n int) []E {
	p := poolFor[E]()
	p.mu.Lock()
	if l := p.free[n]; len(l) > 0 {
		b := l[len(l)-1]
		p.free[n] = l[:len(l)-1]
		p.mu.Unlock()
		return b
	}
	p.mu.Unlock()
	return make([]E, n)
}

// getZeroBuf returns a zeroed buffer of length n.
func getZeroBuf[E Float](n int) []E {
	b := getBuf[E](n)
	clear(b)
	return b
}

func putBuf[E Float](b []E) {
	if b == nil {
		return
	}
	p := poolFor[E]()
	p.mu.Lock()
	if l := p.free[len(b)]; len(l) < maxPerSize {
		p.free[len(b)] = append(l, b)
	}
	p.mu.Unlock()
}

// FreePool drops every pooled buffer so the garbage collector can reclaim
// the memory (for example after training, before inference).
func FreePool() {
	pool32.mu.Lock()
	pool32.free = map[int][][]float32{}
	pool32.mu.Unlock()
	pool64.mu.Lock()
	pool64.free = map[int][][]float64{}
	pool64.mu.Unlock()
}
