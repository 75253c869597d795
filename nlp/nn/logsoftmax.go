package nn

import "math"

// LogSoftmax returns log softmax(logits) in float64: the log-probabilities
// of a row of float32 logits, for scoring and sampling outside a graph
// (Perplexity, beam search, the policy's log-probs in RLHF),
//
//	log p_i = z_i − (m + log Σ_j exp(z_j − m)),   m = max_j z_j
//
// subtracting the maximum so that no exponential overflows.
func LogSoftmax(logits []float32) []float64 {
	m := math.Inf(-1)
	for _, z := range logits {
		m = max(m, float64(z))
	}
	var s float64
	for _, z := range logits {
		s += math.Exp(float64(z) - m)
	}
	lse := m + math.Log(s)
	out := make([]float64, len(logits))
	for i, z := range logits {
		out[i] = float64(z) - lse
	}
	return out
}
