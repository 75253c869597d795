package autograd

import (
	"fmt"
	"strings"
)

// Float is the element type of a tensor: float32 for training, float64 for
// gradient checks where finite differences need the extra precision.
type Float interface {
	float32 | float64
}

// A Tensor is an n-dimensional array of E stored row-major in Data, together
// with the bookkeeping reverse-mode autodiff needs: the gradient of the final
// scalar with respect to every element (Grad, same layout as Data), the op
// that produced it and a closure that pushes Grad back to the op's inputs.
//
// Leaves are made by New, Zeros, FromSlice or Param; every other tensor is
// the output of an op. Shapes are never changed in place; ops return new
// tensors (Reshape returns a view that shares Data).
type Tensor[E Float] struct {
	Data []E // row-major values, len(Data) == Size()
	Grad []E // ∂loss/∂Data, nil until Backward reaches this tensor

	// RequiresGrad marks tensors whose gradient is wanted. Ops propagate it:
	// an op output requires a gradient if any input does (and grad mode is on).
	RequiresGrad bool

	shape    []int
	op       string       // name of the op that made this tensor, "" for leaves
	parents  []*Tensor[E] // inputs of that op
	backward func()       // adds this tensor's Grad into its parents' Grads
	pooled   bool         // Data came from the buffer pool
	view     bool         // Data and Grad are parents[0]'s, reshaped (see Reshape)
	scratch  []E          // pooled values an op saved for its backward (e.g. softmax probabilities)
	visit    uint32       // generation mark used by graph walks
	label    string       // optional name shown by PrintGraph
}

// New returns a leaf tensor of the given shape filled with zeros.
// It panics if a dimension is negative.
func New[E Float](shape ...int) *Tensor[E] {
	n := checkShape(shape)
	return &Tensor[E]{Data: make([]E, n), shape: append([]int(nil), shape...)}
}

// Zeros is New spelled like numpy.
func Zeros[E Float](shape ...int) *Tensor[E] { return New[E](shape...) }

// FromSlice returns a leaf tensor that uses data as its storage (no copy).
// It panics if len(data) does not match the shape, naming both.
func FromSlice[E Float](data []E, shape ...int) *Tensor[E] {
	n := checkShape(shape)
	if len(data) != n {
		panic(&ShapeError{Op: "FromSlice", Msg: fmt.Sprintf("%d values do not fill shape %v", len(data), shape)})
	}
	return &Tensor[E]{Data: data, shape: append([]int(nil), shape...)}
}

// Scalar returns a 0-dimensional leaf holding v.
func Scalar[E Float](v E) *Tensor[E] { return &Tensor[E]{Data: []E{v}, shape: []int{}} }

// Param returns a leaf of the given shape that requires a gradient: a
// trainable parameter. Its Grad is allocated at once so optimizers can read it.
func Param[E Float](shape ...int) *Tensor[E] {
	t := New[E](shape...)
	t.RequiresGrad = true
	t.Grad = make([]E, len(t.Data))
	return t
}

func checkShape(shape []int) int {
	n := 1
	for _, d := range shape {
		if d < 0 {
			panic(&ShapeError{Op: "New", Msg: fmt.Sprintf("negative dimension in shape %v", shape)})
		}
		n *= d
	}
	return n
}

// Shape returns the dimensions of t. The caller must not modify the slice.
func (t *Tensor[E]) Shape() []int { return t.shape }

// Dim returns the size of axis i; negative i counts from the end.
func (t *Tensor[E]) Dim(i int) int {
	if i < 0 {
		i += len(t.shape)
	}
	return t.shape[i]
}

// NDim returns the number of axes.
func (t *Tensor[E]) NDim() int { return len(t.shape) }

// Size returns the number of elements.
func (t *Tensor[E]) Size() int { return len(t.Data) }

// Op returns the name of the op that produced t, or "leaf".
func (t *Tensor[E]) Op() string {
	if t.op == "" {
		return "leaf"
	}
	return t.op
}

// Parents returns the inputs of the op that produced t (nil for leaves).
func (t *Tensor[E]) Parents() []*Tensor[E] { return t.parents }

// SetLabel names t in printed graphs (for example "wte" or "loss") and
// returns t.
func (t *Tensor[E]) SetLabel(name string) *Tensor[E] { t.label = name; return t }

// Label returns the name given by SetLabel.
func (t *Tensor[E]) Label() string { return t.label }

// Item returns the single value of a one-element tensor.
// It panics if t has more than one element.
func (t *Tensor[E]) Item() E {
	if len(t.Data) != 1 {
		panic(&ShapeError{Op: "Item", Msg: fmt.Sprintf("tensor of shape %v has %d elements, want 1", t.shape, len(t.Data))})
	}
	return t.Data[0]
}

// At returns the element at the given index (one coordinate per axis).
// It panics if the index does not fit the shape.
func (t *Tensor[E]) At(idx ...int) E { return t.Data[t.offset(idx)] }

// Set stores v at the given index.
func (t *Tensor[E]) Set(v E, idx ...int) { t.Data[t.offset(idx)] = v }

func (t *Tensor[E]) offset(idx []int) int {
	if len(idx) != len(t.shape) {
		panic(&ShapeError{Op: "At", Msg: fmt.Sprintf("index %v does not fit shape %v", idx, t.shape)})
	}
	off := 0
	for i, x := range idx {
		if x < 0 || x >= t.shape[i] {
			panic(&ShapeError{Op: "At", Msg: fmt.Sprintf("index %v out of range for shape %v", idx, t.shape)})
		}
		off = off*t.shape[i] + x
	}
	return off
}

// Detach returns a leaf that shares t's Data but has no history.
func (t *Tensor[E]) Detach() *Tensor[E] {
	return &Tensor[E]{Data: t.Data, shape: t.shape}
}

// Clone returns a leaf with a copy of t's Data.
func (t *Tensor[E]) Clone() *Tensor[E] {
	return &Tensor[E]{Data: append([]E(nil), t.Data...), shape: append([]int(nil), t.shape...)}
}

// ZeroGrad sets t's gradient to zero (keeping the buffer).
func (t *Tensor[E]) ZeroGrad() { clear(t.Grad) }

// String prints the shape, the op and up to 8 values.
func (t *Tensor[E]) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Tensor%v %s [", t.shape, t.Op())
	for i, v := range t.Data {
		if i == 8 {
			fmt.Fprintf(&b, " … %d more", len(t.Data)-8)
			break
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%.4g", v)
	}
	b.WriteByte(']')
	return b.String()
}

// sameShape reports whether two shapes are equal.
func sameShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func prod(s []int) int {
	n := 1
	for _, d := range s {
		n *= d
	}
	return n
}
