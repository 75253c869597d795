package lm

import (
	"io"
	"math"
	"math/rand/v2"

	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/nlp/training"
)

// Model is what every language model of this package does. Token streams
// are ids of the model's Vocab; a stream's first token is only context.
type Model interface {
	// Name says which model this is, e.g. "LSTM (128)".
	Name() string
	Vocab() *Vocab
	Params() nn.Params
	// LogProbs returns ln P(ids[t] | ids[:t]) for t = 1 … len(ids)−1.
	LogProbs(ids []int) []float64
	// LogProb returns the sum of LogProbs: ln P(ids[1:] | ids[0]).
	LogProb(ids []int) float64
	// Perplexity returns exp(−mean LogProbs).
	Perplexity(ids []int) float64
	// NextTokens returns the k most probable tokens after context.
	NextTokens(context []int, k int) *NextTokens
	// Generate samples n tokens after prompt.
	Generate(prompt []int, n int, s Sampling) *Generation
	// Save writes the model (configuration, vocabulary and weights); Load
	// reads it back.
	Save(w io.Writer) error

	core() *base
}

// net is what a concrete model supplies to base; base turns it into the
// Model methods shared by all.
type net interface {
	// batchLoss draws one training batch of about B·T predictions from ids
	// and returns the mean cross-entropy (a graph to differentiate).
	batchLoss(rng *rand.Rand, ids []int, B, T int) *nn.Tensor
	// logProbs scores a stream; see Model.LogProbs.
	logProbs(ids []int) []float64
	// decoder starts incremental decoding.
	decoder() decoder
	// resetTrainState forgets state carried between batches (RNN).
	resetTrainState()
}

// A decoder is fed tokens one at a time and returns P(next | all fed).
type decoder interface {
	feed(tok int) []float64
}

// base holds what every model has and implements the shared methods.
type base struct {
	vocab *Vocab
	net   net
	kind  string
	state training.State // steps taken and the optimizer, kept between runs
	rng   *rand.Rand
}

func (b *base) core() *base   { return b }
func (b *base) Vocab() *Vocab { return b.vocab }

// Steps returns the number of training steps taken so far.
func (b *base) Steps() int { return b.state.Steps }

// LogProbs returns ln P(ids[t] | ids[:t]) for t = 1 … len(ids)−1 (nil for
// fewer than two tokens).
func (b *base) LogProbs(ids []int) []float64 {
	if len(ids) < 2 {
		return nil
	}
	return b.net.logProbs(ids)
}

// LogProb returns Σ LogProbs(ids).
func (b *base) LogProb(ids []int) float64 {
	var s float64
	for _, lp := range b.LogProbs(ids) {
		s += lp
	}
	return s
}

// Perplexity returns exp(−(1/N) Σ ln P(ids[t] | ids[:t])) over the N =
// len(ids)−1 predicted tokens (NaN for fewer than two tokens).
func (b *base) Perplexity(ids []int) float64 {
	lps := b.LogProbs(ids)
	if len(lps) == 0 {
		return math.NaN()
	}
	return math.Exp(-b.LogProb(ids) / float64(len(lps)))
}

// dist returns P(next | context) by feeding the context to a decoder. An
// empty context is treated as a line start (a Newline token).
func (b *base) dist(context []int) []float64 {
	d := b.net.decoder()
	if len(context) == 0 {
		context = []int{b.vocab.ID(Newline)}
	}
	var p []float64
	for _, t := range context {
		p = d.feed(t)
	}
	return p
}

// clampIDs maps ids outside the vocabulary to <unk> (0), so that user input
// never makes a lookup panic.
func clampIDs(ids []int, v int) []int {
	for _, id := range ids {
		if id < 0 || id >= v {
			out := make([]int, len(ids))
			for i, id := range ids {
				if id >= 0 && id < v {
					out[i] = id
				}
			}
			return out
		}
	}
	return ids
}

// softmax64 turns float32 logits into float64 probabilities.
func softmax64(logits []float32) []float64 {
	lp := nn.LogSoftmax(logits)
	for i := range lp {
		lp[i] = math.Exp(lp[i])
	}
	return lp
}
