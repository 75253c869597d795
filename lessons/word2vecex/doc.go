// Package word2vecex holds the exercises of lesson 03
// (notebooks/03-word2vec.ipynb) and their checkers.
//
// Each checker runs the student's function on small hand-made cases (or,
// for analogies, on the student's own trained vectors), compares the
// answers with packages word2vec and vec computing the same thing, and
// returns a *lessons.Feedback: a green box when every case is right,
// otherwise a red box naming the first wrong case, what the answer looks
// like and hints. A panic in the student's function is reported as
// feedback, never as a crash of the cell.
//
// The exercises:
//
//   - Negative sampling loss: J = −log σ(u_o·v_c) − Σ_k log σ(−u_k·v_c)
//     (Mikolov et al. 2013b, eq. 4, as a loss), against
//     word2vec.NegSamplingLoss.
//   - The noise distribution of negative sampling: P(w) ∝ count(w)^0.75,
//     normalised, against the formula (the 3/4 power of the paper).
//   - Subsampling of frequent words: the probability of keeping a word
//     with count f among N tokens, (√(f/t) + 1)·t/f with t = sample·N,
//     capped at 1, as the C tool and gensim compute it (not the paper's
//     1 − √(t/f), which the checker recognises and explains).
//   - Analogies by hand: a : b :: c : ? by 3CosAdd over unit vectors,
//     excluding a, b and c, against KeyedVectors.MostSimilar.
//
// Usage, in a notebook cell:
//
//	func nsLoss(vc []float64, U [][]float64, o int, negs []int) float64 { … }
//	word2vecex.CheckNegSamplingLoss(nsLoss)
//	func noise(counts []int64) []float64 { … }
//	word2vecex.CheckNoiseDistribution(noise)
//	func keep(count, total int64, sample float64) float64 { … }
//	word2vecex.CheckKeepProbability(keep)
//	func analogy(kv *vec.KeyedVectors, a, b, c string) string { … }
//	word2vecex.CheckAnalogy(kv, nil, analogy)
package word2vecex
