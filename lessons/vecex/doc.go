// Package vecex holds the exercises of lesson 02
// (notebooks/02-word-vectors.ipynb) and their checkers.
//
// Each checker runs the student's function on small hand-made cases,
// compares the answers with packages vec and word2vec computing the same
// thing, and returns a *lessons.Feedback: a green box when every case is
// right, otherwise a red box naming the first wrong case, what the answer
// looks like (a dot product that was never normalised, scores that were
// not exponentiated, a gradient with the wrong sign…) and hints. A panic in
// the student's function is reported as feedback, never as a crash of the
// cell.
//
// The exercises:
//
//   - Cosine similarity: cos(u, v) = u·v / (‖u‖ ‖v‖), 0 when either vector
//     is zero, against vec.Cosine.
//   - The naive softmax: P(o | c) = exp(u_o·v_c) / Σ_w exp(u_w·v_c) for
//     every outside word o, against word2vec.SoftmaxProbs; the last case
//     has scores near 1000, where exp overflows unless the largest score is
//     subtracted first (which does not change the result).
//   - The gradient of J = −log P(o | c) with respect to the centre vector:
//     ∂J/∂v_c = −u_o + Σ_w P(w | c) u_w, against word2vec.SoftmaxLoss.
//
// Usage, in a notebook cell:
//
//	func cosine(u, v []float32) float64 { … }
//	vecex.CheckCosine(cosine)
//	func softmaxProbs(vc []float64, U [][]float64) []float64 { … }
//	vecex.CheckSoftmax(softmaxProbs)
//	func gradVc(vc []float64, U [][]float64, o int) []float64 { … }
//	vecex.CheckGradVc(gradVc)
package vecex
