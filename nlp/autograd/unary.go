package autograd

import "math"

var (
	opExp     = register("Exp", "y = eˣ", "∂L/∂x += g ⊙ y")
	opLog     = register("Log", "y = ln x", "∂L/∂x += g / x")
	opTanh    = register("Tanh", "y = tanh x", "∂L/∂x += g ⊙ (1 − y²)")
	opSigmoid = register("Sigmoid", "y = σ(x) = 1/(1 + e⁻ˣ)", "∂L/∂x += g ⊙ y(1 − y)")
	opReLU    = register("ReLU", "y = max(0, x)", "∂L/∂x += g where x > 0")
	opGELU    = register("GELU", "y = ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³)", "∂L/∂x += g ⊙ [½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²)], t = tanh u")
)

// Exp returns eˣ element-wise.
func Exp[E Float](x *Tensor[E]) *Tensor[E] {
	out := result(opExp, x.shape, x)
	expSlice(out.Data, x.Data)
	if out.RequiresGrad {
		out.backward = func() {
			gx, y := x.grad(), out.Data
			for i, g := range out.Grad {
				gx[i] += g * y[i]
			}
		}
	}
	return out
}

// Log returns ln x element-wise (NaN for x < 0, −Inf for 0, as math.Log).
func Log[E Float](x *Tensor[E]) *Tensor[E] {
	out := result(opLog, x.shape, x)
	for i, v := range x.Data {
		out.Data[i] = logE(v)
	}
	if out.RequiresGrad {
		out.backward = func() {
			gx := x.grad()
			for i, g := range out.Grad {
				gx[i] += g / x.Data[i]
			}
		}
	}
	return out
}

// Tanh returns tanh x element-wise.
func Tanh[E Float](x *Tensor[E]) *Tensor[E] {
	out := result(opTanh, x.shape, x)
	tanhSlice(out.Data, x.Data)
	if out.RequiresGrad {
		out.backward = func() {
			gx, y := x.grad(), out.Data
			for i, g := range out.Grad {
				gx[i] += g * (1 - y[i]*y[i])
			}
		}
	}
	return out
}

// Sigmoid returns the logistic function σ(x) element-wise.
func Sigmoid[E Float](x *Tensor[E]) *Tensor[E] {
	out := result(opSigmoid, x.shape, x)
	sigmoidSlice(out.Data, x.Data)
	if out.RequiresGrad {
		out.backward = func() {
			gx, y := x.grad(), out.Data
			for i, g := range out.Grad {
				gx[i] += g * y[i] * (1 - y[i])
			}
		}
	}
	return out
}

// ReLU returns max(0, x) element-wise.
func ReLU[E Float](x *Tensor[E]) *Tensor[E] {
	out := result(opReLU, x.shape, x)
	for i, v := range x.Data {
		out.Data[i] = max(v, 0)
	}
	if out.RequiresGrad {
		out.backward = func() {
			gx := x.grad()
			for i, g := range out.Grad {
				if x.Data[i] > 0 {
					gx[i] += g
				}
			}
		}
	}
	return out
}

// GELU returns the Gaussian error linear unit x·Φ(x) in the tanh
// approximation of Hendrycks & Gimpel (2016) used by GPT-2 and nanoGPT; it
// differs from the exact erf form by less than 1e-3.
func GELU[E Float](x *Tensor[E]) *Tensor[E] {
	const c = 0.7978845608028654 // √(2/π)
	const k = 0.044715
	out := result(opGELU, x.shape, x)
	t := getBuf[E](len(x.Data)) // tanh u, kept for the backward pass
	out.scratch = t
	parallelFor(len(x.Data), 1<<14, func(lo, hi int) {
		geluForward(out.Data[lo:hi], t[lo:hi], x.Data[lo:hi])
	})
	if out.RequiresGrad {
		out.backward = func() {
			gx, isNew := x.gradOrNew()
			parallelFor(len(gx), 1<<14, func(lo, hi int) {
				if g32, ok := any(gx).([]float32); ok { // fast path (SIMD when built with it)
					geluGrad32(g32[lo:hi], any(out.Grad).([]float32)[lo:hi], any(x.Data).([]float32)[lo:hi], any(t).([]float32)[lo:hi], isNew)
					return
				}
				for i := lo; i < hi; i++ {
					v, ti := x.Data[i], t[i]
					d := out.Grad[i] * (0.5*(1+ti) + 0.5*v*(1-ti*ti)*c*(1+3*k*v*v))
					if isNew {
						gx[i] = d
					} else {
						gx[i] += d
					}
				}
			})
		}
	}
	return out
}

// geluForward computes t = tanh u and y = ½x(1 + t), one pass per element.
func geluForward[E Float](y, t, x []E) {
	const c, k = 0.7978845608028654, 0.044715
	switch t32 := any(t).(type) {
	case []float32:
		gelu32(any(y).([]float32), t32, any(x).([]float32))
	case []float64:
		x64, y64 := any(x).([]float64), any(y).([]float64)
		for i, v := range x64 {
			ti := math.Tanh(c * (v + k*v*v*v))
			t[i], y64[i] = E(ti), 0.5*v*(1+ti)
		}
	}
}
