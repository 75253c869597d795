package llm

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/lingo-nlp/lingo/nlp/instruct"
	"github.com/lingo-nlp/lingo/plots"
)

// PolicyEval is how a policy does on a set of prompts: the mean reward
// the reward model gives its sampled responses, the rater's mean score of
// them, and the mean KL(π ‖ π_ref) per response, estimated on the samples
// as Σ_t log π(y_t) − log π_ref(y_t) (whose expectation under π is the
// sequence KL). The SFT model evaluated against itself has KL 0.
type PolicyEval struct {
	Name          string
	Reward        float64 // mean reward-model score
	RaterScore    float64 // mean rater score (0 without a rater)
	KL            float64 // mean KL per response (nats)
	Samples       int
	ResponseWords float64 // mean response length in tokens
}

// EvaluatePolicy samples n responses (temperature 1) of policy to each
// example's prompt and averages the reward model's score, the rater's
// score (rater may be nil) and the KL to ref.
func EvaluatePolicy(ctx context.Context, name string, policy, ref *Model, rm Rewarder, r *Rater,
	examples []instruct.Example, t instruct.Template, n int, seed uint64) (*PolicyEval, error) {
	if n <= 0 {
		n = 1
	}
	if len(examples) == 0 {
		return nil, fmt.Errorf("llm: EvaluatePolicy: no examples")
	}
	rng := rand.New(rand.NewPCG(seed, 0xe7a))
	ev := &PolicyEval{Name: name}
	for _, ex := range examples {
		p := t.Format(ex, nil)
		ids := policy.Encode(p.Prompt)
		for range n {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			s, err := policy.Sample(ids, SampleConfig{MaxTokens: maxResponseTokens(t), Temperature: 1}, rng)
			if err != nil {
				return nil, err
			}
			if len(s.IDs) == 0 {
				continue
			}
			score, err := rm.Score(p.Prompt, s.Text)
			if err != nil {
				return nil, err
			}
			refLp, err := ref.LogProbs(s.Prompt, s.IDs)
			if err != nil {
				return nil, err
			}
			for _, k := range KL(s.Logp, refLp) {
				ev.KL += k
			}
			ev.Reward += score
			if r != nil {
				ev.RaterScore += r.Score(ex, s.Text)
			}
			ev.ResponseWords += float64(len(s.IDs))
			ev.Samples++
		}
	}
	if ev.Samples > 0 {
		k := float64(ev.Samples)
		ev.Reward /= k
		ev.RaterScore /= k
		ev.KL /= k
		ev.ResponseWords /= k
	}
	return ev, nil
}

// PolicyTable compares policies on held-out prompts, with the KL bound
// the comparison states (0: none).
type PolicyTable struct {
	Evals   []*PolicyEval
	KLBound float64
}

// Table is the comparison as a plots.Table.
func (pt PolicyTable) Table() *plots.Table {
	tb := plots.NewTable("policy", "samples", "mean reward (RM)", "rater score", "KL to SFT (nats/response)", "within bound", "tokens/response")
	for _, e := range pt.Evals {
		ok := "—"
		if pt.KLBound > 0 {
			ok = fmt.Sprint(e.KL <= pt.KLBound)
		}
		tb.Row(e.Name, e.Samples, fmt.Sprintf("%.3f", e.Reward), fmt.Sprintf("%.3f", e.RaterScore), fmt.Sprintf("%.3f", e.KL), ok,
			fmt.Sprintf("%.1f", e.ResponseWords))
	}
	tb.Caption = "Policies on held-out prompts (sampled at temperature 1)"
	if pt.KLBound > 0 {
		tb.Caption += fmt.Sprintf("; stated bound: mean KL ≤ %g nats per response", pt.KLBound)
	}
	return tb
}

// Render shows the table.
func (pt PolicyTable) Render() plots.Bundle { return pt.Table().Render() }

// String is the text table.
func (pt PolicyTable) String() string { return pt.Table().String() }

var _ plots.Renderer = PolicyTable{}
