package seq2seq

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/plots"
)

// TrainConfig controls Train; zero fields take the defaults noted.
type TrainConfig struct {
	Epochs    int     // passes over the data; default 10
	BatchSize int     // pairs per batch, grouped by length; default 64
	LR        float64 // Adam's learning rate; default 2e-3
	Clip      float64 // gradient-norm clipping; default 1
	// FreeRun is the probability of feeding the model its own prediction
	// instead of the reference word (scheduled sampling); 0 is pure teacher
	// forcing.
	FreeRun float64
	// LabelSmoothing ε trains towards (1 − ε)·onehot(yₜ) + ε·uniform
	// instead of the one-hot reference word (Szegedy et al. 2016; ε = 0.1
	// in Vaswani et al. 2017): the model is kept from growing
	// over-confident, which helps beam search. Validation loss stays the
	// plain cross-entropy. 0 means none.
	LabelSmoothing float64
	Seed           uint64 // batch order, dropout and scheduled-sampling coin
	// Valid pairs are scored (mean cross-entropy) after every epoch. With
	// them, the learning rate is multiplied by Decay after an epoch that
	// did not lower the validation loss, and at the end the model gets
	// back the parameters of its best epoch (lowest validation loss, or
	// highest validation BLEU with SelectBLEU) unless KeepLast.
	Valid    []Pair
	Decay    float64 // default 0.5; 1 keeps the rate
	KeepLast bool
	// SelectBLEU keeps the epoch with the best greedy BLEU on the
	// validation pairs instead of the lowest validation loss.
	// Validation loss keeps rising on small data while BLEU still improves:
	// the model grows over-confident on the words it gets wrong, which
	// costs loss but not the argmax.
	SelectBLEU bool
	// SelectBeam is the decoder whose validation BLEU SelectBLEU compares:
	// the zero value is greedy decoding; Width > 1 is beam search, which
	// costs more per epoch but picks the epoch for the decoder that will be
	// used (the greedy BLEU of the kept epoch is otherwise the maximum over
	// epochs, biased upwards against beam search).
	SelectBeam BeamConfig
	// OnEpoch, if set, is called after every epoch with the history so far.
	OnEpoch func(*History)
	// Progress, if set, shows a live bar with the loss; it is advanced
	// every step through its inlined Report (nil means no bar).
	Progress *plots.Progress
	// Live shows the training curve in the notebook and redraws it in place
	// about once a second.
	Live bool
}

// History records training: the loss of every step and, per epoch, the mean
// training loss and the validation loss. It renders as a training curve.
type History struct {
	Title      string
	StepLoss   []float64
	EpochLoss  []float64
	ValidLoss  []float64 // NaN when no validation pairs were given
	ValidBLEU  []float64 // BLEU of the validation pairs (SelectBLEU; decoded as SelectBeam), else NaN
	LR         []float64 // learning rate of every epoch
	Best       int       // epoch (1-based) whose parameters the model kept
	StepsPerEp int
	Elapsed    time.Duration
}

var _ plots.Renderer = (*History)(nil)

// Chart draws the smoothed step loss and the per-epoch validation loss
// against the step.
func (h *History) Chart() *plots.LineChart {
	c := plots.NewLineChart(h.Title)
	c.XLabel, c.YLabel = "step", "cross-entropy (nats/token)"
	if len(h.StepLoss) > 0 {
		x := make([]float64, len(h.StepLoss))
		y := make([]float64, len(h.StepLoss))
		ema := h.StepLoss[0]
		for i, l := range h.StepLoss {
			ema = 0.9*ema + 0.1*l
			x[i], y[i] = float64(i+1), ema
		}
		c.AddXY("train (smoothed)", x, y)
	}
	var vx, vy []float64
	for i, l := range h.ValidLoss {
		if !math.IsNaN(l) {
			vx = append(vx, float64((i+1)*h.StepsPerEp))
			vy = append(vy, l)
		}
	}
	if len(vx) > 0 {
		c.AddXY("validation", vx, vy)
	}
	return c
}

// String summarises the last epoch.
func (h *History) String() string {
	if len(h.EpochLoss) == 0 {
		return fmt.Sprintf("%s: %d steps", h.Title, len(h.StepLoss))
	}
	n := len(h.EpochLoss)
	s := fmt.Sprintf("%s: epoch %d, train loss %.3f, validation loss %.3f, %.1fs",
		h.Title, n, h.EpochLoss[n-1], h.ValidLoss[n-1], h.Elapsed.Seconds())
	if n <= len(h.ValidBLEU) && !math.IsNaN(h.ValidBLEU[n-1]) {
		s += fmt.Sprintf(", validation BLEU %.2f", h.ValidBLEU[n-1])
	}
	if h.Best > 0 && h.Best != n {
		s += fmt.Sprintf("; kept epoch %d (validation loss %.3f", h.Best, h.ValidLoss[h.Best-1])
		if h.Best <= len(h.ValidBLEU) && !math.IsNaN(h.ValidBLEU[h.Best-1]) {
			s += fmt.Sprintf(", BLEU %.2f", h.ValidBLEU[h.Best-1])
		}
		s += ")"
	}
	return s
}

// Render shows the training curve with the summary line.
func (h *History) Render() plots.Bundle {
	b := h.Chart().Render()
	b[plots.MIMEText] = h.String()
	return b
}

// trainable is what the training loop needs from a model.
type trainable interface {
	translator
	Params() nn.Params
	// batchLoss is the mean cross-entropy of a batch's targets; with
	// probability o.freeRun a row's next input is the model's own argmax
	// (models that cannot do that ignore it), and o.smoothing smooths the
	// targets.
	batchLoss(b *Batch, o lossOpts) *Tensor
	// setTraining switches dropout on or off.
	setTraining(on bool, rng *rand.Rand)
	title() string
}

// Train fits the model to pairs with Adam, gradient clipping and teacher
// forcing, batching pairs of similar length; with cfg.Valid it lowers the
// learning rate on plateaus and keeps the best epoch's parameters. It stops
// early, returning the history so far and ctx's error, when ctx is
// cancelled.
func (m *Model) Train(ctx context.Context, pairs []Pair, cfg TrainConfig) (*History, error) {
	return train(ctx, m, pairs, cfg)
}

func train(ctx context.Context, m trainable, pairs []Pair, cfg TrainConfig) (*History, error) {
	if len(pairs) == 0 {
		return nil, fmt.Errorf("seq2seq: no training pairs")
	}
	if cfg.Epochs <= 0 {
		cfg.Epochs = 10
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 64
	}
	if cfg.LR <= 0 {
		cfg.LR = 2e-3
	}
	if cfg.Clip <= 0 {
		cfg.Clip = 1
	}
	if cfg.Decay <= 0 || cfg.Decay > 1 {
		cfg.Decay = 0.5
	}
	if cfg.FreeRun < 0 || cfg.FreeRun > 1 {
		return nil, fmt.Errorf("seq2seq: FreeRun %g outside [0, 1]", cfg.FreeRun)
	}
	if cfg.LabelSmoothing < 0 || cfg.LabelSmoothing >= 1 {
		return nil, fmt.Errorf("seq2seq: LabelSmoothing %g outside [0, 1)", cfg.LabelSmoothing)
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xba7c4))
	params := m.Params()
	opt := nn.NewAdam(params, nn.AdamConfig{LR: cfg.LR})
	srcV, tgtV := m.vocabs()
	h := &History{Title: m.title()}
	start := time.Now()
	redraw := func() {}
	lastDraw := time.Now()
	if cfg.Live {
		id := plots.Display(h)
		redraw = func() { plots.Update(id, h); lastDraw = time.Now() }
	}
	var valid []*Batch
	if len(cfg.Valid) > 0 {
		valid = Batches(cfg.Valid, cfg.BatchSize, srcV, tgtV, nil)
	}
	var best [][]float32
	bestScore, bestLoss := math.Inf(-1), math.Inf(1)
	restore := func() {
		if best != nil && !cfg.KeepLast {
			for i, p := range params {
				copy(p.T.Data, best[i])
			}
		}
	}
	total := cfg.Epochs * ((len(pairs) + cfg.BatchSize - 1) / cfg.BatchSize)
	metric := map[string]float64{}
	step := 0
	lr := cfg.LR
	defer m.setTraining(false, nil)
	for range cfg.Epochs {
		batches := Batches(pairs, cfg.BatchSize, srcV, tgtV, rng)
		h.StepsPerEp = len(batches)
		h.LR = append(h.LR, lr)
		sum, n := 0.0, 0
		m.setTraining(true, rng)
		for _, b := range batches {
			if err := ctx.Err(); err != nil {
				h.Elapsed = time.Since(start)
				restore()
				return h, err
			}
			loss := m.batchLoss(b, lossOpts{freeRun: cfg.FreeRun, coin: rng.Float64, smoothing: cfg.LabelSmoothing})
			opt.ZeroGrad()
			loss.Backward()
			autograd.ClipGradNorm(params.Tensors(), cfg.Clip)
			opt.Step()
			l := float64(loss.Item())
			loss.Release()
			h.StepLoss = append(h.StepLoss, l)
			sum += l
			n++
			step++
			metric["loss"] = l
			cfg.Progress.Report(step, total, metric)
			if cfg.Live && time.Since(lastDraw) > time.Second {
				redraw()
			}
		}
		m.setTraining(false, nil)
		h.EpochLoss = append(h.EpochLoss, sum/float64(n))
		vl, vb := math.NaN(), math.NaN()
		if valid != nil {
			vl = meanLoss(m, valid)
			if vl < bestLoss {
				bestLoss = vl
			} else {
				lr *= cfg.Decay
				opt.SetLR(lr)
			}
			score := -vl
			if cfg.SelectBLEU {
				r, err := evaluate(ctx, m, cfg.Valid, cfg.SelectBeam)
				if err != nil {
					h.Elapsed = time.Since(start)
					restore()
					return h, err
				}
				vb = r.BLEU.Score
				score = vb
			}
			if score > bestScore {
				bestScore, h.Best = score, len(h.EpochLoss)
				if best == nil {
					best = make([][]float32, len(params))
				}
				for i, p := range params {
					best[i] = append(best[i][:0], p.T.Data...)
				}
			}
		}
		h.ValidLoss = append(h.ValidLoss, vl)
		h.ValidBLEU = append(h.ValidBLEU, vb)
		h.Elapsed = time.Since(start)
		if cfg.OnEpoch != nil {
			cfg.OnEpoch(h)
		}
		redraw()
	}
	restore()
	return h, nil
}

// meanLoss is the token-weighted mean cross-entropy over batches, without
// recording gradients.
func meanLoss(m trainable, batches []*Batch) float64 {
	sum, tokens := 0.0, 0
	autograd.NoGrad(func() {
		for _, b := range batches {
			k := 0
			for _, y := range b.TgtOut {
				if y >= 0 {
					k++
				}
			}
			l := m.batchLoss(b, lossOpts{})
			sum += float64(l.Item()) * float64(k)
			tokens += k
			l.Release()
		}
	})
	return sum / float64(max(tokens, 1))
}

// Perplexity returns exp of the mean cross-entropy per target token (with
// </s>) of pairs under teacher forcing.
func (m *Model) Perplexity(pairs []Pair) float64 {
	return math.Exp(meanLoss(m, Batches(pairs, 64, m.Src, m.Tgt, nil)))
}
