package llm

import (
	"fmt"
	"math"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
)

// Sigmoid is σ(x) = 1/(1 + e^{−x}), computed without overflow.
func Sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// LogSigmoid is log σ(x) = −softplus(−x), stable for large |x|.
func LogSigmoid(x float64) float64 {
	if x >= 0 {
		return -math.Log1p(math.Exp(-x))
	}
	return x - math.Log1p(math.Exp(x))
}

// BradleyTerry is the reward model's loss on one preference pair: with
// d = r⁺ − r⁻ the score margin of the chosen over the rejected response,
//
//	P(chosen ≻ rejected) = σ(d)            (Bradley & Terry 1952)
//	L = −log σ(d)
//	∂L/∂r⁺ = −σ(−d) = σ(d) − 1,   ∂L/∂r⁻ = σ(−d)
//
// The loss is log 2 when the model cannot tell the two apart (d = 0) and
// goes to 0 as it ranks the chosen response ever higher.
func BradleyTerry(rPos, rNeg float64) (loss, dPos, dNeg float64) {
	d := rPos - rNeg
	s := Sigmoid(-d)
	return -LogSigmoid(d), -s, s
}

// BradleyTerryBatch is the mean loss over pairs (pos[i], neg[i]), its
// gradients with respect to every reward, and the accuracy: the fraction of
// pairs with r⁺ > r⁻. It panics if the lengths differ.
func BradleyTerryBatch(pos, neg []float64) (loss float64, dPos, dNeg []float64, accuracy float64) {
	if len(pos) != len(neg) {
		panic(fmt.Sprintf("llm: BradleyTerryBatch: %d chosen but %d rejected rewards", len(pos), len(neg)))
	}
	n := float64(len(pos))
	dPos, dNeg = make([]float64, len(pos)), make([]float64, len(pos))
	for i := range pos {
		l, dp, dn := BradleyTerry(pos[i], neg[i])
		loss += l / n
		dPos[i], dNeg[i] = dp/n, dn/n
		if pos[i] > neg[i] {
			accuracy += 1 / n
		}
	}
	return loss, dPos, dNeg, accuracy
}

// BradleyTerryLoss is the Bradley–Terry loss as an autograd op, the mean
// of −log σ(r⁺ − r⁻) over N pairs, for training a reward head. rPos and
// rNeg hold N rewards each (any shape of size N). It is computed as the
// cross-entropy of the logits [r⁺, r⁻] with the chosen one as the target,
// because −log softmax([a, b])₀ = −log σ(a − b); the fused cross-entropy
// is stable for any margin. It panics if the sizes differ.
func BradleyTerryLoss[E ag.Float](rPos, rNeg *ag.Tensor[E]) *ag.Tensor[E] {
	n := len(rPos.Data)
	if len(rNeg.Data) != n {
		panic(fmt.Sprintf("llm: BradleyTerryLoss: %d chosen but %d rejected rewards", n, len(rNeg.Data)))
	}
	logits := ag.Concat(1, ag.Reshape(rPos, n, 1), ag.Reshape(rNeg, n, 1)) // (N, 2)
	return ag.CrossEntropy(logits, make([]int, n))
}
