// Package seq2seqex holds the exercises of lesson 07
// (notebooks/07-seq2seq-mt.ipynb) and their checkers.
//
// Each checker runs the student's function on a few cases whose answers
// package metrics (tested against sacreBLEU and NLTK 3.8) or the definition
// gives, and returns a *lessons.Feedback: green when every case is right,
// otherwise red, naming the first wrong case with hints. A panic in the
// student's function is reported as feedback, never as a crash of the cell.
//
// The exercises:
//
//   - Clipped precision: the numerator and denominator of BLEU's modified
//     n-gram precision, where a hypothesis n-gram counts at most as often as
//     it occurs in the reference ("the the the the" against "the cat" has
//     unigram precision 1/4, not 4/4).
//   - Brevity penalty: BP = 1 if c > r else exp(1 − r/c), 0 for c = 0.
//   - Masked attention: softmax over the scores of real source positions,
//     exactly 0 at padding.
//   - Length-normalised beam score: log P / ((5 + n)/6)^α (Wu et al. 2016),
//     which keeps beam search from preferring short outputs.
//   - Monotone noisy-channel decoder: choose one dictionary option per
//     source word to maximise Σ log P(x|y) + log P(y) under a bigram
//     language model, by dynamic programming (Viterbi); the checker tries
//     every choice and recognises greedy decoding and a forgotten language
//     model.
//
// Usage, in a notebook cell:
//
//	func clipped(hyp, ref []string, n int) (matches, total int) { … }
//	seq2seqex.CheckClippedPrecision(clipped)
package seq2seqex
