package autograd

import "fmt"

var (
	opSoftmax      = register("Softmax", "yᵢ = e^(xᵢ−m) / Σⱼ e^(xⱼ−m) over the last axis, m = maxⱼ xⱼ", "∂L/∂xᵢ += yᵢ (gᵢ − Σⱼ gⱼ yⱼ)")
	opLogSoftmax   = register("LogSoftmax", "yᵢ = xᵢ − m − ln Σⱼ e^(xⱼ−m) over the last axis", "∂L/∂xᵢ += gᵢ − softmax(x)ᵢ Σⱼ gⱼ")
	opCrossEntropy = register("CrossEntropy", "L = −(1/N) Σₙ log softmax(xₙ)[tₙ]  (fused, stable)", "∂L/∂xₙᵢ += g (softmax(xₙ)ᵢ − [i = tₙ]) / N")
)

// rows splits a tensor into rows of its last axis.
func rows[E Float](x *Tensor[E]) (n, width int) {
	if x.NDim() == 0 {
		return 1, 1
	}
	width = x.Dim(-1)
	if width == 0 {
		return 0, 0
	}
	return len(x.Data) / width, width
}

// softmaxRow writes softmax(x) into y (y may be x) and returns the max
// and log Σ e^(x−max).
func softmaxRow[E Float](y, x []E) (m, logZ E) {
	var z E
	if y32, ok := any(y).([]float32); ok {
		m32, z32 := softmax32(y32, any(x).([]float32))
		m, z = E(m32), E(z32)
	} else {
		m, z = softmaxScalar(y, x)
	}
	if z == 0 { // a fully masked row
		return m, 0
	}
	return m, logE(z)
}

// softmaxScalar writes softmax(x) into y (y may be x) one element at a
// time and returns the max and z = Σ e^(x−max); a fully masked row (all
// −Inf) gets zeros and z = 0.
func softmaxScalar[E Float](y, x []E) (m, z E) {
	m = x[0]
	for _, v := range x[1:] {
		m = max(m, v)
	}
	if m == negInf[E]() { // uniform would be arbitrary; keep zeros
		clear(y)
		return m, 0
	}
	for i, v := range x {
		y[i] = v - m
	}
	expSlice(y, y)
	for _, v := range y {
		z += v
	}
	inv := 1 / z
	for i := range y {
		y[i] *= inv
	}
	return m, z
}

// Softmax returns the softmax of x over its last axis, computed stably by
// subtracting each row's maximum. −Inf entries (masked positions) get
// probability 0.
func Softmax[E Float](x *Tensor[E]) *Tensor[E] {
	out := result(opSoftmax, x.shape, x)
	n, w := rows(x)
	parallelFor(n, 64, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			softmaxRow(out.Data[r*w:(r+1)*w], x.Data[r*w:(r+1)*w])
		}
	})
	if out.RequiresGrad {
		out.backward = func() {
			gx := x.grad()
			parallelFor(n, 64, func(lo, hi int) {
				for r := lo; r < hi; r++ {
					y, g, dx := out.Data[r*w:(r+1)*w], out.Grad[r*w:(r+1)*w], gx[r*w:(r+1)*w]
					var dot E
					for i := range y {
						dot += g[i] * y[i]
					}
					for i := range y {
						dx[i] += y[i] * (g[i] - dot)
					}
				}
			})
		}
	}
	return out
}

// LogSoftmax returns log softmax(x) over the last axis.
func LogSoftmax[E Float](x *Tensor[E]) *Tensor[E] {
	out := result(opLogSoftmax, x.shape, x)
	n, w := rows(x)
	for r := range n {
		y, xs := out.Data[r*w:(r+1)*w], x.Data[r*w:(r+1)*w]
		m, logZ := softmaxRow(y, xs)
		for i, v := range xs {
			y[i] = v - m - logZ
		}
	}
	if out.RequiresGrad {
		out.backward = func() {
			gx := x.grad()
			for r := range n {
				y, g, dx := out.Data[r*w:(r+1)*w], out.Grad[r*w:(r+1)*w], gx[r*w:(r+1)*w]
				var sum E
				for _, v := range g {
					sum += v
				}
				for i := range y {
					dx[i] += g[i] - expE(y[i])*sum
				}
			}
		}
	}
	return out
}

// CrossEntropy returns the mean negative log-likelihood of the targets
// under softmax(logits), fused into one numerically stable op (the
// log-sum-exp trick) like torch.nn.functional.cross_entropy. logits has
// shape (…, V) and targets one class per row (len = size/V). A negative
// target marks a row to ignore (padding); the mean is over the others.
//
// It panics with a *ShapeError if len(targets) does not match the rows of
// logits, and with an error naming the row if a target is ≥ V.
func CrossEntropy[E Float](logits *Tensor[E], targets []int) *Tensor[E] {
	n, V := rows(logits)
	if len(targets) != n {
		shapePanic(opCrossEntropy, "%d targets for logits of shape %v (%d rows)", len(targets), logits.shape, n)
	}
	counted := 0
	for r, t := range targets {
		if t >= V {
			panic(&ShapeError{Op: opCrossEntropy, Msg: fmt.Sprintf("target %d of row %d is out of range for %d classes (logits %v)", t, r, V, logits.shape)})
		}
		if t >= 0 {
			counted++
		}
	}
	targets = append([]int(nil), targets...) // kept for backward; the caller may reuse its slice
	out := result(opCrossEntropy, []int{}, logits)
	p := getBuf[E](len(logits.Data)) // softmax probabilities, reused by backward
	out.scratch = p
	losses := make([]E, n)
	parallelFor(n, 32, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			x, y := logits.Data[r*V:(r+1)*V], p[r*V:(r+1)*V]
			m, logZ := softmaxRow(y, x)
			if t := targets[r]; t >= 0 {
				losses[r] = m + logZ - x[t] // −log softmax(x)[t]
			}
		}
	})
	var sum E
	for _, l := range losses {
		sum += l
	}
	out.Data[0] = sum / E(max(counted, 1))
	if out.RequiresGrad {
		out.backward = func() {
			gx, isNew := logits.gradOrNew()
			scale := out.Grad[0] / E(max(counted, 1))
			parallelFor(n, 32, func(lo, hi int) {
				for r := lo; r < hi; r++ {
					t := targets[r]
					y, dx := p[r*V:(r+1)*V], gx[r*V:(r+1)*V]
					switch {
					case t < 0 && isNew: // an ignored row adds nothing
						clear(dx)
						continue
					case t < 0:
						continue
					case isNew:
						for i, v := range y {
							dx[i] = scale * v
						}
					default:
						for i, v := range y {
							dx[i] += scale * v
						}
					}
					dx[t] -= scale
				}
			})
		}
	}
	return out
}
