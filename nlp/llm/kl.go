package llm

import (
	"fmt"
	"math"
)

// A LogProber gives the log-probability of each response token given the
// prompt and the response tokens before it: log π(y_t | x, y_<t) for t =
// 0 … len(response)−1. The policy being trained and the frozen reference
// (the SFT model) are both LogProbers; a Transformer LM becomes one by
// running once on prompt+response and reading TokenLogProbs of the logits.
type LogProber interface {
	LogProbs(prompt, response []int) ([]float64, error)
}

// KL is the per-token KL penalty of RLHF (Ouyang et al. 2022, eq. 2;
// Ziegler et al. 2019): on the sampled tokens,
//
//	kl_t = log π(y_t | …) − log π_ref(y_t | …)
//
// an estimate of KL(π ‖ π_ref) whose mean over samples from π is the true
// KL. It is computed from the log-probs of both models on the same tokens.
// It panics if the lengths differ.
func KL(policyLogp, refLogp []float64) []float64 {
	if len(policyLogp) != len(refLogp) {
		panic(fmt.Sprintf("llm: KL: %d policy but %d reference log-probs", len(policyLogp), len(refLogp)))
	}
	kl := make([]float64, len(policyLogp))
	for t := range kl {
		kl[t] = policyLogp[t] - refLogp[t]
	}
	return kl
}

// ShapedRewards are the per-token rewards PPO maximises in RLHF: a KL
// penalty −β·kl_t on every token, plus the reward model's score of the
// whole response on the last token:
//
//	r_t = −β (log π(y_t) − log π_ref(y_t)) + [t = T−1]·score
//
// The penalty keeps the policy near the reference model, so that it does
// not drift into text that fools the reward model. It panics if the
// lengths differ.
func ShapedRewards(score float64, policyLogp, refLogp []float64, beta float64) []float64 {
	kl := KL(policyLogp, refLogp)
	r := make([]float64, len(kl))
	for t := range kl {
		r[t] = -beta * kl[t]
	}
	if len(r) > 0 {
		r[len(r)-1] += score
	}
	return r
}

// PenalizedRewards asks the policy and the frozen reference for the
// log-probs of the same response and returns the shaped rewards, the
// per-token KL and the policy's log-probs (PPO's oldLogp).
func PenalizedRewards(policy, ref LogProber, prompt, response []int, score, beta float64) (rewards, kl, logp []float64, err error) {
	logp, err = policy.LogProbs(prompt, response)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("llm: policy: %w", err)
	}
	refLogp, err := ref.LogProbs(prompt, response)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("llm: reference: %w", err)
	}
	if len(logp) != len(response) || len(refLogp) != len(response) {
		return nil, nil, nil, fmt.Errorf("llm: %d response tokens but %d policy and %d reference log-probs", len(response), len(logp), len(refLogp))
	}
	return ShapedRewards(score, logp, refLogp, beta), KL(logp, refLogp), logp, nil
}

// TokenLogProbs reads log softmax(logits_t)[targets_t] from logits of T
// rows of V values (row-major, as an LM's output tensor's Data): the
// log-probability the model gave each next token. It panics if
// len(logits) != len(targets)·V or a target is outside [0, V).
func TokenLogProbs[E float32 | float64](logits []E, V int, targets []int) []float64 {
	if V <= 0 || len(logits) != len(targets)*V {
		panic(fmt.Sprintf("llm: TokenLogProbs: %d logits for %d targets of %d classes", len(logits), len(targets), V))
	}
	out := make([]float64, len(targets))
	for t, y := range targets {
		if y < 0 || y >= V {
			panic(fmt.Sprintf("llm: TokenLogProbs: target %d outside [0, %d)", y, V))
		}
		out[t] = float64(logits[t*V+y]) - logSumExp(logits[t*V:(t+1)*V])
	}
	return out
}

// Entropy is the entropy −Σ p log p (nats) of softmax(logits_t) for every
// row, the policy's entropy plotted during PPO. It panics if len(logits)
// is not a multiple of V.
func Entropy[E float32 | float64](logits []E, V int) []float64 {
	if V <= 0 || len(logits)%V != 0 {
		panic(fmt.Sprintf("llm: Entropy: %d logits are not rows of %d", len(logits), V))
	}
	out := make([]float64, len(logits)/V)
	for t := range out {
		row := logits[t*V : (t+1)*V]
		lse := logSumExp(row)
		for _, z := range row {
			lp := float64(z) - lse
			out[t] -= math.Exp(lp) * lp
		}
	}
	return out
}

func logSumExp[E float32 | float64](row []E) float64 {
	m := math.Inf(-1)
	for _, z := range row {
		m = math.Max(m, float64(z))
	}
	var s float64
	for _, z := range row {
		s += math.Exp(float64(z) - m)
	}
	return m + math.Log(s)
}
