package lm

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"

	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/nlp/training"
)

// Task trains a Model on a token stream by next-token prediction, with
// training.Run:
//
//	task := &lm.Task{Model: m, Train: ids, Val: val}
//	hist, err := training.Run(ctx, task, training.Config{Steps: 2000, LR: 3e-3})
//
// Every step draws Batch sequences of Block+1 tokens (a fixed-window model:
// Batch·Block windows; an RNN: the next Block tokens of Batch strips of the
// stream, truncated backpropagation through time) and takes the mean
// cross-entropy of their next tokens. Every evaluation scores Val: "val
// loss" (mean negative log-likelihood in nats) and "val ppl" (its
// exponential). The model keeps its step count and optimizer between runs,
// so a second Run continues the first; Config.Seed 0 continues the model's
// own random stream.
type Task struct {
	Model Model
	Train []int // the training stream, ids of the model's vocabulary
	Val   []int // a held-out stream scored at every evaluation (optional)
	// Block is the number of tokens per sequence (the BPTT length of an
	// RNN); 0 means 32. A Transformer always reads its own Block.
	Block int
	// EvalTokens is how much of Val is scored at most; 0 means 20,000.
	EvalTokens int

	rng   *rand.Rand
	batch int
	block int
	val   []int
}

var (
	_ training.Starter   = (*Task)(nil)
	_ training.Evaluator = (*Task)(nil)
	_ training.Stateful  = (*Task)(nil)
	_ training.Saver     = (*Task)(nil)
)

// Params are the model's parameters.
func (t *Task) Params() nn.Params { return t.Model.Params() }

// State is the model's step count and optimizer.
func (t *Task) State() *training.State { return &t.Model.core().state }

// Save writes the model (for training.Config.Checkpoint).
func (t *Task) Save(w io.Writer) error { return t.Model.Save(w) }

// Start checks the streams and the sizes and sets up the batches.
func (t *Task) Start(cfg training.Config, h *training.History) error {
	if t.Model == nil {
		return fmt.Errorf("lm: Task without a Model")
	}
	if t.Block < 0 || t.EvalTokens < 0 {
		return fmt.Errorf("lm: Block and EvalTokens must be ≥ 0 (0: the default), got %d and %d", t.Block, t.EvalTokens)
	}
	b := t.Model.core()
	V := b.vocab.Len()
	if err := checkIDs("Train", t.Train, V); err != nil {
		return err
	}
	if err := checkIDs("Val", t.Val, V); err != nil {
		return err
	}
	if len(t.Train) < 3 {
		return fmt.Errorf("lm: training stream has %d tokens, need at least 3", len(t.Train))
	}
	t.block = t.Block
	if t.block == 0 {
		t.block = 32
	}
	t.block = min(t.block, len(t.Train)-2)
	t.batch = cfg.Batch
	t.rng = b.rng
	if cfg.Seed != 0 {
		t.rng = nn.NewRand(cfg.Seed)
	}
	n := t.EvalTokens
	if n == 0 {
		n = 20000
	}
	t.val = t.Val[:min(len(t.Val), n)]
	b.net.resetTrainState()
	h.Title = t.Model.Name()
	return nil
}

// checkIDs returns an error naming the first id of ids outside [0, v).
func checkIDs(name string, ids []int, v int) error {
	for i, id := range ids {
		if id < 0 || id >= v {
			return fmt.Errorf("lm: %s[%d] = %d is not an id of the model's vocabulary of %d", name, i, id, v)
		}
	}
	return nil
}

// Loss is the mean cross-entropy of the next batch's next tokens.
func (t *Task) Loss(int) (*nn.Tensor, error) {
	return t.Model.core().net.batchLoss(t.rng, t.Train, t.batch, t.block), nil
}

// Evaluate scores the held-out stream: "val loss" and "val ppl".
func (t *Task) Evaluate(context.Context) (training.Evaluation, error) {
	if len(t.val) < 2 {
		return training.Evaluation{Loss: math.NaN()}, nil
	}
	vl := -mean(t.Model.LogProbs(t.val))
	return training.Evaluation{Loss: vl, Metrics: []training.Metric{{Name: "val ppl", Value: math.Exp(vl)}}}, nil
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}
