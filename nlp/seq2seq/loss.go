package seq2seq

import (
	ag "github.com/lingo-nlp/lingo/nlp/autograd"
)

// lossOpts are the training-only options of a batch's loss.
type lossOpts struct {
	// freeRun is the probability of feeding a row its own argmax instead
	// of the reference word (scheduled sampling; GRU only), drawn with coin.
	freeRun float64
	coin    func() float64
	// smoothing is the label-smoothing ε (0: plain cross-entropy).
	smoothing float64
}

// smoothedCrossEntropy is the mean over non-padding rows of the
// cross-entropy between q = (1 − ε)·onehot(target) + ε·uniform and
// softmax(logits) (Szegedy et al. 2016):
//
//	L = (1 − ε)·(−log pₜ) + ε·(1/V)·Σⱼ(−log pⱼ)
//
// logits is (N, V); a negative target marks a padding row. With ε = 0 it is
// autograd.CrossEntropy.
func smoothedCrossEntropy(logits *Tensor, targets []int, eps float64) *Tensor {
	ce := ag.CrossEntropy(logits, targets)
	if eps == 0 {
		return ce
	}
	N, V := logits.Dim(0), logits.Dim(1)
	mask := make([]float32, N)
	counted := 0
	for r, t := range targets {
		if t >= 0 {
			mask[r] = 1
			counted++
		}
	}
	// Σ over counted rows of Σⱼ log pⱼ, as mask (1, N) · log p (N, V).
	sumLog := ag.Sum(ag.MatMul(ag.FromSlice(mask, 1, N), ag.LogSoftmax(logits)))
	uniform := ag.Scale(sumLog, float32(-1/(float64(max(counted, 1))*float64(V))))
	return ag.Add(ag.Scale(ce, float32(1-eps)), ag.Scale(uniform, float32(eps)))
}
