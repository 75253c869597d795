// Package lmex holds the exercises of lessons 05 and 06
// (notebooks/05-neural-lm.ipynb, notebooks/06-transformer-lm.ipynb) and
// their checkers. Each checker runs the student's function on a few inputs,
// compares with package lm or autograd computing the same thing, and returns
// a *lessons.Feedback naming the first mismatch, with hints. A panic in the
// student's code is reported as feedback, never as a crash of the cell.
//
// The exercises:
//
//   - Window forward (05): the fixed-window model's forward pass
//     y = tanh(concat(E[w])·W + b)·U + c, against lm.FixedWindow.Logits.
//   - Window parameters (05): (V+1)·d + n·d·H + H + H·V + V, against
//     lm.FixedWindow.Params; only W grows with the window n.
//   - RNN step (05): one Elman step h' = tanh(x·Wx + h·Wh + b) with loops,
//     against nn.RNNCell.Step.
//   - Causal attention (06): softmax(mask(q·kᵀ/√d)) for one head, against
//     autograd.CausalSoftmax(autograd.MatMulT(q, k), 1/√d).
//   - Top-p filter (06): nucleus sampling's truncation, against
//     lm.Sampling{TopP: p}.Filter.
//   - Context window (06): the tokens a Transformer of block positions
//     reads before predicting (the last block), checked against the
//     definition and against lm.Transformer's own next-token distribution.
//
// NGram and NGramParams put the n-gram baseline (package ngram) into the
// lessons' lm.Comparison, so that package lm does not depend on package
// ngram.
//
// Usage, in a notebook cell:
//
//	func forward(m *lm.FixedWindow, window []int) []float32 { … }
//	lmex.CheckWindowForward(forward)
package lmex
