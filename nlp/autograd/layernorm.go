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
			mu, rstd := lnForward(out.Data[r*C:(r+1)*C], x.Data[r*C:(r+1)*C], gamma.Data, beta.Data, eps)
			stats[2*r], stats[2*r+1] = mu, rstd
		}
	})
	if out.RequiresGrad {
		out.backward = func() {
			var gx, gg, gb []E
			var newX bool
			if x.RequiresGrad {
				gx, newX = x.gradOrNew()
			}
			if gamma.RequiresGrad {
				gg = gamma.grad()
			}
			if beta.RequiresGrad {
				gb = beta.grad()
			}
			// Serial over rows: γ and β gradients are sums over all rows.
			for r := range n {
				var dx []E
				if gx != nil {
					dx = gx[r*C : (r+1)*C]
				}
				lnBackward(dx, gg, gb, x.Data[r*C:(r+1)*C], out.Grad[r*C:(r+1)*C], gamma.Data, stats[2*r], stats[2*r+1], newX)
			}
		}
	}
	return out
}

// lnForward normalises one row: y = γ ⊙ (x − μ)·rstd + β, returning μ and
// rstd = 1/√(σ² + ε).
func lnForward[E Float](y, x, gamma, beta []E, eps E) (mu, rstd E) {
	if y32, ok := any(y).([]float32); ok {
		m, r := lnForward32(y32, any(x).([]float32), any(gamma).([]float32), any(beta).([]float32), float32(eps))
		return E(m), E(r)
	}
	return lnForwardScalar(y, x, gamma, beta, eps)
}

func lnForwardScalar[E Float](y, x, gamma, beta []E, eps E) (mu, rstd E) {
	C := E(len(x))
	var v E
	for _, a := range x {
		mu += a
	}
	mu /= C
	for _, a := range x {
		v += (a - mu) * (a - mu)
	}
	rstd = 1 / sqrtE(v/C+eps)
	for i, a := range x {
		y[i] = (a-mu)*rstd*gamma[i] + beta[i]
	}
	return mu, rstd
}

// lnBackward adds one row's gradients: ∂L/∂γ += g ⊙ x̂, ∂L/∂β += g and
// ∂L/∂x += rstd·(ĝ − mean(ĝ) − x̂ ⊙ mean(ĝ ⊙ x̂)) with ĝ = g ⊙ γ (written
// instead of added if overwrite is set). Nil destinations are skipped.
func lnBackward[E Float](dx, gg, gb, x, g, gamma []E, mu, rstd E, overwrite bool) {
	if x32, ok := any(x).([]float32); ok {
		lnBackward32(any(dx).([]float32), any(gg).([]float32), any(gb).([]float32), x32, any(g).([]float32), any(gamma).([]float32), float32(mu), float32(rstd), overwrite)
		return
	}
	lnBackwardScalar(dx, gg, gb, x, g, gamma, mu, rstd, overwrite)
}

func lnBackwardScalar[E Float](dx, gg, gb, x, g, gamma []E, mu, rstd E, overwrite bool) {
	var meanG, meanGX E // mean(ĝ), mean(ĝ ⊙ x̂)
	for i, a := range x {
		xh := (a - mu) * rstd
		gh := g[i] * gamma[i]
		meanG += gh
		meanGX += gh * xh
		if gg != nil {
			gg[i] += g[i] * xh
		}
		if gb != nil {
			gb[i] += g[i]
		}
	}
	if dx == nil {
		return
	}
	meanG /= E(len(x))
	meanGX /= E(len(x))
	for i, a := range x {
		xh := (a - mu) * rstd
		d := rstd * (g[i]*gamma[i] - meanG - xh*meanGX)
		if overwrite {
			dx[i] = d
		} else {
			dx[i] += d
		}
	}
}
