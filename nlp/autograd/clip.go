package autograd

import "math"

// GradNorm returns the L2 norm of all the gradients of params taken
// together, √(Σ‖∂L/∂θ‖²), accumulated in float64.
func GradNorm[E Float](params []*Tensor[E]) float64 {
	var s float64
	for _, p := range params {
		for _, g := range p.Grad {
			s += float64(g) * float64(g)
		}
	}
	return math.Sqrt(s)
}

// ClipGradNorm rescales the gradients of params so that their joint L2
// norm is at most maxNorm (Pascanu et al. 2013), like
// torch.nn.utils.clip_grad_norm_, and returns the norm before clipping.
func ClipGradNorm[E Float](params []*Tensor[E], maxNorm float64) float64 {
	norm := GradNorm(params)
	if norm > maxNorm {
		scale := E(maxNorm / (norm + 1e-6))
		for _, p := range params {
			for i := range p.Grad {
				p.Grad[i] *= scale
			}
		}
	}
	return norm
}

// ZeroGrad clears the gradients of params.
func ZeroGrad[E Float](params []*Tensor[E]) {
	for _, p := range params {
		clear(p.Grad)
	}
}
