package autograd

var opLinear = register("Linear", "Y = X·W + b  (…, K)·(K, N) + (N) → (…, N), fused",
	"∂L/∂X += G·Wᵀ, ∂L/∂W += Xᵀ·G, ∂L/∂b += Σ_rows G")

// Linear returns x·W + b for x (…, K), W (K, N) and b (N) (b may be nil):
// the affine layer fused into one op. It equals Add(MatMul(x, W), b) but
// adds the bias to each row of the product while it is still in cache,
// and sums the bias gradient the same way. It panics with a *ShapeError
// naming the shapes if they do not fit.
func Linear[E Float](x, W, b *Tensor[E]) *Tensor[E] {
	if x.NDim() < 1 || W.NDim() != 2 || x.Dim(-1) != W.Dim(0) {
		shapePanic(opLinear, "cannot multiply %v by %v", x.shape, W.shape)
	}
	K, N := W.shape[0], W.shape[1]
	if b == nil {
		return MatMul(x, W)
	}
	if b.Size() != N || b.NDim() != 1 {
		shapePanic(opLinear, "bias %v does not match weight %v", b.shape, W.shape)
	}
	rows := prod(x.shape[:x.NDim()-1])
	shape := append(append([]int{}, x.shape[:x.NDim()-1]...), N)
	out := result(opLinear, shape, x, W, b)
	gemm(false, false, rows, N, K, 1, x.Data, max(K, 1), W.Data, N, 0, out.Data, N) // Y = X·W
	for r := range rows {                                                           // Y += b, row by row while Y is in cache
		addInto(out.Data[r*N:(r+1)*N], b.Data)
	}
	if out.RequiresGrad {
		out.backward = func() {
			G := out.Grad // (rows, N)
			if x.RequiresGrad {
				gx, isNew := x.gradOrNew()
				gemm(false, true, rows, K, N, 1, G, N, W.Data, N, betaFor[E](isNew), gx, max(K, 1))
			}
			if W.RequiresGrad {
				gemm(true, false, K, N, rows, 1, x.Data, max(K, 1), G, N, 1, W.grad(), N)
			}
			if b.RequiresGrad {
				gb := b.grad()
				for r := range rows {
					addInto(gb, G[r*N:(r+1)*N])
				}
			}
		}
	}
	return out
}
