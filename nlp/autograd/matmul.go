package autograd

var opMatMul = register("MatMul", "Y = A·B  (…, M, K)·(K, N) or batched (…, M, K)·(…, K, N) → (…, M, N)",
	"∂L/∂A += G·Bᵀ, ∂L/∂B += Aᵀ·G (summed over the batch when B is shared)")

// MatMul returns the matrix product of the last two axes of a and b.
//
//   - a (…, M, K) · b (K, N) → (…, M, N): b is shared by every leading
//     index of a, as for a Linear layer applied to (B, T, C); computed as
//     one (…·M, K)·(K, N) product.
//   - a (…, M, K) · b (…, K, N) → (…, M, N) with equal leading axes: one
//     product per batch entry (attention scores per batch and head).
//
// It panics with a *ShapeError naming both shapes if they do not fit.
func MatMul[E Float](a, b *Tensor[E]) *Tensor[E] {
	if a.NDim() < 2 || b.NDim() < 2 {
		shapePanic(opMatMul, "need at least 2 axes each, got %v and %v", a.shape, b.shape)
	}
	K := a.Dim(-1)
	if b.Dim(-2) != K {
		shapePanic(opMatMul, "inner dimensions differ: %v · %v (%d vs %d)", a.shape, b.shape, K, b.Dim(-2))
	}
	N := b.Dim(-1)
	shape := append(append([]int{}, a.shape[:a.NDim()-1]...), N)
	if b.NDim() == 2 {
		return matmulShared(a, b, shape)
	}
	if !sameShape(a.shape[:a.NDim()-2], b.shape[:b.NDim()-2]) {
		shapePanic(opMatMul, "batch axes differ: %v · %v", a.shape, b.shape)
	}
	return matmulBatched(a, b, shape)
}

func matmulShared[E Float](a, b *Tensor[E], shape []int) *Tensor[E] {
	K, N := b.shape[0], b.shape[1]
	rows := len(a.Data) / max(K, 1)
	if K == 0 {
		rows = prod(a.shape[:a.NDim()-1])
	}
	out := result(opMatMul, shape, a, b)
	// Y (rows, N) = A (rows, K) · B (K, N)
	gemm(false, false, rows, N, K, 1, a.Data, max(K, 1), b.Data, N, 0, out.Data, N)
	if out.RequiresGrad {
		out.backward = func() {
			G := out.Grad // (rows, N)
			if a.RequiresGrad {
				// ∂L/∂A (rows, K) += G (rows, N) · Bᵀ (N, K)
				gemm(false, true, rows, K, N, 1, G, N, b.Data, N, 1, a.grad(), max(K, 1))
			}
			if b.RequiresGrad {
				// ∂L/∂B (K, N) += Aᵀ (K, rows) · G (rows, N)
				gemm(true, false, K, N, rows, 1, a.Data, max(K, 1), G, N, 1, b.grad(), N)
			}
		}
	}
	return out
}

func matmulBatched[E Float](a, b *Tensor[E], shape []int) *Tensor[E] {
	M, K, N := a.Dim(-2), a.Dim(-1), b.Dim(-1)
	batch := prod(a.shape[:a.NDim()-2])
	out := result(opMatMul, shape, a, b)
	sa, sb, sc := M*K, K*N, M*N // elements per batch entry
	parallelFor(batch, 2, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			// Y[i] (M, N) = A[i] (M, K) · B[i] (K, N)
			gemm(false, false, M, N, K, 1, a.Data[i*sa:], max(K, 1), b.Data[i*sb:], N, 0, out.Data[i*sc:(i+1)*sc], N)
		}
	})
	if out.RequiresGrad {
		out.backward = func() {
			var ga, gb []E
			if a.RequiresGrad {
				ga = a.grad()
			}
			if b.RequiresGrad {
				gb = b.grad()
			}
			parallelFor(batch, 2, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					G := out.Grad[i*sc:]
					if ga != nil { // ∂L/∂A[i] += G[i] · B[i]ᵀ
						gemm(false, true, M, K, N, 1, G, N, b.Data[i*sb:], N, 1, ga[i*sa:(i+1)*sa], max(K, 1))
					}
					if gb != nil { // ∂L/∂B[i] += A[i]ᵀ · G[i]
						gemm(true, false, K, N, M, 1, a.Data[i*sa:], max(K, 1), G, N, 1, gb[i*sb:(i+1)*sb], N)
					}
				}
			})
		}
	}
	return out
}
