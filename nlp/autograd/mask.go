package autograd

import (
	"fmt"
	"math/rand/v2"
)

var (
	opMaskedFill = register("MaskedFill", "yᵢ = v where maskᵢ, else xᵢ (mask broadcast over leading axes)", "∂L/∂xᵢ += gᵢ where not maskᵢ")
	opCausalMask = register("CausalMask", "y[…, i, j] = −∞ for j > i, else x[…, i, j]", "∂L/∂x[…, i, j] += g[…, i, j] for j ≤ i")
	opDropout    = register("Dropout", "yᵢ = xᵢ·mᵢ/(1 − p), mᵢ ~ Bernoulli(1 − p)", "∂L/∂xᵢ += gᵢ·mᵢ/(1 − p)")
)

// MaskedFill returns x with value wherever mask is true. The mask covers
// the trailing axes of x (len(mask) must divide x.Size() and equal the
// product of its last axes) and repeats over the leading ones, e.g. one
// (T, T) mask for every batch and head of (B, H, T, T) scores. Filled
// positions get no gradient.
func MaskedFill[E Float](x *Tensor[E], mask []bool, value E) *Tensor[E] {
	m := len(mask)
	trail, ok := 1, m == 0 && len(x.Data) == 0
	for i := x.NDim() - 1; i >= 0 && !ok; i-- {
		trail *= x.shape[i]
		ok = trail == m
	}
	if !ok && !(m == 1 && x.NDim() == 0) {
		shapePanic(opMaskedFill, "mask of %d elements does not cover the trailing axes of %v", m, x.shape)
	}
	out := result(opMaskedFill, x.shape, x)
	for i, v := range x.Data {
		if mask[i%m] {
			v = value
		}
		out.Data[i] = v
	}
	if out.RequiresGrad {
		out.backward = func() {
			gx := x.grad()
			for i, g := range out.Grad {
				if !mask[i%m] {
					gx[i] += g
				}
			}
		}
	}
	return out
}

// CausalMask hides the future: for scores x (…, T, T) it sets every entry
// above the diagonal (key j after query i) to −∞, so a following Softmax
// gives those keys probability 0. It panics if the last two axes differ.
func CausalMask[E Float](x *Tensor[E]) *Tensor[E] {
	if x.NDim() < 2 || x.Dim(-1) != x.Dim(-2) {
		shapePanic(opCausalMask, "need (…, T, T) scores, got %v", x.shape)
	}
	T := x.Dim(-1)
	out := result(opCausalMask, x.shape, x)
	inf := negInf[E]()
	for off := 0; off < len(x.Data); off += T * T {
		for i := range T {
			row, src := out.Data[off+i*T:off+(i+1)*T], x.Data[off+i*T:off+(i+1)*T]
			copy(row[:i+1], src[:i+1])
			for j := i + 1; j < T; j++ {
				row[j] = inf
			}
		}
	}
	if out.RequiresGrad {
		out.backward = func() {
			gx := x.grad()
			for off := 0; off < len(gx); off += T * T {
				for i := range T {
					for j := 0; j <= i; j++ {
						gx[off+i*T+j] += out.Grad[off+i*T+j]
					}
				}
			}
		}
	}
	return out
}

// Dropout zeroes each element with probability p and scales the survivors
// by 1/(1 − p) so the expected value is unchanged (Srivastava et al. 2014).
// With p = 0 it returns x itself. rng makes the mask reproducible. It
// panics if p is not in [0, 1).
func Dropout[E Float](x *Tensor[E], p float64, rng *rand.Rand) *Tensor[E] {
	if p < 0 || p >= 1 {
		panic(fmt.Sprintf("autograd: Dropout probability %v outside [0, 1)", p))
	}
	if p == 0 {
		return x
	}
	out := result(opDropout, x.shape, x)
	scale := getBuf[E](len(x.Data)) // mᵢ/(1 − p)
	out.scratch = scale
	keep := E(1 / (1 - p))
	for i, v := range x.Data {
		scale[i] = 0
		if rng.Float64() >= p {
			scale[i] = keep
		}
		out.Data[i] = v * scale[i]
	}
	if out.RequiresGrad {
		out.backward = func() {
			gx := x.grad()
			for i, g := range out.Grad {
				gx[i] += g * scale[i]
			}
		}
	}
	return out
}
