package llm

import (
	"fmt"
	"math"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
)

// PPOStats is the clipped surrogate objective on a batch of tokens and
// what practitioners plot while training.
type PPOStats struct {
	// Objective is L^CLIP = mean_t min(ρ_t A_t, clip(ρ_t, 1−ε, 1+ε) A_t),
	// to be maximised; Loss = −Objective.
	Objective, Loss float64
	// Grad is ∂Loss/∂logπ(a_t) for every token: −ρ_t A_t / T where the
	// unclipped term is the minimum, 0 where clipping is active.
	Grad []float64
	// ClipFrac is the fraction of tokens whose gradient clipping removed
	// (the clipped term strictly smaller than the unclipped one).
	ClipFrac float64
	// ApproxKL estimates KL(π_old ‖ π) by mean((ρ−1) − log ρ), always ≥ 0.
	ApproxKL float64
}

// PPOClip evaluates PPO's clipped surrogate objective (Schulman et al.
// 2017, eq. 7) for tokens with current log-probabilities logp, the
// log-probabilities oldLogp under the policy that generated them, and
// advantages adv:
//
//	ρ_t = exp(logp_t − oldLogp_t)
//	L^CLIP = mean_t min(ρ_t A_t, clip(ρ_t, 1−ε, 1+ε) A_t)
//
// When A_t > 0 the objective stops growing once ρ_t > 1+ε, when A_t < 0
// once ρ_t < 1−ε: the new policy gains nothing from moving far from the
// old one. It panics if the lengths differ.
func PPOClip(logp, oldLogp, adv []float64, eps float64) PPOStats {
	if len(oldLogp) != len(logp) || len(adv) != len(logp) {
		panic(fmt.Sprintf("llm: PPOClip: lengths %d, %d, %d differ", len(logp), len(oldLogp), len(adv)))
	}
	T := float64(len(logp))
	st := PPOStats{Grad: make([]float64, len(logp))}
	if len(logp) == 0 {
		return st
	}
	for t := range logp {
		rho := math.Exp(logp[t] - oldLogp[t])
		unclipped := rho * adv[t]
		clipped := math.Max(1-eps, math.Min(1+eps, rho)) * adv[t]
		if clipped < unclipped {
			st.Objective += clipped / T
			st.ClipFrac += 1 / T
		} else {
			st.Objective += unclipped / T
			st.Grad[t] = -unclipped / T // ∂(ρA)/∂logp = ρA
		}
		st.ApproxKL += (rho - 1 - math.Log(rho)) / T
	}
	st.Loss = -st.Objective
	return st
}

// PPOLoss is −L^CLIP as an autograd op of the current log-probabilities
// logp (T tokens, any shape), with oldLogp and adv constants. Which branch
// of the min is active is decided from the values (no gradient flows
// through the choice), so the loss is
//
//	−(1/T)[Σ_{unclipped t} A_t·exp(logp_t − oldLogp_t) + Σ_{clipped t} clip(ρ_t)A_t]
//
// whose gradient equals PPOClip's Grad. It panics if the lengths differ.
func PPOLoss[E ag.Float](logp *ag.Tensor[E], oldLogp, adv []float64, eps float64) *ag.Tensor[E] {
	n := len(logp.Data)
	if len(oldLogp) != n || len(adv) != n {
		panic(fmt.Sprintf("llm: PPOLoss: lengths %d, %d, %d differ", n, len(oldLogp), len(adv)))
	}
	w := make([]E, n)    // −A_t/T on unclipped tokens, 0 on clipped ones
	old := make([]E, n)  // oldLogp
	var constant float64 // −(1/T)·Σ of the clipped terms, constant in logp
	for t := range n {
		old[t] = E(oldLogp[t])
		rho := math.Exp(float64(logp.Data[t]) - oldLogp[t])
		if clipped := math.Max(1-eps, math.Min(1+eps, rho)) * adv[t]; clipped < rho*adv[t] {
			constant -= clipped / float64(n)
		} else {
			w[t] = E(-adv[t] / float64(n))
		}
	}
	flat := ag.Reshape(logp, n)
	ratio := ag.Exp(ag.Sub(flat, ag.FromSlice(old, n)))
	return ag.AddScalar(ag.Sum(ag.Mul(ratio, ag.FromSlice(w, n))), E(constant))
}

// ValueLoss is the value head's loss ½·mean_t (V_t − R_t)² and its
// gradient with respect to every V_t. It panics if the lengths differ.
func ValueLoss(values, returns []float64) (loss float64, grad []float64) {
	if len(values) != len(returns) {
		panic(fmt.Sprintf("llm: ValueLoss: %d values but %d returns", len(values), len(returns)))
	}
	grad = make([]float64, len(values))
	n := float64(len(values))
	for t := range values {
		d := values[t] - returns[t]
		loss += 0.5 * d * d / n
		grad[t] = d / n
	}
	return loss, grad
}
