package llm

import (
	"context"
	"fmt"
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

// Train trains the members one after the other with cfg, member i with
// seed cfg.Seed+i, and reports progress over all of them. The log holds
// every member's metrics, named "loss, member 1" and so on.
func (e RewardEnsemble) Train(ctx context.Context, pairs []Preference, cfg RewardConfig) (*TrainLog, error) {
	if len(e) == 0 {
		return nil, fmt.Errorf("llm: empty reward ensemble")
	}
	cfg = cfg.withDefaults()
	log := newTrainLog(fmt.Sprintf("reward ensemble of %d (Bradley–Terry)", len(e)), "step")
	seed := cfg.Seed
	for i, r := range e {
		cfg.Seed = seed + uint64(i)
		l, err := r.train(ctx, pairs, cfg, i*cfg.Steps, len(e)*cfg.Steps)
		if l != nil {
			for _, n := range l.Names {
				for j, v := range l.Metrics[n] {
					log.addAt(fmt.Sprintf("%s, member %d", n, i+1), l.Steps[n][j], v)
				}
			}
			log.Elapsed += l.Elapsed
		}
		if err != nil {
			return log, err
		}
	}
	if cfg.Progress != nil {
		cfg.Progress.Done()
	}
	return log, nil
}

// Accuracy is the fraction of pairs whose chosen response gets the
// larger mean reward.
func (e RewardEnsemble) Accuracy(pairs []Preference) (float64, error) { return accuracy(e, pairs) }

// AccuracyByTask is Accuracy per task family, families in the order they
// first appear in pairs.
func (e RewardEnsemble) AccuracyByTask(pairs []Preference) ([]TaskAccuracy, error) {
	return accuracyByTask(e, pairs)
}
