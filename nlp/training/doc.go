// Package training is the one training loop of Lingo's neural models. Every
// model of packages lm, seq2seq and llm trains through Run: the package
// that knows the model supplies a Task (its parameters and the loss of the
// next batch), and Run does the rest the same way for all of them:
//
//	for step := range Steps {
//		g = ∇θ L(batch_step)                         Task.Loss, then backpropagation
//		if ‖g‖ > Clip { g ← g · Clip/‖g‖ }          gradient-norm clipping (Pascanu et al. 2013)
//		θ ← AdamW(θ, g, η_step)                      or Adam (Kingma & Ba 2015; Loshchilov & Hutter 2019)
//		every EvalEvery steps: score held-out data,  Task.Evaluate (optional)
//		    keep the best weights (KeepBest), stop after Patience evaluations
//		    without improvement, lower η on a plateau (PlateauDecay), save a Checkpoint
//	}
//
// A Config says how long to train (Steps, or Epochs over the task's data),
// with which batch size, learning rate and schedule, weight decay,
// clipping and seed. Its zero fields take the task's defaults (a task's
// Defaults method) and otherwise the defaults noted on each field; values
// that mean nothing (a negative batch, a NaN learning rate) are errors
// that name the field and the value.
//
// Progress goes to a Reporter after every step: *plots.Progress is one,
// so plots.NewProgress(steps, "label") shows a live bar with a chart of
// the loss and of every held-out metric. Run returns a History: every
// metric recorded during the run against the step, shown as a chart (and,
// with History.Table, as a table).
//
// Cancelling ctx (a notebook interrupt) stops the run after the current
// step: the model keeps what it has learnt (the best evaluated weights
// with KeepBest) and Run returns the history so far with ctx's error. A
// task that keeps its State between runs (the language models of lm)
// continues where the last run stopped when Run is called again.
//
// References: R. Pascanu, T. Mikolov, Y. Bengio, "On the difficulty of
// training recurrent neural networks", ICML 2013 (clipping); D. P. Kingma,
// J. Ba, "Adam", ICLR 2015; I. Loshchilov, F. Hutter, "Decoupled Weight
// Decay Regularization", ICLR 2019; L. Prechelt, "Early Stopping — But
// When?", Neural Networks: Tricks of the Trade, 1998; A. Karpathy, nanoGPT
// (one training loop for every model).
//
// # Usage
//
//	task := &lm.Task{Model: m, Train: ids, Val: val}
//	hist, err := training.Run(ctx, task, training.Config{Steps: 200, LR: 3e-3,
//		Patience: 5, KeepBest: true, Reporter: plots.NewProgress(200, "LSTM")})
//	plots.Display(hist) // the loss curves
//	fmt.Println(hist.Best < hist.First("val loss"), hist.BestStep > 0)
package training
