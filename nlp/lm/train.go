package lm

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"time"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/plots"
)

// TrainConfig controls Train. Zero fields take the default noted.
type TrainConfig struct {
	Steps int     // optimizer steps; default 1000
	Batch int     // sequences per step; default 16
	Block int     // tokens per sequence (BPTT length for RNNs); default 32; a Transformer always uses its own Block
	LR    float64 // AdamW learning rate; default 1e-3 (constant unless Schedule is set)
	// WeightDecay is AdamW's decoupled decay; 0 means 0.01, negative means none.
	WeightDecay float64
	Schedule    nn.Schedule // learning rate per step, overriding LR
	Clip        float64     // clip the gradient norm to this; 0 means 1, negative means never

	// Val is a held-out stream evaluated every EvalEvery steps (default
	// Steps/10) on at most EvalTokens tokens (default 20000).
	Val        []int
	EvalEvery  int
	EvalTokens int
	// Patience stops training early when the validation loss has not
	// improved for this many evaluations (0: never stop early); the best
	// weights are then restored.
	Patience int
	// Checkpoint, if set, is a file the model is saved to (with Save)
	// whenever the validation loss improves, or at every evaluation
	// without Val.
	Checkpoint string

	// Progress shows a live bar with the loss and validation perplexity
	// (nil: none). Live displays the loss curves (the History) at the
	// first evaluation and redraws them in place (plots.Update) at every
	// later one.
	Progress *plots.Progress
	Live     bool
	Seed     uint64 // batch sampling seed (0: the model's own stream)
}

func (c TrainConfig) withDefaults() TrainConfig {
	if c.Steps <= 0 {
		c.Steps = 1000
	}
	if c.Batch <= 0 {
		c.Batch = 16
	}
	if c.Block <= 0 {
		c.Block = 32
	}
	if c.LR <= 0 {
		c.LR = 1e-3
	}
	if c.WeightDecay == 0 {
		c.WeightDecay = 0.01
	} else if c.WeightDecay < 0 {
		c.WeightDecay = 0
	}
	if c.Clip == 0 {
		c.Clip = 1
	}
	if c.EvalEvery <= 0 {
		c.EvalEvery = max(1, c.Steps/10)
	}
	if c.EvalTokens <= 0 {
		c.EvalTokens = 20000
	}
	return c
}

// History records a training run: the loss of every step and the
// validation loss at every evaluation (mean NLL in nats; perplexity is
// its exponential). It displays as a line chart.
type History struct {
	Model    string
	Steps    []int     // global step numbers of Loss
	Loss     []float64 // training loss per step
	EvalStep []int
	ValLoss  []float64
	Best     float64 // best validation loss (NaN without Val)
	Stopped  string  // why training ended early, if it did
	Elapsed  time.Duration
}

// Train fits m to the token stream ids with AdamW, as configured by cfg.
// Calling it again continues training (the optimizer state is kept).
//
// Train honours ctx: when ctx is cancelled (a notebook interrupt) it
// returns after the current step with the partially trained model intact
// and ctx.Err(); calling Train again resumes.
func Train(ctx context.Context, m Model, ids []int, cfg TrainConfig) (*History, error) {
	b := m.core()
	cfg = cfg.withDefaults()
	V := b.vocab.Len()
	ids = clampIDs(ids, V)
	if len(ids) < 3 {
		return nil, fmt.Errorf("lm: training stream has %d tokens, need at least 3", len(ids))
	}
	cfg.Block = min(cfg.Block, len(ids)-2)
	params := m.Params()
	if b.opt == nil {
		b.opt = nn.NewAdamW(params, nn.AdamConfig{LR: cfg.LR, WeightDecay: cfg.WeightDecay})
	}
	b.net.resetTrainState()
	rng := b.rng
	if cfg.Seed != 0 {
		rng = nn.NewRand(cfg.Seed)
	}
	val := cfg.Val
	if len(val) > cfg.EvalTokens {
		val = val[:cfg.EvalTokens]
	}
	h := &History{Model: m.Name(), Best: math.NaN()}
	var best []byte
	bad := 0
	var redraw func() // set once the live chart is shown
	start := time.Now()
	defer func() { h.Elapsed = time.Since(start) }()
	evaluate := func(step int) error {
		if len(val) < 2 {
			if cfg.Checkpoint != "" {
				return saveFile(m, cfg.Checkpoint)
			}
			return nil
		}
		h.Elapsed = time.Since(start)
		vl := -mean(m.LogProbs(val))
		h.EvalStep, h.ValLoss = append(h.EvalStep, step), append(h.ValLoss, vl)
		if cfg.Progress != nil {
			cfg.Progress.SetMetric("val ppl", math.Exp(vl))
		}
		improved := math.IsNaN(h.Best) || vl < h.Best
		if improved {
			h.Best, bad = vl, 0
		} else {
			bad++
		}
		// Redraw after updating Best, so the chart's caption and the final
		// summary agree.
		if cfg.Live {
			if redraw == nil {
				id := plots.Display(h)
				redraw = func() { plots.Update(id, h) }
			} else {
				redraw()
			}
		}
		if !improved {
			return nil
		}
		if cfg.Patience > 0 {
			var buf bytes.Buffer
			if err := params.Save(&buf); err != nil {
				return err
			}
			best = buf.Bytes()
		}
		if cfg.Checkpoint != "" {
			return saveFile(m, cfg.Checkpoint)
		}
		return nil
	}
	for i := range cfg.Steps {
		if err := ctx.Err(); err != nil {
			h.Stopped = "interrupted"
			return h, err
		}
		step := b.steps
		if cfg.Schedule != nil {
			b.opt.SetLR(cfg.Schedule.LR(step))
		}
		loss := b.net.batchLoss(rng, ids, cfg.Batch, cfg.Block)
		b.opt.ZeroGrad()
		loss.Backward()
		if err := nn.CheckFinite(step, loss, params); err != nil {
			loss.Release()
			h.Stopped = "non-finite"
			return h, fmt.Errorf("lm: %w", err)
		}
		if cfg.Clip > 0 {
			ag.ClipGradNorm(params.Tensors(), cfg.Clip)
		}
		b.opt.Step()
		l := float64(loss.Item())
		loss.Release()
		b.steps++
		h.Steps, h.Loss = append(h.Steps, step), append(h.Loss, l)
		if cfg.Progress != nil {
			cfg.Progress.SetMetric("loss", l)
			cfg.Progress.Add(1)
		}
		if (i+1)%cfg.EvalEvery == 0 || i == cfg.Steps-1 {
			if err := evaluate(b.steps); err != nil {
				return h, err
			}
			if cfg.Patience > 0 && bad >= cfg.Patience {
				h.Stopped = fmt.Sprintf("early stop: no improvement in %d evaluations", bad)
				break
			}
		}
	}
	if best != nil && bad > 0 {
		if err := params.Load(bytes.NewReader(best)); err != nil {
			return h, fmt.Errorf("lm: restoring best weights: %w", err)
		}
	}
	if cfg.Progress != nil {
		cfg.Progress.Done()
	}
	return h, nil
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func saveFile(m Model, path string) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("lm: checkpoint: %w", err)
	}
	if err := m.Save(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("lm: checkpoint: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("lm: checkpoint: %w", err)
	}
	return nil
}

// smooth returns the running mean of xs over a window of w.
func smooth(xs []float64, w int) []float64 {
	out := make([]float64, len(xs))
	var s float64
	for i, x := range xs {
		s += x
		if i >= w {
			s -= xs[i-w]
		}
		out[i] = s / float64(min(i+1, w))
	}
	return out
}

// Chart draws the training loss (smoothed over 20 steps) and the
// validation loss against the step.
func (h *History) Chart() *plots.LineChart {
	c := plots.NewLineChart(h.Model + ": loss")
	c.XLabel, c.YLabel = "step", "loss (nats/token)"
	if len(h.Loss) > 0 {
		xs := make([]float64, len(h.Steps))
		for i, s := range h.Steps {
			xs[i] = float64(s + 1)
		}
		c.AddXY("train", xs, smooth(h.Loss, 20))
	}
	if len(h.ValLoss) > 0 {
		xs := make([]float64, len(h.EvalStep))
		for i, s := range h.EvalStep {
			xs[i] = float64(s)
		}
		c.AddXY("validation", xs, h.ValLoss)
	}
	return c
}

// String summarises the run in one line.
func (h *History) String() string {
	s := fmt.Sprintf("%s: %d steps in %v", h.Model, len(h.Loss), h.Elapsed.Round(time.Millisecond))
	if n := len(h.Loss); n > 0 {
		s += fmt.Sprintf(", train loss %.3f", mean(h.Loss[max(0, n-20):]))
	}
	if n := len(h.ValLoss); n > 0 {
		s += fmt.Sprintf(", val loss %.3f (ppl %.2f), best %.3f", h.ValLoss[n-1], math.Exp(h.ValLoss[n-1]), h.Best)
	}
	if h.Stopped != "" {
		s += "; " + h.Stopped
	}
	return s
}

// Render shows the chart with the one-line summary as text.
func (h *History) Render() plots.Bundle {
	b := h.Chart().Render()
	b[plots.MIMEText] = h.String()
	return b
}
