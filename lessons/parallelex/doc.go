// Package parallelex holds the exercises on model parallelism of lesson 08
// (notebooks/08-llm-pretraining-sft.ipynb) and their checkers, which
// compare the student's function with package parallel and return a
// *lessons.Feedback naming the first mismatch and, when it recognises one,
// the typical mistake behind it. A panic in the student's code becomes
// feedback, never a crash of the cell.
//
// The exercises:
//
//   - Tensor-parallel worker: one worker's share of the MLP,
//     GeLU(X·A_p)·B_p, whose sum over the workers must equal the whole
//     MLP's output (parallel.MLP).
//   - GPipe schedule: when each forward and backward pass of each stage
//     starts, against parallel.Simulate; the bubble follows from it.
//
// Usage, in a notebook cell:
//
//	func worker(x, aP, bP [][]float64) [][]float64 { … }
//	parallelex.CheckTensorWorker(worker)
package parallelex
