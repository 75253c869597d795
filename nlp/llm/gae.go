package llm

import (
	"fmt"
	"math"
)

// GAE computes generalised advantage estimates (Schulman et al. 2016) for
// one episode of T steps:
//
//	δ_t = r_t + γ V_{t+1} − V_t          (V_T = lastValue: 0 if the episode ended)
//	A_t = δ_t + γλ A_{t+1}               (A_T = 0), so A_t = Σ_k (γλ)^k δ_{t+k}
//	R_t = A_t + V_t                      (the value head's regression target)
//
// λ = 0 gives the one-step TD advantage δ_t, λ = 1 the Monte Carlo return
// minus V_t. In RLHF a step is a generated token, r_t the per-token KL
// penalty plus, at the last token, the reward model's score (ShapedRewards).
// It panics if len(values) != len(rewards).
func GAE(rewards, values []float64, lastValue, gamma, lambda float64) (advantages, returns []float64) {
	if len(values) != len(rewards) {
		panic(fmt.Sprintf("llm: GAE: %d rewards but %d values", len(rewards), len(values)))
	}
	T := len(rewards)
	advantages, returns = make([]float64, T), make([]float64, T)
	next, a := lastValue, 0.0
	for t := T - 1; t >= 0; t-- {
		delta := rewards[t] + gamma*next - values[t]
		a = delta + gamma*lambda*a
		advantages[t], returns[t] = a, a+values[t]
		next = values[t]
	}
	return advantages, returns
}

// Whiten returns (x − mean)/std, the normalisation PPO applies to
// advantages in a batch; x is returned unchanged (copied) when std is 0.
func Whiten(x []float64) []float64 {
	out := append([]float64(nil), x...)
	if len(x) < 2 {
		return out
	}
	var m, v float64
	for _, a := range x {
		m += a
	}
	m /= float64(len(x))
	for _, a := range x {
		v += (a - m) * (a - m)
	}
	v /= float64(len(x))
	if v == 0 {
		return out
	}
	s := 1 / math.Sqrt(v+1e-12)
	for i := range out {
		out[i] = (out[i] - m) * s
	}
	return out
}
