package llm

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/nlp/training"
)

// A Labelled text is one example of a classification task: Label is its
// class, 0 … K−1.
type Labelled struct {
	Text  string
	Label int
}

// A Classifier labels texts with a Transformer language model's body and
// a linear head on the mean of its final hidden states:
//
//	p(k | x) = softmax(U · (1/T) Σ_t h_L(x)_t + c)_k
//
// — the way a pretrained language model is fine-tuned for a downstream
// task (Radford et al. 2018, GPT-1 §3.2; here the mean of the states
// rather than the last one). Texts longer than the body's block keep
// their first Block tokens.
type Classifier struct {
	Body    *Model
	Head    *nn.Linear // C → K
	Classes int
}

// NewClassifier puts a new head of classes outputs on body (which it
// trains in place: pass a Clone to keep the original).
func NewClassifier(body *Model, classes int, seed uint64) (*Classifier, error) {
	if body == nil {
		return nil, fmt.Errorf("llm: NewClassifier: nil body")
	}
	if classes < 2 {
		return nil, fmt.Errorf("llm: a classifier needs at least 2 classes, got %d", classes)
	}
	return &Classifier{Body: body, Head: nn.NewLinear(nn.NewRand(seed), body.LM.Cfg.Dim, classes, true), Classes: classes}, nil
}

// Params are the body's parameters and "head.*".
func (c *Classifier) Params() nn.Params {
	return append(c.Body.Params(), nn.Collect("head", c.Head)...)
}

// logits returns the class scores of the texts, (B, K).
func (c *Classifier) logits(texts []string) *nn.Tensor {
	B := len(texts)
	seqs := make([][]int, B)
	T := 1
	for i, s := range texts {
		ids := c.Body.Encode(s)
		if len(ids) == 0 {
			ids = []int{c.Body.Encode(" ")[0]}
		}
		seqs[i] = ids[:min(len(ids), c.Body.Block())]
		T = max(T, len(seqs[i]))
	}
	x := make([]int, B*T) // right padding: causal attention never reads it
	S := make([]float32, B*B*T)
	for b, s := range seqs {
		copy(x[b*T:], s)
		for t := range s {
			S[b*B*T+b*T+t] = 1 / float32(len(s))
		}
	}
	h := ag.Reshape(c.Body.Hidden(x, B, T), B*T, c.Body.LM.Cfg.Dim) // (B·T, C)
	pooled := ag.MatMul(ag.FromSlice(S, B, B*T), h)                 // (B, C): mean over each text's tokens
	return c.Head.Forward(pooled)                                   // (B, K)
}

// Predict returns the most probable class of each text.
func (c *Classifier) Predict(texts []string) []int {
	out := make([]int, len(texts))
	for lo := 0; lo < len(texts); lo += 32 {
		hi := min(lo+32, len(texts))
		ag.NoGrad(func() {
			l := c.logits(texts[lo:hi])
			for b := range hi - lo {
				row := l.Data[b*c.Classes : (b+1)*c.Classes]
				for k, v := range row {
					if v > row[out[lo+b]] {
						out[lo+b] = k
					}
				}
			}
			l.Release()
		})
	}
	return out
}

// Accuracy is the share of examples whose label Predict gets right (0 for
// none).
func (c *Classifier) Accuracy(examples []Labelled) float64 {
	if len(examples) == 0 {
		return 0
	}
	texts := make([]string, len(examples))
	for i, e := range examples {
		texts[i] = e.Text
	}
	right := 0
	for i, p := range c.Predict(texts) {
		if p == examples[i].Label {
			right++
		}
	}
	return float64(right) / float64(len(examples))
}

// ClassifyTask trains a Classifier with training.Run on the cross-entropy
// of the labels of Batch examples drawn at random; with Test it reports
// the held-out "val accuracy" at every evaluation. Defaults: 150 steps of
// 16 examples, AdamW at 1e-3.
type ClassifyTask struct {
	Classifier *Classifier
	Examples   []Labelled
	Test       []Labelled

	rng   *rand.Rand
	batch int
}

var (
	_ training.Defaulter = (*ClassifyTask)(nil)
	_ training.Starter   = (*ClassifyTask)(nil)
	_ training.Evaluator = (*ClassifyTask)(nil)
)

// Defaults are 150 steps of 16 examples at 1e-3.
func (t *ClassifyTask) Defaults() training.Config {
	return training.Config{Steps: 150, Batch: 16, LR: 1e-3}
}

// Params are the classifier's.
func (t *ClassifyTask) Params() nn.Params { return t.Classifier.Params() }

// Start checks the examples.
func (t *ClassifyTask) Start(cfg training.Config, h *training.History) error {
	if t.Classifier == nil {
		return fmt.Errorf("llm: ClassifyTask without a Classifier")
	}
	if len(t.Examples) == 0 {
		return fmt.Errorf("llm: ClassifyTask: no examples")
	}
	for i, e := range append(append([]Labelled(nil), t.Examples...), t.Test...) {
		if e.Label < 0 || e.Label >= t.Classifier.Classes {
			return fmt.Errorf("llm: example %d has label %d, want 0…%d", i, e.Label, t.Classifier.Classes-1)
		}
	}
	t.rng = rand.New(rand.NewPCG(cfg.Seed, 0xc1a5))
	t.batch = cfg.Batch
	h.Title = t.Classifier.Body.LM.Name() + " classifier"
	return nil
}

// Loss is the mean cross-entropy of Batch random examples' labels.
func (t *ClassifyTask) Loss(int) (*nn.Tensor, error) {
	texts, labels := make([]string, t.batch), make([]int, t.batch)
	for i := range t.batch {
		e := t.Examples[t.rng.IntN(len(t.Examples))]
		texts[i], labels[i] = e.Text, e.Label
	}
	return ag.CrossEntropy(t.Classifier.logits(texts), labels), nil
}

// Evaluate is the accuracy on Test (NaN loss: nothing to compare).
func (t *ClassifyTask) Evaluate(ctx context.Context) (training.Evaluation, error) {
	if len(t.Test) == 0 {
		return training.Evaluation{Loss: math.NaN()}, ctx.Err()
	}
	return training.Evaluation{Loss: math.NaN(), Metrics: []training.Metric{{Name: "val accuracy", Value: t.Classifier.Accuracy(t.Test)}},
		Select: "val accuracy"}, ctx.Err()
}
