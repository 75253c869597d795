package autograd

import (
	"fmt"
	"sync/atomic"
)

// Every op builds its output with result, which links the output to its
// inputs when a gradient is wanted, and sets out.backward to a closure that
// reads out.Grad and adds into the inputs' Grads (the chain rule, one op at
// a time). Backward walks the graph from the loss in reverse topological
// order and calls those closures: that walk is the whole of reverse mode.

var gradDisabled atomic.Bool

// SetGradEnabled turns gradient recording on or off for all goroutines and
// returns the previous setting. With recording off (inference), op outputs
// do not require a gradient and get no backward closures; call Release on
// the final output (or drop it) to recycle the intermediate buffers.
func SetGradEnabled(on bool) (previous bool) { return !gradDisabled.Swap(!on) }

// GradEnabled reports whether ops record the graph.
func GradEnabled() bool { return !gradDisabled.Load() }

// NoGrad runs f with graph recording off, like torch.no_grad().
func NoGrad(f func()) {
	prev := SetGradEnabled(false)
	defer SetGradEnabled(prev)
	f()
}

// result returns an op's output tensor of the given shape with a pooled,
// uninitialised Data buffer, linked to its inputs. If grad mode is on and
// any input requires a gradient, the output requires one too (and the op
// then sets its backward closure). In no-grad mode the links are kept only
// so that Release can recycle the buffers; no gradient ever flows.
func result[E Float](op string, shape []int, inputs ...*Tensor[E]) *Tensor[E] {
	out := &Tensor[E]{Data: getBuf[E](prod(shape)), shape: shape, op: op, pooled: true, parents: inputs}
	if GradEnabled() {
		for _, in := range inputs {
			if in.RequiresGrad {
				out.RequiresGrad = true
				break
			}
		}
	}
	return out
}

// grad returns t.Grad, allocating a zeroed buffer on first use.
func (t *Tensor[E]) grad() []E {
	if t.Grad == nil && t.view {
		t.Grad = t.parents[0].grad() // same elements, same order
	}
	if t.Grad == nil {
		if t.op == "" {
			t.Grad = make([]E, len(t.Data))
		} else {
			t.Grad = getZeroBuf[E](len(t.Data))
		}
	}
	return t.Grad
}

// gradOrNew returns t's gradient buffer for a contribution that covers
// every element, and whether the buffer is new. A new buffer holds stale
// values: the caller must write its contribution (β = 0 in a product)
// instead of adding it, which saves clearing the buffer first.
func (t *Tensor[E]) gradOrNew() (g []E, isNew bool) {
	switch {
	case t.Grad != nil:
		return t.Grad, false
	case t.view: // same elements as the parent's, all of them
		t.Grad, isNew = t.parents[0].gradOrNew()
		return t.Grad, isNew
	case t.op == "":
		t.Grad = make([]E, len(t.Data))
		return t.Grad, false
	}
	t.Grad = getBuf[E](len(t.Data))
	return t.Grad, true
}

// betaFor is the β of a product that adds into a gradient buffer: 0 if
// the buffer is new (see gradOrNew), else 1.
func betaFor[E Float](isNew bool) E {
	if isNew {
		return 0
	}
	return 1
}

var generation atomic.Uint32

// topo returns the tensors that root depends on through ops that require a
// gradient, inputs before outputs.
func topo[E Float](root *Tensor[E]) []*Tensor[E] {
	gen := generation.Add(1)
	var order []*Tensor[E]
	var visit func(t *Tensor[E])
	visit = func(t *Tensor[E]) {
		if t.visit == gen {
			return
		}
		t.visit = gen
		for _, p := range t.parents {
			visit(p)
		}
		order = append(order, t)
	}
	visit(root)
	return order
}

// Backward computes the gradient of t (normally a scalar loss) with respect
// to every tensor it depends on, adding into their Grad: gradients of
// leaves accumulate over calls until ZeroGrad, exactly like PyTorch, which
// is how gradient accumulation over micro-batches works.
//
// The seed ∂t/∂t is 1 for every element of t (so a non-scalar t is treated
// as sum(t)). It panics if t does not require a gradient.
func (t *Tensor[E]) Backward() {
	if !t.RequiresGrad {
		panic(fmt.Sprintf("autograd: Backward on a tensor that does not require a gradient (op %s, shape %v): mark a leaf with Param or RequiresGrad, and check grad mode", t.Op(), t.shape))
	}
	if t.Data == nil && t.op != "" {
		panic("autograd: Backward on a released tensor")
	}
	order := topo(t)
	for _, n := range order { // fresh gradients for intermediates
		if n.op != "" && !n.view && n.Grad != nil {
			clear(n.Grad)
		}
	}
	g := t.grad()
	for i := range g {
		g[i] = 1
	}
	for i := len(order) - 1; i >= 0; i-- {
		if n := order[i]; n.backward != nil && n.Grad != nil {
			n.backward()
		}
	}
}

// Release frees the graph that produced t: the Data and Grad buffers of
// every intermediate tensor go back to a pool that the next forward pass
// draws from, and the links between them are cut. Leaves (parameters and
// inputs) and t's own values are kept, so t.Item() still works.
//
// Call it once per training step after the optimizer step. Intermediate
// tensors must not be used afterwards: their Data is nil.
func (t *Tensor[E]) Release() {
	for _, n := range topo(t) {
		if n.op == "" {
			continue
		}
		if n != t {
			if n.pooled {
				putBuf(n.Data)
			}
			n.Data = nil
		}
		if !n.view {
			putBuf(n.Grad)
		}
		putBuf(n.scratch)
		n.Grad, n.scratch, n.parents, n.backward = nil, nil, nil, nil
	}
	if !t.pooled && t.op != "" { // a view: its storage belonged to a parent
		t.Data = append([]E(nil), t.Data...)
	}
	t.RequiresGrad = false
}
