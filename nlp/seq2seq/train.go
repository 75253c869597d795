package seq2seq

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/nlp/training"
)

// Task trains a translation model (the GRU Model or the Transformer) on
// sentence pairs with training.Run, in epochs (training.Config.Epochs):
// every epoch shuffles the pairs into batches of similar length, every
// step takes the mean cross-entropy of a batch's target words under
// teacher forcing, and every evaluation scores Val ("val loss" and, with
// SelectBLEU, "val BLEU").
//
// Its defaults for the zero fields of training.Config: 10 epochs, batches
// of 64 pairs, Adam (no weight decay) at 2e-3, the learning rate halved
// after an epoch that does not lower the validation loss (PlateauDecay
// 0.5; 1 keeps the rate). Set KeepBest to keep the parameters of the best
// epoch (lowest validation loss, or highest validation BLEU with
// SelectBLEU).
type Task struct {
	Model Translator
	Train []Pair
	Val   []Pair // scored after every epoch (optional)
	// FreeRun is the probability of feeding the model its own prediction
	// instead of the reference word (scheduled sampling; the GRU model
	// only); 0 is pure teacher forcing.
	FreeRun float64
	// LabelSmoothing ε trains towards (1 − ε)·onehot(yₜ) + ε·uniform
	// instead of the one-hot reference word (Szegedy et al. 2016; ε = 0.1
	// in Vaswani et al. 2017): the model is kept from growing
	// over-confident, which helps beam search. The validation loss stays
	// the plain cross-entropy. 0 means none.
	LabelSmoothing float64
	// SelectBLEU ranks epochs by the BLEU of Val's translations instead of
	// the validation loss. Validation loss keeps rising on small data
	// while BLEU still improves: the model grows over-confident on the
	// words it gets wrong, which costs loss but not the argmax.
	SelectBLEU bool
	// SelectBeam is the decoder whose validation BLEU SelectBLEU compares:
	// the zero value is greedy decoding; Width > 1 is beam search, which
	// costs more per epoch but picks the epoch for the decoder that will be
	// used.
	SelectBeam BeamConfig

	m       trainable
	rng     *rand.Rand
	batch   int
	per     int // steps per epoch
	batches []*Batch
	val     []*Batch
}

var (
	_ training.Defaulter = (*Task)(nil)
	_ training.Epocher   = (*Task)(nil)
	_ training.Starter   = (*Task)(nil)
	_ training.Evaluator = (*Task)(nil)
)

// Defaults are 10 epochs of 64-pair batches, Adam at 2e-3 and
// PlateauDecay 0.5.
func (t *Task) Defaults() training.Config {
	return training.Config{Epochs: 10, Batch: 64, LR: 2e-3, Optimizer: training.Adam, PlateauDecay: 0.5}
}

// EpochSteps is the number of batches of the training pairs.
func (t *Task) EpochSteps(batch int) int { return (len(t.Train) + batch - 1) / batch }

// Params are the model's parameters.
func (t *Task) Params() nn.Params {
	if m, ok := t.Model.(trainable); ok {
		return m.Params()
	}
	return nil
}

// Start checks the data and the options.
func (t *Task) Start(cfg training.Config, h *training.History) error {
	m, ok := t.Model.(trainable)
	if !ok {
		return fmt.Errorf("seq2seq: cannot train %T", t.Model)
	}
	if len(t.Train) == 0 {
		return fmt.Errorf("seq2seq: no training pairs")
	}
	if math.IsNaN(t.FreeRun) || t.FreeRun < 0 || t.FreeRun > 1 {
		return fmt.Errorf("seq2seq: FreeRun must be in [0, 1], got %g", t.FreeRun)
	}
	if math.IsNaN(t.LabelSmoothing) || t.LabelSmoothing < 0 || t.LabelSmoothing >= 1 {
		return fmt.Errorf("seq2seq: LabelSmoothing must be in [0, 1), got %g", t.LabelSmoothing)
	}
	t.m, t.batch, t.per = m, cfg.Batch, t.EpochSteps(cfg.Batch)
	t.rng = rand.New(rand.NewPCG(cfg.Seed, 0xba7c4))
	t.val = nil
	if len(t.Val) > 0 {
		src, tgt := m.vocabs()
		t.val = Batches(t.Val, cfg.Batch, src, tgt, nil)
	}
	h.Title = m.title()
	return nil
}

// Loss is the mean cross-entropy of the next batch; the first step of an
// epoch shuffles the pairs into new batches.
func (t *Task) Loss(step int) (*nn.Tensor, error) {
	if step%t.per == 0 {
		src, tgt := t.m.vocabs()
		t.batches = Batches(t.Train, t.batch, src, tgt, t.rng)
	}
	t.m.setTraining(true, t.rng)
	defer t.m.setTraining(false, nil)
	b := t.batches[step%t.per]
	return t.m.batchLoss(b, lossOpts{freeRun: t.FreeRun, coin: t.rng.Float64, smoothing: t.LabelSmoothing}), nil
}

// Evaluate scores the validation pairs: their mean cross-entropy and, with
// SelectBLEU, the BLEU of their translations.
func (t *Task) Evaluate(ctx context.Context) (training.Evaluation, error) {
	if t.val == nil {
		return training.Evaluation{Loss: math.NaN()}, nil
	}
	ev := training.Evaluation{Loss: meanLoss(t.m, t.val)}
	if t.SelectBLEU {
		r, err := evaluate(ctx, t.m, t.Val, t.SelectBeam)
		if err != nil {
			return ev, err
		}
		ev.Metrics = []training.Metric{{Name: "val BLEU", Value: r.BLEU.Score}}
		ev.Select = "val BLEU"
	}
	return ev, nil
}

// trainable is what Task needs from a model.
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
