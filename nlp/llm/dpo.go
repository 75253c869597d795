package llm

import (
	"fmt"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
)

// DPO is the Direct Preference Optimization loss on one pair (Rafailov et
// al. 2023, eq. 7). With the implicit reward of a response
// r̂(y) = β (log π(y) − log π_ref(y)) (log-probs of the whole response,
// summed over its tokens) and z = r̂(y⁺) − r̂(y⁻):
//
//	L = −log σ(z)
//	∂L/∂log π(y⁺) = −β σ(−z),   ∂L/∂log π(y⁻) = +β σ(−z)
//
// It is the Bradley–Terry loss with the reward model replaced by the
// policy's own log-ratio to the reference: no reward model, no sampling.
func DPO(polPos, polNeg, refPos, refNeg, beta float64) (loss, dPos, dNeg float64) {
	z := beta * ((polPos - refPos) - (polNeg - refNeg))
	s := Sigmoid(-z)
	return -LogSigmoid(z), -beta * s, beta * s
}

// DPOStats summarises DPO on a batch: the mean loss, the mean implicit
// rewards of chosen and rejected responses, and the fraction of pairs
// whose chosen response has the larger implicit reward.
type DPOStats struct {
	Loss                    float64
	ChosenReward, RejReward float64
	Accuracy                float64
	DPos, DNeg              []float64 // ∂Loss/∂log π(y±) per pair
}

// DPOBatch averages DPO over pairs. It panics if the lengths differ.
func DPOBatch(polPos, polNeg, refPos, refNeg []float64, beta float64) DPOStats {
	n := len(polPos)
	if len(polNeg) != n || len(refPos) != n || len(refNeg) != n {
		panic(fmt.Sprintf("llm: DPOBatch: lengths %d, %d, %d, %d differ", n, len(polNeg), len(refPos), len(refNeg)))
	}
	st := DPOStats{DPos: make([]float64, n), DNeg: make([]float64, n)}
	for i := range n {
		l, dp, dn := DPO(polPos[i], polNeg[i], refPos[i], refNeg[i], beta)
		st.Loss += l / float64(n)
		st.DPos[i], st.DNeg[i] = dp/float64(n), dn/float64(n)
		rp, rn := beta*(polPos[i]-refPos[i]), beta*(polNeg[i]-refNeg[i])
		st.ChosenReward += rp / float64(n)
		st.RejReward += rn / float64(n)
		if rp > rn {
			st.Accuracy += 1 / float64(n)
		}
	}
	return st
}

// DPOLoss is the mean DPO loss as an autograd op of the policy's sequence
// log-probs polPos and polNeg (N each); the reference log-probs are
// constants (the reference model is frozen). Like BradleyTerryLoss it is
// the cross-entropy of the logits [r̂(y⁺), r̂(y⁻)] with the chosen one as
// the target. It panics if the sizes differ.
func DPOLoss[E ag.Float](polPos, polNeg *ag.Tensor[E], refPos, refNeg []float64, beta float64) *ag.Tensor[E] {
	n := len(polPos.Data)
	if len(polNeg.Data) != n || len(refPos) != n || len(refNeg) != n {
		panic(fmt.Sprintf("llm: DPOLoss: sizes %d, %d, %d, %d differ", n, len(polNeg.Data), len(refPos), len(refNeg)))
	}
	rp, rn := make([]E, n), make([]E, n)
	for i := range n {
		rp[i], rn[i] = E(refPos[i]), E(refNeg[i])
	}
	b := E(beta)
	pos := ag.Scale(ag.Sub(ag.Reshape(polPos, n), ag.FromSlice(rp, n)), b)
	neg := ag.Scale(ag.Sub(ag.Reshape(polNeg, n), ag.FromSlice(rn, n)), b)
	return BradleyTerryLoss(pos, neg)
}
