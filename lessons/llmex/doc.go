// Package llmex holds the exercises of lessons 08 and 09
// (notebooks/08-llm-pretraining-sft.ipynb, notebooks/09-rlhf.ipynb) and
// their checkers. Each checker runs the student's function on a few
// inputs, compares it with package llm computing the same thing, and
// returns a *lessons.Feedback naming the first mismatch. When the answer
// matches a typical mistake (a flipped sign, a mask shifted by one, a
// forgotten reference model) the feedback says which. A panic in the
// student's code is reported as feedback, never as a crash of the cell.
//
// The exercises:
//
//   - Epochs of a mixture (08): w_s·n/tokens_s with normalised weights,
//     against llm.Mixture.Epochs on GPT-3's table.
//   - Response mask (08): the loss mask of prompt + response, against
//     instruct.ResponseMask.
//   - Final answer (08): the answer exact match reads from a response, with
//     or without chain of thought, against instruct.Template.Answer.
//   - Chat prompt (08): a multi-turn conversation as the SFT model reads it,
//     against instruct.InstructionChat.Prompt.
//   - Mean pooling (08): the matrix that averages padded texts' hidden
//     states, as llm.Classifier pools them.
//   - Bradley–Terry loss (09): −log σ(r⁺ − r⁻), stable for large margins,
//     against llm.BradleyTerry.
//   - GAE (09): advantages A_t = δ_t + γλ A_{t+1} of one episode, against
//     llm.GAE.
//   - DPO loss (09): −log σ(β[(log π(y⁺) − log π_ref(y⁺)) − (log π(y⁻) −
//     log π_ref(y⁻))]), against llm.DPO.
//
// Usage, in a notebook cell:
//
//	func btLoss(rPos, rNeg float64) float64 { … }
//	llmex.CheckBradleyTerry(btLoss)
package llmex
