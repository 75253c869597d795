package llm

import (
	"context"
	"fmt"
	"time"

	"github.com/lingo-nlp/lingo/nlp/training"
	"github.com/lingo-nlp/lingo/plots"
)

// TransferConfig sets a Transfer experiment. Zero fields take the default
// noted.
type TransferConfig struct {
	// Sizes are the numbers of labelled training examples to try (default
	// 16, 64, 256, 1024); each run trains on the first n of the training
	// examples.
	Sizes []int
	Steps int     // optimizer steps of every run (default 150)
	Batch int     // examples per step (default 16)
	LR    float64 // AdamW learning rate of every run (default 1e-3)
	Seed  uint64  // the heads' and the scratch bodies' initialisation, and the batches
	// Reporter, if set, is told the progress of every run in turn.
	Reporter training.Reporter
}

// A TransferCurve is test accuracy against the number of labelled
// examples, for the same classifier trained from scratch and fine-tuned
// from a pretrained model.
type TransferCurve struct {
	Sizes              []int
	Scratch, FineTuned []float64 // test accuracy per size
	Majority           float64   // accuracy of always answering the test's most common label
	Steps              int
	Elapsed            time.Duration
}

// Transfer measures what pretraining buys a downstream task, the argument
// the lecture makes with ImageNet: for every size n it trains the same
// Classifier twice, for the same steps on the same n labelled examples —
// once on a new Transformer of pre's shape with random weights (from
// scratch), once on a copy of pre (fine-tuned) — and scores both on test.
// pre is not changed.
func Transfer(ctx context.Context, pre *Model, train, test []Labelled, classes int, cfg TransferConfig) (*TransferCurve, error) {
	if pre == nil {
		return nil, fmt.Errorf("llm: Transfer: no pretrained model")
	}
	if len(test) == 0 {
		return nil, fmt.Errorf("llm: Transfer: no test examples")
	}
	if len(cfg.Sizes) == 0 {
		cfg.Sizes = []int{16, 64, 256, 1024}
	}
	if cfg.Steps <= 0 {
		cfg.Steps = 150
	}
	for _, n := range cfg.Sizes {
		if n < 1 || n > len(train) {
			return nil, fmt.Errorf("llm: Transfer: size %d outside 1…%d (the training examples)", n, len(train))
		}
	}
	start := time.Now()
	c := &TransferCurve{Sizes: cfg.Sizes, Steps: cfg.Steps, Majority: majority(test, classes)}
	for _, n := range cfg.Sizes {
		for _, fine := range []bool{false, true} {
			clf, err := transferClassifier(pre, classes, fine, cfg.Seed)
			if err != nil {
				return nil, err
			}
			task := &ClassifyTask{Classifier: clf, Examples: train[:n]}
			_, err = training.Run(ctx, task, training.Config{Steps: cfg.Steps, Batch: cfg.Batch, LR: cfg.LR,
				Seed: cfg.Seed + 1, Reporter: cfg.Reporter})
			if err != nil {
				return c, err
			}
			acc := clf.Accuracy(test)
			if fine {
				c.FineTuned = append(c.FineTuned, acc)
			} else {
				c.Scratch = append(c.Scratch, acc)
			}
		}
	}
	c.Elapsed = time.Since(start)
	return c, nil
}

// transferClassifier is a classifier on a copy of pre (fine) or on a new
// model of pre's shape (scratch), with the same head either way.
func transferClassifier(pre *Model, classes int, fine bool, seed uint64) (*Classifier, error) {
	var body *Model
	var err error
	if fine {
		body, err = pre.Clone()
	} else {
		cfg := pre.LM.Cfg
		cfg.Seed = seed + 7
		body, err = NewModel(pre.BPE, cfg)
	}
	if err != nil {
		return nil, err
	}
	return NewClassifier(body, classes, seed)
}

func majority(test []Labelled, classes int) float64 {
	count := make([]int, max(classes, 1))
	best := 0
	for _, e := range test {
		if e.Label >= 0 && e.Label < len(count) {
			count[e.Label]++
			best = max(best, count[e.Label])
		}
	}
	return float64(best) / float64(len(test))
}

var _ plots.Renderer = (*TransferCurve)(nil)

// Chart draws both curves and the majority baseline against the number of
// labelled examples (log scale).
func (c *TransferCurve) Chart() *plots.LineChart {
	x := make([]float64, len(c.Sizes))
	base := make([]float64, len(c.Sizes))
	for i, n := range c.Sizes {
		x[i], base[i] = float64(n), c.Majority
	}
	ch := plots.NewLineChart("Test accuracy against labelled examples").
		AddXY("fine-tuned from the pretrained model", x, c.FineTuned).
		AddXY("same model from scratch", x, c.Scratch).
		AddXY("majority class", x, base)
	ch.XLabel, ch.YLabel = "labelled training examples", "test accuracy"
	ch.LogX = true
	return ch
}

// Table lists the accuracies per size.
func (c *TransferCurve) Table() *plots.Table {
	t := plots.NewTable("labelled examples", "from scratch", "fine-tuned", "gain").
		Format("from scratch", "%.3f").Format("fine-tuned", "%.3f").Format("gain", "%+.3f")
	for i, n := range c.Sizes {
		if i < len(c.Scratch) && i < len(c.FineTuned) {
			t.Row(n, c.Scratch[i], c.FineTuned[i], c.FineTuned[i]-c.Scratch[i])
		}
	}
	t.Caption = fmt.Sprintf("%d steps per run; majority class %.3f; %s in all", c.Steps, c.Majority, c.Elapsed.Round(time.Second))
	return t
}

// Render shows the chart, with the table in its text form.
func (c *TransferCurve) Render() plots.Bundle {
	b := c.Chart().Render()
	b[plots.MIMEText] += "\n" + c.Table().String()
	return b
}
