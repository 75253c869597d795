package training

import (
	"fmt"
	"math"

	"github.com/lingo-nlp/lingo/nlp/nn"
)

// Optimizer chooses the update rule.
type Optimizer int

const (
	// TaskOptimizer, the zero value, is the task's choice: AdamW unless
	// its Defaults say Adam.
	TaskOptimizer Optimizer = iota
	// AdamW is Adam with decoupled weight decay, θ ← θ(1 − ηλ) before the
	// Adam step (Loshchilov & Hutter 2019).
	AdamW
	// Adam is plain Adam (Kingma & Ba 2015); WeightDecay is then an L2
	// penalty λθ added to the gradient. Adam with no WeightDecay is the way
	// to train without any decay.
	Adam
)

func (o Optimizer) String() string {
	switch o {
	case AdamW:
		return "AdamW"
	case Adam:
		return "Adam"
	}
	return "the task's optimizer"
}

// Config says how Run trains. A zero field takes the task's default (see
// Defaulter) and otherwise the default noted; negative, NaN and infinite
// values are errors, as are zeros where the text says a value is needed.
type Config struct {
	// Steps is the number of optimizer steps (default 1000), or Epochs the
	// number of passes over the task's data (a task that has epochs, see
	// Epocher). Set one of them.
	Steps  int
	Epochs int
	// Batch is the number of examples (sequences, pairs, prompts) per
	// step; default 16, at most MaxBatch.
	Batch int
	// LR is the learning rate η (default 1e-3). Schedule, if set, gives the
	// rate of every step instead (the step counts every step the task has
	// taken, across runs for a task with State); it is checked with its
	// Validate method if it has one (nn's schedules do), and a rate that
	// is negative, NaN or infinite stops the run with an error.
	LR       float64
	Schedule nn.Schedule
	// Optimizer is AdamW or Adam (default: the task's, else AdamW).
	// WeightDecay is AdamW's decoupled decay λ, 0 meaning 0.01 (PyTorch's
	// default); with Adam it is an L2 penalty, 0 meaning none.
	Optimizer   Optimizer
	WeightDecay float64
	// Clip rescales the gradient whenever its L2 norm over all parameters
	// exceeds it (default 1). NoClip never clips; a task's default may
	// turn clipping off, and setting Clip turns it back on.
	Clip   float64
	NoClip bool
	// Seed seeds the task's random choices: which examples make a batch,
	// dropout, sampling. 0 is the task's default (a language model then
	// continues its own random stream).
	Seed uint64
	// EvalEvery is how often (in steps) a task that evaluates is scored
	// on its held-out data, and always after the last step; default
	// Steps/10, or once an epoch with Epochs.
	EvalEvery int
	// Patience stops training when that many evaluations in a row have
	// not improved on the best one (0: never stop early).
	Patience int
	// KeepBest gives the model back the weights of its best evaluation
	// when the run ends, however it ends.
	KeepBest bool
	// PlateauDecay multiplies the learning rate by this factor (0 < f ≤ 1)
	// after every evaluation whose held-out loss is not the lowest so far
	// (0: never).
	PlateauDecay float64
	// Checkpoint, if set, is a file the task (one that can Save) is written
	// to at every improving evaluation, or at every evaluation when there
	// is nothing to compare.
	Checkpoint string
	// Reporter is told the step, the total and the latest metrics after
	// every step (nil: nobody). A *plots.Progress is one.
	Reporter Reporter
}

// MaxBatch bounds Config.Batch: tasks allocate a step's batch (Batch
// sequences, each with its activations) up front.
const MaxBatch = 1 << 16

// Validate checks every field's value and returns an error naming the
// first bad one, e.g. "training: Batch must be ≥ 0 (0: the default), got -4".
func (c Config) Validate() error {
	ints := []struct {
		name string
		v    int
	}{{"Steps", c.Steps}, {"Epochs", c.Epochs}, {"Batch", c.Batch}, {"EvalEvery", c.EvalEvery}, {"Patience", c.Patience}}
	for _, f := range ints {
		if f.v < 0 {
			return fmt.Errorf("training: %s must be ≥ 0 (0: the default), got %d", f.name, f.v)
		}
	}
	if c.Batch > MaxBatch {
		return fmt.Errorf("training: Batch must be at most %d, got %d", MaxBatch, c.Batch)
	}
	if c.Steps > 0 && c.Epochs > 0 {
		return fmt.Errorf("training: set Steps or Epochs, not both (got Steps %d, Epochs %d)", c.Steps, c.Epochs)
	}
	floats := []struct {
		name string
		v    float64
	}{{"LR", c.LR}, {"WeightDecay", c.WeightDecay}, {"Clip", c.Clip}, {"PlateauDecay", c.PlateauDecay}}
	for _, f := range floats {
		if err := CheckFloat(f.name, f.v); err != nil {
			return err
		}
	}
	if c.PlateauDecay > 1 {
		return fmt.Errorf("training: PlateauDecay must be in (0, 1] (0: never), got %g", c.PlateauDecay)
	}
	if c.NoClip && c.Clip > 0 {
		return fmt.Errorf("training: NoClip with Clip %g: choose one", c.Clip)
	}
	if v, ok := c.Schedule.(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			return fmt.Errorf("training: Schedule: %w", err)
		}
	}
	if c.Optimizer < TaskOptimizer || c.Optimizer > Adam {
		return fmt.Errorf("training: unknown Optimizer %d", int(c.Optimizer))
	}
	return nil
}

// CheckFloat returns an error naming the field unless v is a finite
// number ≥ 0, the rule of every float field of a Config where 0 means the
// default. Task configs use it for their own fields.
func CheckFloat(name string, v float64) error {
	return CheckFloatIn("training", name, v)
}

// CheckFloatIn is CheckFloat with the package prefix of the error.
func CheckFloatIn(pkg, name string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return fmt.Errorf("%s: %s must be a finite number ≥ 0 (0: the default), got %g", pkg, name, v)
	}
	return nil
}

// A Defaulter is a task with defaults of its own for the zero fields of
// Config (for example a learning rate that suits it). Run takes Steps or
// Epochs, Batch, LR, Schedule, Optimizer with WeightDecay, Clip or NoClip,
// Seed, EvalEvery and PlateauDecay from it; Patience, KeepBest,
// Checkpoint and Reporter are the caller's alone.
type Defaulter interface {
	Defaults() Config
}

// withDefaults fills the zero fields of c from the task's defaults d, then
// from the package's.
func (c Config) withDefaults(d Config) Config {
	if c.Steps == 0 && c.Epochs == 0 {
		c.Steps, c.Epochs = d.Steps, d.Epochs
	}
	if c.Steps == 0 && c.Epochs == 0 {
		c.Steps = 1000
	}
	def := func(v *int, task, pkg int) {
		if *v == 0 {
			*v = task
		}
		if *v == 0 {
			*v = pkg
		}
	}
	deff := func(v *float64, task, pkg float64) {
		if *v == 0 {
			*v = task
		}
		if *v == 0 {
			*v = pkg
		}
	}
	def(&c.Batch, d.Batch, 16)
	deff(&c.LR, d.LR, 1e-3)
	if c.Schedule == nil {
		c.Schedule = d.Schedule
	}
	if c.Optimizer == TaskOptimizer {
		c.Optimizer = d.Optimizer
		if c.WeightDecay == 0 {
			c.WeightDecay = d.WeightDecay
		}
	}
	if c.Optimizer == TaskOptimizer {
		c.Optimizer = AdamW
	}
	if c.Optimizer == AdamW && c.WeightDecay == 0 {
		c.WeightDecay = 0.01
	}
	if c.Clip == 0 && !c.NoClip {
		c.NoClip = d.NoClip
		if !c.NoClip {
			deff(&c.Clip, d.Clip, 1)
		}
	}
	if c.Seed == 0 {
		c.Seed = d.Seed
	}
	if c.EvalEvery == 0 {
		c.EvalEvery = d.EvalEvery
	}
	deff(&c.PlateauDecay, d.PlateauDecay, 0)
	return c
}
