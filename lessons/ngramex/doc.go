// Package ngramex holds the exercises of lesson 04
// (notebooks/04-ngram-lm.ipynb) and their checkers.
//
// Each checker runs the student's function on cases drawn from the
// student's own model, compares the answers with package ngram computing
// the same thing, and returns a *lessons.Feedback: a green box when every
// case is right, otherwise a red box naming the first wrong case, what the
// answer looks like (a unigram probability, a forgotten minus sign…) and
// hints. A panic in the student's function is reported as feedback, never
// as a crash of the cell.
//
// The exercises:
//
//   - MLE by hand: P_MLE(w | h) = c(h w) / c(h •) from Model.Count only,
//     against the model's counts re-smoothed as ngram.MLE. Every occurrence
//     of h is followed by a word or </s>, so c(h •) = c(h); an unseen
//     context gives 0, as the library does.
//   - Sentence log-probabilities: ln P(w_t | <s> w_1 … w_t−1) for every word
//     and the final </s>, against Model.LogProb and Model.Evaluate.
//   - Perplexity from log-probabilities: PP = exp(−(1/N) Σ ln p_t), against
//     Model.Evaluate's perplexity (2 to the cross-entropy in bits, the same
//     number).
//
// Usage, in a notebook cell:
//
//	func mle(m *ngram.Model, word string, context []string) float64 { … }
//	ngramex.CheckMLE(m, mle)
//	func sentenceLogProbs(m *ngram.Model, sentence []string) []float64 { … }
//	ngramex.CheckSentenceLogProbs(m, test, sentenceLogProbs)
//	func perplexity(logProbs []float64) float64 { … }
//	ngramex.CheckPerplexity(m, test, perplexity)
package ngramex
