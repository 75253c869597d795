package training

import (
	"context"
	"fmt"
	"math"
	"os"
	"time"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
)

// Run trains task as cfg says (see the package documentation for the
// loop) and returns the history of the run.
//
// When ctx is cancelled Run returns after the current step with the
// history so far and ctx's error; the model keeps its trained weights (the
// best evaluated ones with KeepBest). A step whose loss, gradient or
// weights are not finite stops the run with an error naming the step and
// the first parameter affected, before the optimizer can spread the
// damage. Errors of cfg name the field and its value.
func Run(ctx context.Context, task Task, cfg Config) (*History, error) {
	r, err := newRun(task, cfg)
	if err != nil {
		return nil, err
	}
	return r.run(ctx)
}

// run is the state of one call of Run.
type run struct {
	task   Task
	cfg    Config
	params nn.Params
	state  *State
	opt    *nn.Adam
	eval   Evaluator // nil if the task does not evaluate
	h      *History

	lr       float64 // the learning rate before the schedule, lowered on plateaus
	scale    float64 // PlateauDecay's factor on the schedule
	bestLoss float64 // lowest held-out loss so far (PlateauDecay)
	bad      int     // evaluations since the best one
	best     [][]float32
	moved    bool // the weights changed since best was saved
	metrics  map[string]float64
	start    time.Time
}

// Resolve returns cfg as Run would use it for task: every value checked,
// zero fields filled from the task's defaults and then the package's,
// Steps computed from Epochs and EvalEvery set. Code that needs the
// numbers before running (how much data to draw for Steps·Batch
// sequences) calls it.
func (cfg Config) Resolve(task Task) (Config, error) {
	if err := cfg.Validate(); err != nil {
		return cfg, err
	}
	var d Config
	if t, ok := task.(Defaulter); ok {
		d = t.Defaults()
	}
	cfg = cfg.withDefaults(d)
	if err := cfg.Validate(); err != nil { // a task's defaults are checked too
		return cfg, fmt.Errorf("%w (a default of the task)", err)
	}
	if cfg.Epochs > 0 {
		e, ok := task.(Epocher)
		if !ok {
			return cfg, fmt.Errorf("training: Epochs %d for a task without epochs (%T): set Steps", cfg.Epochs, task)
		}
		per := e.EpochSteps(cfg.Batch)
		if per < 1 {
			return cfg, fmt.Errorf("training: an epoch of %T has %d steps", task, per)
		}
		cfg.Steps = cfg.Epochs * per
		if cfg.EvalEvery == 0 {
			cfg.EvalEvery = per
		}
	}
	if cfg.EvalEvery == 0 {
		cfg.EvalEvery = max(1, cfg.Steps/10)
	}
	return cfg, nil
}

func newRun(task Task, cfg Config) (*run, error) {
	user := cfg
	cfg, err := cfg.Resolve(task)
	if err != nil {
		return nil, err
	}
	r := &run{task: task, cfg: cfg, h: NewHistory(""), lr: cfg.LR, scale: 1, bestLoss: math.Inf(1),
		metrics: map[string]float64{}}
	r.eval, _ = task.(Evaluator)
	if r.eval == nil && (cfg.Patience > 0 || cfg.KeepBest || user.PlateauDecay > 0) {
		return nil, fmt.Errorf("training: Patience, KeepBest and PlateauDecay need a task that evaluates on held-out data; %T does not", task)
	}
	if _, ok := task.(Saver); cfg.Checkpoint != "" && !ok {
		return nil, fmt.Errorf("training: Checkpoint %q for a task that cannot be saved (%T)", cfg.Checkpoint, task)
	}
	r.state = &State{}
	if s, ok := task.(Stateful); ok {
		r.state = s.State()
	}
	if s, ok := task.(Starter); ok {
		if err := s.Start(cfg, r.h); err != nil {
			return nil, err
		}
	}
	r.h.AddSeries("loss") // the loss first, before any metric of the task's
	r.params = task.Params()
	if len(r.params) == 0 {
		return nil, fmt.Errorf("training: %T has no parameters to train", task)
	}
	if r.opt, err = r.state.optimizer(r.params, cfg); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *run) run(ctx context.Context) (*History, error) {
	cfg, h := r.cfg, r.h
	r.start = time.Now()
	defer func() { h.Elapsed = time.Since(r.start) }()
	for i := range cfg.Steps {
		if err := ctx.Err(); err != nil {
			h.Stopped = "interrupted"
			return h, r.end(err)
		}
		l, err := r.step(i)
		if err != nil {
			return h, r.end(err)
		}
		r.metrics["loss"] = l
		if cfg.Reporter != nil {
			cfg.Reporter.Report(i+1, cfg.Steps, r.metrics)
		}
		if (i+1)%cfg.EvalEvery == 0 || i == cfg.Steps-1 {
			stop, err := r.evaluate(ctx)
			if err != nil {
				if ctx.Err() != nil {
					h.Stopped = "interrupted"
				}
				return h, r.end(err)
			}
			if stop {
				h.Stopped = fmt.Sprintf("early stop: no improvement in %d evaluations", r.bad)
				return h, r.end(nil)
			}
		}
	}
	return h, r.end(nil)
}

// step takes optimizer step i of the run and returns its loss.
func (r *run) step(i int) (float64, error) {
	step := r.state.Steps // steps taken before this one
	r.h.At(step + 1)
	lr := r.lr
	if r.cfg.Schedule != nil {
		lr = r.cfg.Schedule.LR(step) * r.scale
		if math.IsNaN(lr) || math.IsInf(lr, 0) || lr < 0 {
			return 0, fmt.Errorf("training: the Schedule's learning rate at step %d is %g; it must be a finite number ≥ 0", step, lr)
		}
	}
	r.opt.SetLR(lr)
	r.opt.ZeroGrad()
	loss, err := r.task.Loss(i)
	if err != nil {
		return 0, err
	}
	if loss.RequiresGrad {
		loss.Backward()
	}
	if err := nn.CheckFinite(step, loss, r.params); err != nil {
		loss.Release()
		r.h.Stopped = "non-finite"
		return 0, fmt.Errorf("training: %w", err)
	}
	if !r.cfg.NoClip {
		ag.ClipGradNorm(r.params.Tensors(), r.cfg.Clip)
	}
	r.opt.Step()
	r.moved = true
	l := float64(loss.Item())
	loss.Release()
	r.state.Steps++
	r.h.Add("loss", l)
	return l, nil
}

// evaluate scores the task on its held-out data, records the metrics and
// keeps the best weights; it reports whether Patience is exhausted.
func (r *run) evaluate(ctx context.Context) (stop bool, err error) {
	if r.eval == nil {
		return false, r.checkpoint()
	}
	ev, err := r.eval.Evaluate(ctx)
	if err != nil {
		return false, err
	}
	h, cfg := r.h, r.cfg
	h.Elapsed = time.Since(r.start)
	if !math.IsNaN(ev.Loss) {
		h.Add("val loss", ev.Loss)
		r.metrics["val loss"] = ev.Loss
	}
	for _, m := range ev.Metrics {
		h.Add(m.Name, m.Value)
		r.metrics[m.Name] = m.Value
	}
	if cfg.PlateauDecay > 0 && !math.IsNaN(ev.Loss) {
		h.Add("lr", r.opt.LR())
		if ev.Loss < r.bestLoss {
			r.bestLoss = ev.Loss
		} else {
			r.lr *= cfg.PlateauDecay
			r.scale *= cfg.PlateauDecay
		}
	}
	v, name, lower := ev.selected()
	if math.IsNaN(v) {
		return false, r.checkpoint()
	}
	h.Select = name
	if math.IsNaN(h.Best) || lower && v < h.Best || !lower && v > h.Best {
		h.Best, h.BestStep, r.bad = v, h.Step(), 0
		if cfg.KeepBest {
			r.saveBest()
		}
		return false, r.checkpoint()
	}
	r.bad++
	return cfg.Patience > 0 && r.bad >= cfg.Patience, nil
}

// saveBest copies the current weights.
func (r *run) saveBest() {
	if r.best == nil {
		r.best = make([][]float32, len(r.params))
	}
	for i, p := range r.params {
		r.best[i] = append(r.best[i][:0], p.T.Data...)
	}
	r.moved = false
}

// end finishes the run: with KeepBest the best weights come back, and a
// reporter of a run that stopped early is told so. It returns err.
func (r *run) end(err error) error {
	if r.best != nil && r.moved {
		for i, p := range r.params {
			copy(p.T.Data, r.best[i])
		}
	}
	if r.cfg.Reporter != nil && r.h.Len() < r.cfg.Steps {
		done(r.cfg.Reporter)
	}
	return err
}

// checkpoint writes the task to cfg.Checkpoint (through a temporary file,
// so that a crash never leaves half a checkpoint).
func (r *run) checkpoint() error {
	path := r.cfg.Checkpoint
	if path == "" {
		return nil
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("training: checkpoint: %w", err)
	}
	if err := r.task.(Saver).Save(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("training: checkpoint: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("training: checkpoint: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("training: checkpoint: %w", err)
	}
	return nil
}
