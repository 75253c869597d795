package autograd

import "fmt"

var (
	opEmbedding = register("Embedding", "y[n] = W[idₙ] (row lookup)", "∂L/∂W[idₙ] += g[n] — only the rows that were looked up (a sparse gradient)")
	opGather    = register("Gather", "y[n] = x[n, idxₙ] along the last axis", "∂L/∂x[n, idxₙ] += g[n]")
)

// Embedding looks up rows of the table W (V, C) for every id and returns a
// tensor of shape (shape…, C); shape defaults to (len(ids)). The backward
// pass adds into the looked-up rows of W.Grad only, so its cost is
// proportional to len(ids)·C, not V·C.
//
// It panics with a *ShapeError if W is not 2-D, if shape does not hold
// len(ids) elements, or if an id is outside [0, V).
func Embedding[E Float](W *Tensor[E], ids []int, shape ...int) *Tensor[E] {
	if W.NDim() != 2 {
		shapePanic(opEmbedding, "table must be (V, C), got %v", W.shape)
	}
	if len(shape) == 0 {
		shape = []int{len(ids)}
	}
	if prod(shape) != len(ids) {
		shapePanic(opEmbedding, "%d ids do not fill shape %v", len(ids), shape)
	}
	V, C := W.shape[0], W.shape[1]
	for n, id := range ids {
		if id < 0 || id >= V {
			panic(&ShapeError{Op: opEmbedding, Msg: fmt.Sprintf("id %d at position %d is outside the table %v", id, n, W.shape)})
		}
	}
	ids = append([]int(nil), ids...) // kept for backward; the caller may reuse its slice
	out := result(opEmbedding, append(append([]int(nil), shape...), C), W)
	for n, id := range ids {
		copy(out.Data[n*C:(n+1)*C], W.Data[id*C:(id+1)*C])
	}
	if out.RequiresGrad {
		out.backward = func() {
			gW := W.grad()
			for n, id := range ids {
				row := gW[id*C : (id+1)*C]
				for i, g := range out.Grad[n*C : (n+1)*C] {
					row[i] += g
				}
			}
		}
	}
	return out
}

// Gather picks one element per row of x's last axis: y[n] = x[n, idx[n]],
// so x (…, V) gives y (…). It panics with a *ShapeError if len(idx) is not
// the number of rows or an index is outside [0, V).
func Gather[E Float](x *Tensor[E], idx []int) *Tensor[E] {
	n, V := rows(x)
	if x.NDim() == 0 || len(idx) != n {
		shapePanic(opGather, "%d indices for %v (%d rows)", len(idx), x.shape, n)
	}
	for r, i := range idx {
		if i < 0 || i >= V {
			panic(&ShapeError{Op: opGather, Msg: fmt.Sprintf("index %d of row %d is outside [0, %d) for %v", i, r, V, x.shape)})
		}
	}
	idx = append([]int(nil), idx...) // kept for backward
	out := result(opGather, append([]int(nil), x.shape[:x.NDim()-1]...), x)
	for r, i := range idx {
		out.Data[r] = x.Data[r*V+i]
	}
	if out.RequiresGrad {
		out.backward = func() {
			gx := x.grad()
			for r, i := range idx {
				gx[r*V+i] += out.Grad[r]
			}
		}
	}
	return out
}
