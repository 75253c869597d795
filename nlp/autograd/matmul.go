package autograd

var (
	opMatMul = register("MatMul", "Y = A·B  (…, M, K)·(K, N) or batched (…, M, K)·(…, K, N) → (…, M, N)",
		"∂L/∂A += G·Bᵀ, ∂L/∂B += Aᵀ·G (summed over the batch when B is shared)")
	opMatMulT = register("MatMulT", "Y = A·Bᵀ  (…, M, K)·(N, K)ᵀ or batched (…, M, K)·(…, N, K)ᵀ → (…, M, N)",
		"∂L/∂A += G·B, ∂L/∂B += Gᵀ·A")
)

// MatMul returns the matrix product of the last two axes of a and b.
//
//   - a (…, M, K) · b (K, N) → (…, M, N): b is shared by every leading
//     index of a, as for a Linear layer applied to (B, T, C); computed as
//     one (…·M, K)·(K, N) product.
//   - a (…, M, K) · b (…, K, N) → (…, M, N) with equal leading axes: one
//     product per batch entry (attention: weights times values per head).
//
// It panics with a *ShapeError naming both shapes if they do not fit.
func MatMul[E Float](a, b *Tensor[E]) *Tensor[E] { return matmul(opMatMul, a, b, false) }

// MatMulT returns a·bᵀ over the last two axes without materialising bᵀ:
// a (…, M, K) and b (…, N, K) (or b (N, K) shared) give (…, M, N). It is
// the attention score product q·kᵀ. It panics like MatMul.
func MatMulT[E Float](a, b *Tensor[E]) *Tensor[E] { return matmul(opMatMulT, a, b, true) }

func matmul[E Float](op string, a, b *Tensor[E], transB bool) *Tensor[E] {
	if a.NDim() < 2 || b.NDim() < 2 {
		shapePanic(op, "need at least 2 axes each, got %v and %v", a.shape, b.shape)
	}
	K, N := b.Dim(-2), b.Dim(-1) // b as stored: (K, N), or (N, K) when transposed
	if transB {
		K, N = N, K
	}
	if a.Dim(-1) != K {
		shapePanic(op, "inner dimensions differ: %v · %v (%d vs %d)", a.shape, b.shape, a.Dim(-1), K)
	}
	shape := append(append([]int{}, a.shape[:a.NDim()-1]...), N)
	batched := b.NDim() > 2
	if batched && !sameShape(a.shape[:a.NDim()-2], b.shape[:b.NDim()-2]) {
		shapePanic(op, "batch axes differ: %v · %v", a.shape, b.shape)
	}
	M := a.Dim(-2)
	batch := prod(a.shape[:a.NDim()-2])
	if !batched { // one tall product: (batch·M, K)·(K, N)
		M, batch = M*batch, 1
	}
	ldb := N // leading dimension of b as stored
	if transB {
		ldb = K
	}
	lda := max(K, 1)
	sa, sb, sc := M*K, K*N, M*N // elements per batch entry
	if !batched {
		sb = 0
	}
	out := result(op, shape, a, b)
	parallelFor(batch, 2, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			// Y[i] (M, N) = A[i] (M, K) · op(B[i]) (K, N)
			gemm(false, transB, M, N, K, 1, a.Data[i*sa:], lda, b.Data[i*sb:], max(ldb, 1), 0, out.Data[i*sc:(i+1)*sc], N)
		}
	})
	if out.RequiresGrad {
		out.backward = func() {
			var ga, gb []E
			var newA, newB bool
			if a.RequiresGrad {
				ga, newA = a.gradOrNew()
			}
			if b.RequiresGrad {
				gb, newB = b.gradOrNew()
			}
			betaA, betaB := betaFor[E](newA), betaFor[E](newB)
			if !batched && gb != nil { // shared B: its gradient sums over every row
				batchOne(transB, M, N, K, a.Data, out.Grad, b.Data, ga, gb, lda, ldb, betaA, betaB)
				return
			}
			parallelFor(batch, 2, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					var gai, gbi []E
					if ga != nil {
						gai = ga[i*sa : (i+1)*sa]
					}
					if gb != nil {
						gbi = gb[i*sb : i*sb+K*N]
					}
					batchOne(transB, M, N, K, a.Data[i*sa:], out.Grad[i*sc:], b.Data[i*sb:], gai, gbi, lda, ldb, betaA, betaB)
				}
			})
		}
	}
	return out
}

// batchOne adds the gradients of one product Y = A·op(B) with incoming G
// (into gradient buffers first scaled by betaA and betaB, see betaFor):
//
//	∂L/∂A += G·op(B)ᵀ          (M, N)·(N, K)
//	∂L/∂B += Aᵀ·G              (K, M)·(M, N), or for op(B) = Bᵀ: Gᵀ·A (N, K)
func batchOne[E Float](transB bool, M, N, K int, A, G, B, gA, gB []E, lda, ldb int, betaA, betaB E) {
	ldb = max(ldb, 1)
	if gA != nil {
		gemm(false, !transB, M, K, N, 1, G, N, B, ldb, betaA, gA, lda)
	}
	if gB != nil {
		if transB {
			gemm(true, false, N, K, M, 1, G, N, A, lda, betaB, gB, ldb)
		} else {
			gemm(true, false, K, N, M, 1, A, lda, G, N, betaB, gB, ldb)
		}
	}
}
