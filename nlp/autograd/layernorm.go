package autograd

var opLayerNorm = register("LayerNorm",
	"x̂ = (x − μ)/√(σ² + ε) over the last axis, y = γ ⊙ x̂ + β",
	"∂L/∂γ += Σ g ⊙ x̂, ∂L/∂β += Σ g, ∂L/∂x += (1/σ̃)(ĝ − mean(ĝ) − x̂ ⊙ mean(ĝ ⊙ x̂)) with ĝ = g ⊙ γ, σ̃ = √(σ² + ε)")

// LayerNorm normalises x over its last axis to zero mean and unit variance
// (biased variance, like PyTorch) and applies the per-feature gain gamma
// and bias beta, both of shape (C) where C = x.Dim(-1) (Ba, Kiros & Hinton
// 2016). It panics with a *ShapeError naming the shapes if they differ.
func LayerNorm[E Float](x, gamma, beta *Tensor[E], eps E) *Tensor[E] {
	n, C := rows(x)
	if gamma.Size() != C || beta.Size() != C {
		shapePanic(opLayerNorm, "gain %v and bias %v must have %d elements for input %v", gamma.shape, beta.shape, C, x.shape)
	}
	out := result(opLayerNorm, x.shape, x, gamma, beta)
	stats := getBuf[E](2 * n) // per row: mean μ and 1/√(σ²+ε)
	out.scratch = stats
	parallelFor(n, 64, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			xs, y := x.Data[r*C:(r+1)*C], out.Data[r*C:(r+1)*C]
			var mu, v E
			for _, a := range xs {
				mu += a
			}
			mu /= E(C)
			for _, a := range xs {
				v += (a - mu) * (a - mu)
			}
			rstd := 1 / sqrtE(v/E(C)+eps)
			stats[2*r], stats[2*r+1] = mu, rstd
			for i, a := range xs {
				y[i] = (a-mu)*rstd*gamma.Data[i] + beta.Data[i]
			}
		}
	})
	if out.RequiresGrad {
		out.backward = func() {
			var gx, gg, gb []E
			if x.RequiresGrad {
				gx = x.grad()
			}
			if gamma.RequiresGrad {
				gg = gamma.grad()
			}
			if beta.RequiresGrad {
				gb = beta.grad()
			}
			// Serial over rows: γ and β gradients are sums over all rows.
			for r := range n {
				xs, g := x.Data[r*C:(r+1)*C], out.Grad[r*C:(r+1)*C]
				mu, rstd := stats[2*r], stats[2*r+1]
				var meanG, meanGX E // mean(ĝ), mean(ĝ ⊙ x̂)
				for i, a := range xs {
					xh := (a - mu) * rstd
					gh := g[i] * gamma.Data[i]
					meanG += gh
					meanGX += gh * xh
					if gg != nil {
						gg[i] += g[i] * xh
					}
					if gb != nil {
						gb[i] += g[i]
					}
				}
				if gx == nil {
					continue
				}
				meanG /= E(C)
				meanGX /= E(C)
				dx := gx[r*C : (r+1)*C]
				for i, a := range xs {
					xh := (a - mu) * rstd
					dx[i] += rstd * (g[i]*gamma.Data[i] - meanG - xh*meanGX)
				}
			}
		}
	}
	return out
}
