package autograd

var (
	opReshape   = register("Reshape", "y = x viewed with a new shape (no copy)", "∂L/∂x += g viewed with x's shape")
	opTranspose = register("Transpose", "y = x with axes i and j swapped (copy)", "∂L/∂x += g with axes i and j swapped back")
	opConcat    = register("Concat", "y = [x₁ | x₂ | …] along an axis", "∂L/∂xₖ += the slice of g that xₖ filled")
	opSplit     = register("Split", "yₖ = the k-th slice of x along an axis", "∂L/∂x += gₖ written into the k-th slice")
)

func normAxis(op string, axis int, shape []int) int {
	a := axis
	if a < 0 {
		a += len(shape)
	}
	if a < 0 || a >= len(shape) {
		shapePanic(op, "axis %d out of range for shape %v", axis, shape)
	}
	return a
}

// Reshape returns a view of x with the given shape sharing x's Data; one
// dimension may be −1 and is inferred. It panics with a *ShapeError naming
// both shapes if the sizes differ.
func Reshape[E Float](x *Tensor[E], shape ...int) *Tensor[E] {
	shape = append([]int(nil), shape...)
	infer, known := -1, 1
	for i, d := range shape {
		if d == -1 && infer < 0 {
			infer = i
		} else {
			known *= d
		}
	}
	if infer >= 0 && known > 0 {
		shape[infer] = len(x.Data) / known
	}
	if prod(shape) != len(x.Data) || (infer >= 0 && known == 0) {
		shapePanic(opReshape, "cannot view %v (%d elements) as %v", x.shape, len(x.Data), shape)
	}
	// A view: same Data, and its Grad will be x's Grad buffer too (see
	// grad), so the backward rule "∂L/∂x += g reshaped" costs nothing.
	out := &Tensor[E]{Data: x.Data, shape: shape, op: opReshape, parents: []*Tensor[E]{x}, view: true}
	out.RequiresGrad = GradEnabled() && x.RequiresGrad
	return out
}

// splitAt views shape as (outer, shape[axis], inner).
func splitAt(shape []int, axis int) (outer, n, inner int) {
	return prod(shape[:axis]), shape[axis], prod(shape[axis+1:])
}

// Transpose returns x with axes i and j swapped, copied into row-major
// order, e.g. (B, T, H, D) → (B, H, T, D) with i, j = 1, 2.
func Transpose[E Float](x *Tensor[E], i, j int) *Tensor[E] {
	i, j = normAxis(opTranspose, i, x.shape), normAxis(opTranspose, j, x.shape)
	if i > j {
		i, j = j, i
	}
	shape := append([]int(nil), x.shape...)
	shape[i], shape[j] = shape[j], shape[i]
	out := result(opTranspose, shape, x)
	// x viewed as (P, A, M, B, Q) becomes (P, B, M, A, Q).
	P, A, Q := prod(x.shape[:i]), x.shape[i], prod(x.shape[j+1:])
	M, B := prod(x.shape[i+1:j]), x.shape[j]
	// Element (p, a, m, b, q) moves from offset s to offset d.
	swap := func(dst, src []E, accumulate bool) {
		dStride := M * A * Q // distance between consecutive b in the output
		for p := range P {
			for a := range A {
				for m := range M {
					s := ((p*A+a)*M + m) * B * Q
					d := ((p*B*M+m)*A + a) * Q
					for range B {
						switch {
						case accumulate: // backward: dst is x.Grad, src is out.Grad
							addInto(dst[s:s+Q], src[d:d+Q])
						case Q == 1:
							dst[d] = src[s]
						default:
							copy(dst[d:d+Q], src[s:s+Q])
						}
						s += Q
						d += dStride
					}
				}
			}
		}
	}
	swap(out.Data, x.Data, false)
	if out.RequiresGrad {
		out.backward = func() { swap(x.grad(), out.Grad, true) }
	}
	return out
}

// Concat joins tensors along axis; all other axes must agree. It panics
// with a *ShapeError naming the first pair of shapes that do not.
func Concat[E Float](axis int, xs ...*Tensor[E]) *Tensor[E] {
	if len(xs) == 0 {
		shapePanic(opConcat, "no tensors")
	}
	axis = normAxis(opConcat, axis, xs[0].shape)
	shape := append([]int(nil), xs[0].shape...)
	shape[axis] = 0
	for _, x := range xs {
		if x.NDim() != len(shape) {
			shapePanic(opConcat, "shapes %v and %v differ in rank", xs[0].shape, x.shape)
		}
		for d := range shape {
			if d != axis && x.shape[d] != xs[0].shape[d] {
				shapePanic(opConcat, "shapes %v and %v differ on axis %d", xs[0].shape, x.shape, d)
			}
		}
		shape[axis] += x.shape[axis]
	}
	out := result(opConcat, shape, xs...)
	outer, total, inner := splitAt(shape, axis)
	off := 0 // where each input starts along the axis
	offs := make([]int, len(xs))
	for k, x := range xs {
		offs[k] = off
		w := x.shape[axis] * inner
		for o := range outer {
			copy(out.Data[(o*total+off)*inner:][:w], x.Data[o*w:(o+1)*w])
		}
		off += x.shape[axis]
	}
	if out.RequiresGrad {
		out.backward = func() {
			for k, x := range xs {
				if !x.RequiresGrad {
					continue
				}
				gx, w := x.grad(), x.shape[axis]*inner
				for o := range outer {
					src := out.Grad[(o*total+offs[k])*inner:][:w]
					for i, g := range src {
						gx[o*w+i] += g
					}
				}
			}
		}
	}
	return out
}

// Split cuts x along axis into pieces of the given sizes (which must sum
// to x.Dim(axis)), e.g. the (B, T, 3C) output of one projection into q, k, v.
func Split[E Float](x *Tensor[E], axis int, sizes ...int) []*Tensor[E] {
	axis = normAxis(opSplit, axis, x.shape)
	sum := 0
	for _, s := range sizes {
		if s < 0 {
			shapePanic(opSplit, "negative size in %v", sizes)
		}
		sum += s
	}
	if sum != x.shape[axis] {
		shapePanic(opSplit, "sizes %v do not add up to axis %d of %v", sizes, axis, x.shape)
	}
	outer, total, inner := splitAt(x.shape, axis)
	outs := make([]*Tensor[E], len(sizes))
	off := 0
	for k, s := range sizes {
		shape := append([]int(nil), x.shape...)
		shape[axis] = s
		out := result(opSplit, shape, x)
		w, start := s*inner, off
		for o := range outer {
			copy(out.Data[o*w:(o+1)*w], x.Data[(o*total+start)*inner:][:w])
		}
		if out.RequiresGrad {
			out.backward = func() {
				gx := x.grad()
				for o := range outer {
					addInto(gx[(o*total+start)*inner:][:w], out.Grad[o*w:(o+1)*w])
				}
			}
		}
		outs[k] = out
		off += s
	}
	return outs
}
