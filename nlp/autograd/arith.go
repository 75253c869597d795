package autograd

var (
	opAdd       = register("Add", "y = a + b (broadcast)", "∂L/∂a += g, ∂L/∂b += g, each summed over its broadcast axes")
	opSub       = register("Sub", "y = a − b (broadcast)", "∂L/∂a += g, ∂L/∂b −= g, each summed over its broadcast axes")
	opMul       = register("Mul", "y = a ⊙ b (broadcast)", "∂L/∂a += g ⊙ b, ∂L/∂b += g ⊙ a, each summed over its broadcast axes")
	opScale     = register("Scale", "y = c·x", "∂L/∂x += c·g")
	opAddScalar = register("AddScalar", "y = x + c", "∂L/∂x += g")
)

// Add returns a + b with broadcasting. It panics with a *ShapeError naming
// both shapes if they do not broadcast.
func Add[E Float](a, b *Tensor[E]) *Tensor[E] {
	shape := broadcastShape(opAdd, a.shape, b.shape)
	out := result(opAdd, shape, a, b)
	va, vb := viewAs(a, shape), viewAs(b, shape)
	zip(len(out.Data), va, vb, func(lo int, xa, xb []E) {
		y := out.Data[lo : lo+len(xa)]
		for i := range y {
			y[i] = xa[i] + xb[i]
		}
	})
	if out.RequiresGrad {
		out.backward = func() {
			if a.RequiresGrad {
				va.accumulate(out.Grad)
			}
			if b.RequiresGrad {
				vb.accumulate(out.Grad)
			}
		}
	}
	return out
}

// Sub returns a − b with broadcasting; it panics like Add.
func Sub[E Float](a, b *Tensor[E]) *Tensor[E] {
	shape := broadcastShape(opSub, a.shape, b.shape)
	out := result(opSub, shape, a, b)
	va, vb := viewAs(a, shape), viewAs(b, shape)
	zip(len(out.Data), va, vb, func(lo int, xa, xb []E) {
		y := out.Data[lo : lo+len(xa)]
		for i := range y {
			y[i] = xa[i] - xb[i]
		}
	})
	if out.RequiresGrad {
		out.backward = func() {
			if a.RequiresGrad {
				va.accumulate(out.Grad)
			}
			if b.RequiresGrad {
				neg := getBuf[E](len(out.Grad))
				for i, g := range out.Grad {
					neg[i] = -g
				}
				vb.accumulate(neg)
				putBuf(neg)
			}
		}
	}
	return out
}

// Mul returns the element-wise product a ⊙ b with broadcasting; it panics
// like Add.
func Mul[E Float](a, b *Tensor[E]) *Tensor[E] {
	shape := broadcastShape(opMul, a.shape, b.shape)
	out := result(opMul, shape, a, b)
	va, vb := viewAs(a, shape), viewAs(b, shape)
	zip(len(out.Data), va, vb, func(lo int, xa, xb []E) {
		y := out.Data[lo : lo+len(xa)]
		for i := range y {
			y[i] = xa[i] * xb[i]
		}
	})
	if out.RequiresGrad {
		out.backward = func() {
			g := out.Grad
			tmp := getBuf[E](len(g)) // g ⊙ (other operand), shaped like the output
			gv := bview[E]{t: out}   // out.Grad read as a full-size operand
			if a.RequiresGrad {
				zip(len(g), gv, vb, func(lo int, _, xb []E) {
					for i, x := range xb {
						tmp[lo+i] = g[lo+i] * x
					}
				})
				va.accumulate(tmp)
			}
			if b.RequiresGrad {
				zip(len(g), gv, va, func(lo int, _, xa []E) {
					for i, x := range xa {
						tmp[lo+i] = g[lo+i] * x
					}
				})
				vb.accumulate(tmp)
			}
			putBuf(tmp)
		}
	}
	return out
}

// Scale returns c·x.
func Scale[E Float](x *Tensor[E], c E) *Tensor[E] {
	out := result(opScale, x.shape, x)
	for i, v := range x.Data {
		out.Data[i] = c * v
	}
	if out.RequiresGrad {
		out.backward = func() {
			gx := x.grad()
			for i, g := range out.Grad {
				gx[i] += c * g
			}
		}
	}
	return out
}

// AddScalar returns x + c.
func AddScalar[E Float](x *Tensor[E], c E) *Tensor[E] {
	out := result(opAddScalar, x.shape, x)
	for i, v := range x.Data {
		out.Data[i] = v + c
	}
	if out.RequiresGrad {
		out.backward = func() {
			gx := x.grad()
			for i, g := range out.Grad {
				gx[i] += g
			}
		}
	}
	return out
}
