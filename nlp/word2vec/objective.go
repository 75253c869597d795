package word2vec

import (
	"fmt"
	"math"
)

// The two skip-gram objectives for one (centre c, outside o) pair, written
// out in float64 exactly as on the lecture slides, for teaching and for
// checking the fast training loops. vc is the centre vector v_c (d), U the
// output vectors u_w, one row per word (|V| × d).

// SoftmaxProbs returns ŷ = P(w | c) = exp(u_w·v_c) / Σ_x exp(u_x·v_c) for
// every word w. It panics if a row of U and vc differ in length.
func SoftmaxProbs(vc []float64, U [][]float64) []float64 {
	scores := make([]float64, len(U)) // (|V|)
	maxS := math.Inf(-1)
	for w, uw := range U {
		scores[w] = dot64(uw, vc)
		maxS = math.Max(maxS, scores[w])
	}
	var z float64
	for w, s := range scores {
		scores[w] = math.Exp(s - maxS) // shifted for stability; cancels in the ratio
		z += scores[w]
	}
	for w := range scores {
		scores[w] /= z
	}
	return scores
}

// SoftmaxLoss returns J = −log P(o | c) and its gradients:
//
//	∂J/∂v_c = −u_o + Σ_w ŷ_w u_w = Uᵀ(ŷ − y)
//	∂J/∂u_w = (ŷ_w − y_w) v_c
//
// where y is the one-hot vector of o.
func SoftmaxLoss(vc []float64, U [][]float64, o int) (loss float64, gradVc []float64, gradU [][]float64, err error) {
	if o < 0 || o >= len(U) {
		return 0, nil, nil, fmt.Errorf("word2vec: outside word %d not in [0,%d)", o, len(U))
	}
	if err := checkDims(vc, U); err != nil {
		return 0, nil, nil, err
	}
	yHat := SoftmaxProbs(vc, U)
	loss = -math.Log(yHat[o])
	gradVc = make([]float64, len(vc)) // (d)
	gradU = make([][]float64, len(U)) // (|V|, d)
	for w, uw := range U {
		delta := yHat[w] // ŷ_w − y_w
		if w == o {
			delta--
		}
		gradU[w] = make([]float64, len(vc))
		for i := range vc {
			gradVc[i] += delta * uw[i]
			gradU[w][i] = delta * vc[i]
		}
	}
	return loss, gradVc, gradU, nil
}

// NegSamplingLoss returns the negative-sampling loss for outside word o and
// sampled words negs (indices into U, repeats allowed),
//
//	J = −log σ(u_o·v_c) − Σ_k log σ(−u_k·v_c)
//
// and its gradients
//
//	∂J/∂v_c = (σ(u_o·v_c) − 1) u_o + Σ_k σ(u_k·v_c) u_k
//	∂J/∂u_o = (σ(u_o·v_c) − 1) v_c,   ∂J/∂u_k = Σ over k's draws of σ(u_k·v_c) v_c
func NegSamplingLoss(vc []float64, U [][]float64, o int, negs []int) (loss float64, gradVc []float64, gradU [][]float64, err error) {
	if err := checkDims(vc, U); err != nil {
		return 0, nil, nil, err
	}
	for _, k := range append([]int{o}, negs...) {
		if k < 0 || k >= len(U) {
			return 0, nil, nil, fmt.Errorf("word2vec: word %d not in [0,%d)", k, len(U))
		}
	}
	gradVc = make([]float64, len(vc))
	gradU = make([][]float64, len(U))
	for w := range gradU {
		gradU[w] = make([]float64, len(vc))
	}
	step := func(w int, label float64) {
		s := sigma(dot64(U[w], vc))
		if label == 1 {
			loss -= math.Log(s)
		} else {
			loss -= math.Log(1 - s) // log σ(−x) = log(1 − σ(x))
		}
		for i := range vc {
			gradVc[i] += (s - label) * U[w][i]
			gradU[w][i] += (s - label) * vc[i]
		}
	}
	step(o, 1)
	for _, k := range negs {
		step(k, 0)
	}
	return loss, gradVc, gradU, nil
}

func sigma(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

func dot64(a, b []float64) float64 {
	if len(a) != len(b) {
		panic(fmt.Sprintf("word2vec: dot of lengths %d and %d", len(a), len(b)))
	}
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func checkDims(vc []float64, U [][]float64) error {
	if len(U) == 0 {
		return fmt.Errorf("word2vec: empty output matrix U")
	}
	for w, uw := range U {
		if len(uw) != len(vc) {
			return fmt.Errorf("word2vec: row %d of U has length %d, v_c has %d", w, len(uw), len(vc))
		}
	}
	return nil
}
