package training

import (
	"context"
	"fmt"
	"io"

	"github.com/lingo-nlp/lingo/nlp/nn"
)

// A Task is what Run trains: a set of parameters and, for every step, the
// mean loss of the next training batch.
//
// Loss returns a scalar graph (autograd) whose gradient Run computes with
// Backward. step counts the steps of this run from 0. A task that fills
// the parameters' gradients itself (data-parallel training, where workers
// compute them) returns the loss as a constant tensor, one that does not
// require a gradient, and Run uses the gradients as they are.
//
// A task may also implement Defaulter, Starter, Epocher, Evaluator,
// Stateful and Saver.
type Task interface {
	Params() nn.Params
	Loss(step int) (*nn.Tensor, error)
}

// A Starter is told the settings of a run before its first step (with
// every default filled in: Batch, Seed, …) and gets the run's History, to
// give it a title and to add metrics of its own while it trains (a batch
// accuracy, a reward). It returns an error if it cannot train (no data,
// token ids outside the vocabulary).
type Starter interface {
	Start(cfg Config, h *History) error
}

// An Epocher is a task whose data is read in epochs: EpochSteps is the
// number of steps of one pass with batches of the given size. Run then
// accepts Config.Epochs and evaluates at the end of every epoch; step
// tells the task when an epoch starts (step % EpochSteps == 0).
type Epocher interface {
	EpochSteps(batch int) int
}

// An Evaluator is a task that can be scored on held-out data. Run calls
// Evaluate every Config.EvalEvery steps and after the last one.
type Evaluator interface {
	Evaluate(ctx context.Context) (Evaluation, error)
}

// An Evaluation is a task's score on its held-out data.
type Evaluation struct {
	// Loss is the held-out loss, lower is better (NaN if the task has
	// none); it is recorded as "val loss" and watched by PlateauDecay.
	Loss float64
	// Metrics are the other held-out metrics, e.g. {"val BLEU", 12.3} or
	// {"val accuracy", 0.8}, recorded under their names.
	Metrics []Metric
	// Select names the metric that ranks evaluations for Patience,
	// KeepBest and Checkpoint, higher being better; "" selects Loss,
	// lower being better.
	Select string
}

// A Metric is a named value.
type Metric struct {
	Name  string
	Value float64
}

// selected returns the value that ranks e, its name, and whether lower is
// better (NaN: nothing to rank).
func (e Evaluation) selected() (v float64, name string, lower bool) {
	if e.Select == "" {
		return e.Loss, "val loss", true
	}
	for _, m := range e.Metrics {
		if m.Name == e.Select {
			return m.Value, m.Name, false
		}
	}
	return nan, e.Select, false
}

// A Stateful task keeps a State between runs, so that calling Run again
// continues the last run: the step count goes on (and with it a
// Schedule) and the optimizer keeps its moments.
type Stateful interface {
	State() *State
}

// State is what a Stateful task keeps between runs.
type State struct {
	Steps int // optimizer steps taken in all runs so far
	opt   *nn.Adam
	kind  Optimizer
	decay float64
	n     int // number of parameter tensors opt was made for
}

// optimizer returns the optimizer for params under cfg: the state's own if
// it was made for the same parameters and settings, else a new one.
func (s *State) optimizer(params nn.Params, cfg Config) (*nn.Adam, error) {
	if s.opt != nil && s.kind == cfg.Optimizer && s.decay == cfg.WeightDecay && s.n == len(params) {
		return s.opt, nil
	}
	newOpt := nn.NewAdamW
	if cfg.Optimizer == Adam {
		newOpt = nn.NewAdam
	}
	opt, err := newOpt(params, nn.AdamConfig{LR: cfg.LR, WeightDecay: cfg.WeightDecay})
	if err != nil {
		return nil, fmt.Errorf("training: %w", err)
	}
	s.opt, s.kind, s.decay, s.n = opt, cfg.Optimizer, cfg.WeightDecay, len(params)
	return s.opt, nil
}

// A Saver is a task that can write its model, for Config.Checkpoint.
type Saver interface {
	Save(w io.Writer) error
}
