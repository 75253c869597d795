package llm

import (
	"context"
	"fmt"

	"github.com/lingo-nlp/lingo/nlp/training"
)

// A RewardEnsemble is several reward models trained alike on the same
// pairs, each from its own seed (its own scalar head and order of
// batches); its reward is the mean of theirs. Each member overfits a few
// thousand pairs in its own way, and the mean cancels part of those
// errors (docs/benchmarks.md has lesson 09's measurements).
// Averaging reward models is also a known guard against a policy
// over-optimising one model's mistakes (Coste et al., "Reward Model
// Ensembles Help Mitigate Overoptimization", 2023).
type RewardEnsemble []*RewardModel

// NewRewardEnsemble makes n reward models; member i is a copy of
// starts[i mod len(starts)] with a scalar head drawn with seed+i. Lesson
// 09 starts every member from the SFT model. Starting some from the
// pretrained model it came from makes members that err on different
// pairs, which can help the mean; on lesson 09's data the gain stayed
// within the spread between runs (docs/benchmarks.md).
// Set MeanPool on the members before training to pool.
func NewRewardEnsemble(n int, seed uint64, starts ...*Model) (RewardEnsemble, error) {
	if n < 1 {
		return nil, fmt.Errorf("llm: a reward ensemble needs at least 1 member, got %d", n)
	}
	if len(starts) == 0 {
		return nil, fmt.Errorf("llm: a reward ensemble needs a model to start from (the SFT model)")
	}
	e := make(RewardEnsemble, n)
	for i := range e {
		m := starts[i%len(starts)]
		if m == nil {
			return nil, fmt.Errorf("llm: reward ensemble: starting model %d is nil", i%len(starts))
		}
		r, err := NewRewardModel(m, seed+uint64(i))
		if err != nil {
			return nil, err
		}
		e[i] = r
	}
	return e, nil
}

// Score is the members' mean reward.
func (e RewardEnsemble) Score(prompt, response string) (float64, error) {
	if len(e) == 0 {
		return 0, fmt.Errorf("llm: empty reward ensemble")
	}
	var sum float64
	for _, r := range e {
		s, err := r.Score(prompt, response)
		if err != nil {
			return 0, err
		}
		sum += s
	}
	return sum / float64(len(e)), nil
}

// Train trains the members one after the other, each a training.Run of a
// RewardTask on pairs and val with cfg, member i with seed cfg.Seed+i; the
// Reporter sees one run over all of them. The history holds every
// member's metrics, named "loss, member 1" and so on, against the step of
// the member's own run.
func (e RewardEnsemble) Train(ctx context.Context, pairs, val []Preference, cfg training.Config) (*training.History, error) {
	if len(e) == 0 {
		return nil, fmt.Errorf("llm: empty reward ensemble")
	}
	h := training.NewHistory(fmt.Sprintf("reward ensemble of %d (Bradley–Terry)", len(e)))
	h.Select = "val accuracy"
	for i, r := range e {
		task := &RewardTask{Model: r, Pairs: pairs, Val: val}
		c := cfg
		c.Seed = cfg.Seed + uint64(i)
		res, err := c.Resolve(task)
		if err != nil {
			return nil, err
		}
		if cfg.Reporter != nil {
			c.Reporter = offsetReporter{cfg.Reporter, i * res.Steps, len(e) * res.Steps}
		}
		m, err := training.Run(ctx, task, c)
		if m != nil {
			for _, s := range m.Series {
				for k, v := range s.Values {
					h.AddAt(fmt.Sprintf("%s, member %d", s.Name, i+1), s.Steps[k], v)
				}
			}
			h.Elapsed += m.Elapsed
			if m.Stopped != "" {
				h.Stopped = fmt.Sprintf("member %d: %s", i+1, m.Stopped)
			}
		}
		if err != nil {
			finish(cfg.Reporter)
			return h, err
		}
	}
	if h.Stopped != "" {
		finish(cfg.Reporter)
	}
	return h, nil
}

// offsetReporter shows one member's run as part of the ensemble's.
type offsetReporter struct {
	r            training.Reporter
	done0, total int
}

func (o offsetReporter) Report(done, _ int, m map[string]float64) {
	o.r.Report(o.done0+done, o.total, m)
}

// finish tells r (if it can be told) that the ensemble's run ended early.
func finish(r training.Reporter) {
	if d, ok := r.(interface{ Done() }); ok && r != nil {
		d.Done()
	}
}

// Accuracy is the fraction of pairs whose chosen response gets the
// larger mean reward.
func (e RewardEnsemble) Accuracy(pairs []Preference) (float64, error) { return accuracy(e, pairs) }

// AccuracyByTask is Accuracy per task family, families in the order they
// first appear in pairs.
func (e RewardEnsemble) AccuracyByTask(pairs []Preference) ([]TaskAccuracy, error) {
	return accuracyByTask(e, pairs)
}
