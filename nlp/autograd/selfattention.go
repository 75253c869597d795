package autograd

import "math"

var opSelfAttention = register("SelfAttention",
	"y[b, :, h] = softmax(q_h k_hᵀ/√D (causal: row i sees keys ≤ i)) v_h  with q, k, v the thirds of qkv (B, T, 3C), head h its D = C/H columns  (fused)",
	"with P the weights and G = ∂L/∂y_h: ∂L/∂v_h += Pᵀ G, dS = P ⊙ (G v_hᵀ − rowsum(P ⊙ G v_hᵀ)), ∂L/∂q_h += dS k_h/√D, ∂L/∂k_h += dSᵀ q_h/√D")

// SelfAttention is multi-head scaled dot-product self-attention (Vaswani
// et al. 2017, §3.2) fused into one op. qkv (B, T, 3C) holds the queries,
// keys and values side by side, as one Linear layer C → 3C produces them;
// head h owns columns h·D … (h+1)·D − 1 of each third, D = C/heads. The
// result (B, T, C) has the heads' outputs side by side in the same order.
// With causal set, position i attends to positions ≤ i only.
//
// It equals the chain a reader meets first,
//
//	q, k, v := Split(qkv, -1, C, C, C), each reshaped to (B, T, H, D) and
//	           transposed to (B, H, T, D)
//	w := CausalSoftmax(MatMulT(q, k), 1/√D)        (Softmax(Scale(…)) if not causal)
//	y := MatMul(w, v) transposed back and reshaped to (B, T, C)
//
// but reads the heads in place (matrix products with a row stride of 3C)
// instead of copying them out and back, and keeps only the weights w for
// the backward pass. It panics with a *ShapeError if the last axis of qkv
// is not 3C with C divisible by heads.
func SelfAttention[E Float](qkv *Tensor[E], heads int, causal bool) *Tensor[E] {
	if qkv.NDim() != 3 || qkv.Dim(2)%3 != 0 || heads < 1 || (qkv.Dim(2)/3)%heads != 0 {
		shapePanic(opSelfAttention, "need (B, T, 3C) with C divisible by %d heads, got %v", heads, qkv.shape)
	}
	B, T, C3 := qkv.Dim(0), qkv.Dim(1), qkv.Dim(2)
	C := C3 / 3
	H, D := heads, C/heads
	scale := E(1 / math.Sqrt(float64(D)))
	out := result(opSelfAttention, []int{B, T, C}, qkv)
	if T == 0 || C == 0 {
		return out
	}
	w := getBuf[E](B * H * T * T) // the attention weights, kept for backward
	out.scratch = w
	parallelFor(B*H, 1, func(lo, hi int) {
		for bh := lo; bh < hi; bh++ {
			b, h := bh/H, bh%H
			qkvb := qkv.Data[b*T*C3:]
			q, k, v := qkvb[h*D:], qkvb[C+h*D:], qkvb[2*C+h*D:]
			p := w[bh*T*T : (bh+1)*T*T]
			gemm(false, true, T, T, D, scale, q, C3, k, C3, 0, p, T) // scores q·kᵀ/√D
			for i := range T {
				n := T
				if causal {
					n = i + 1
					clear(p[i*T+n : (i+1)*T])
				}
				softmaxInPlace(p[i*T : i*T+n])
			}
			gemm(false, false, T, D, T, 1, p, T, v, C3, 0, out.Data[b*T*C+h*D:], C) // w·v
		}
	})
	if out.RequiresGrad {
		out.backward = func() {
			gqkv, isNew := qkv.gradOrNew()
			beta := betaFor[E](isNew) // each head's columns of ∂L/∂qkv get exactly one product
			parallelFor(B*H, 1, func(lo, hi int) {
				dS := getBuf[E](T * T)
				defer putBuf(dS)
				for bh := lo; bh < hi; bh++ {
					b, h := bh/H, bh%H
					qkvb, gb := qkv.Data[b*T*C3:], gqkv[b*T*C3:]
					q, k, v := qkvb[h*D:], qkvb[C+h*D:], qkvb[2*C+h*D:]
					p := w[bh*T*T : (bh+1)*T*T]
					g := out.Grad[b*T*C+h*D:]
					gemm(false, true, T, T, D, 1, g, C, v, C3, 0, dS, T) // ∂L/∂w = G·vᵀ
					for i := range T {
						n := T
						if causal {
							n = i + 1
						}
						softmaxGradInPlace(dS[i*T:i*T+n], p[i*T:i*T+n])
						clear(dS[i*T+n : (i+1)*T])
					}
					gemm(false, false, T, D, T, scale, dS, T, k, C3, beta, gb[h*D:], C3)  // ∂L/∂q += dS·k/√D
					gemm(true, false, T, D, T, scale, dS, T, q, C3, beta, gb[C+h*D:], C3) // ∂L/∂k += dSᵀ·q/√D
					gemm(true, false, T, D, T, 1, p, T, g, C, beta, gb[2*C+h*D:], C3)     // ∂L/∂v += wᵀ·G
				}
			})
		}
	}
	return out
}

// softmaxInPlace replaces x by softmax(x).
func softmaxInPlace[E Float](x []E) { softmaxRow(x, x) }

// softmaxGradInPlace turns g = ∂L/∂y into ∂L/∂x for y = softmax(x):
// g_j ← y_j (g_j − Σ_k g_k y_k).
func softmaxGradInPlace[E Float](g, y []E) {
	if g32, ok := any(g).([]float32); ok {
		softmaxGrad32(g32, any(y).([]float32))
		return
	}
	softmaxGradScalar(g, y)
}

func softmaxGradScalar[E Float](g, y []E) {
	y = y[:len(g)]
	var dot E
	for j, v := range y {
		dot += g[j] * v
	}
	for j, v := range y {
		g[j] = v * (g[j] - dot)
	}
}
