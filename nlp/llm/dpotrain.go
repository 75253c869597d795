package llm

import (
	"context"
	"fmt"
	"math/rand/v2"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/instruct"
	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/nlp/training"
)

// DPOTask tunes a policy on preference pairs with the DPO loss against a
// frozen reference (Rafailov et al. 2023), with training.Run: no reward
// model and no sampling, only the log-probs of chosen and rejected
// responses. Every step records the mean implicit rewards of the chosen
// and rejected responses of its Batch random pairs ("reward chosen",
// "reward rejected") and the fraction ranked right ("accuracy"). Its
// defaults for the zero fields of training.Config: 200 steps of 8 pairs,
// Adam at 5e-4 without weight decay.
type DPOTask struct {
	Policy *Model // tuned in place (a copy of the SFT model)
	Ref    *Model // the frozen reference (the SFT model)
	Pairs  []Preference
	Beta   float64 // strength of the tie to the reference (default 0.1)

	enc            []encodedPair
	refPos, refNeg []float64
	rng            *rand.Rand
	batch          int
	h              *training.History
}

var (
	_ training.Defaulter = (*DPOTask)(nil)
	_ training.Starter   = (*DPOTask)(nil)
)

// Defaults are 200 steps of 8 pairs with Adam at 5e-4.
func (t *DPOTask) Defaults() training.Config {
	return training.Config{Steps: 200, Batch: 8, LR: 5e-4, Optimizer: training.Adam}
}

// Params are the policy's parameters.
func (t *DPOTask) Params() nn.Params { return t.Policy.Params() }

// Start computes the reference's log-probs of every pair once (it is
// frozen).
func (t *DPOTask) Start(cfg training.Config, h *training.History) error {
	if t.Policy == nil || t.Ref == nil {
		return fmt.Errorf("llm: DPOTask needs a Policy and a Ref")
	}
	if err := training.CheckFloatIn("llm", "DPOTask.Beta", t.Beta); err != nil {
		return err
	}
	if t.Beta == 0 {
		t.Beta = 0.1
	}
	if len(t.Pairs) == 0 {
		return fmt.Errorf("llm: DPO: no preference pairs")
	}
	t.enc = encodePairs(t.Policy, t.Pairs)
	t.refPos, t.refNeg = make([]float64, len(t.enc)), make([]float64, len(t.enc))
	for i, e := range t.enc {
		a, err := seqLogProb(t.Ref, e.prompt, e.chosen)
		if err != nil {
			return err
		}
		b, err := seqLogProb(t.Ref, e.prompt, e.rejected)
		if err != nil {
			return err
		}
		t.refPos[i], t.refNeg[i] = a, b
	}
	t.rng = rand.New(rand.NewPCG(cfg.Seed, 0xd70))
	t.batch, t.h = cfg.Batch, h
	h.Title = fmt.Sprintf("DPO (β = %g)", t.Beta)
	return nil
}

// Loss is the mean DPO loss of Batch random pairs.
func (t *DPOTask) Loss(int) (*nn.Tensor, error) {
	var prompts, resps [][]int
	var rp, rn []float64
	idx := make([]int, t.batch)
	for i := range idx {
		idx[i] = t.rng.IntN(len(t.enc))
		prompts = append(prompts, t.enc[idx[i]].prompt)
		resps = append(resps, t.enc[idx[i]].chosen)
		rp, rn = append(rp, t.refPos[idx[i]]), append(rn, t.refNeg[idx[i]])
	}
	for _, i := range idx {
		prompts = append(prompts, t.enc[i].prompt)
		resps = append(resps, t.enc[i].rejected)
	}
	lp, err := t.Policy.seqLogp(prompts, resps) // (2B, 1)
	if err != nil {
		return nil, err
	}
	parts := ag.Split(lp, 0, t.batch, t.batch)
	st := DPOBatch(floats(parts[0]), floats(parts[1]), rp, rn, t.Beta)
	t.h.Add("reward chosen", st.ChosenReward)
	t.h.Add("reward rejected", st.RejReward)
	t.h.Add("accuracy", st.Accuracy)
	return DPOLoss(parts[0], parts[1], rp, rn, t.Beta), nil
}

func seqLogProb(m *Model, prompt, response []int) (float64, error) {
	lp, err := m.LogProbs(prompt, response)
	if err != nil {
		return 0, err
	}
	var s float64
	for _, v := range lp {
		s += v
	}
	return s, nil
}

// PreferredRate is the fraction of pairs to whose chosen response m gives
// a higher probability than to the rejected one, log π(y⁺|x) > log π(y⁻|x):
// how often the model itself prefers what the rater preferred.
func PreferredRate(m *Model, pairs []Preference) (float64, error) {
	if len(pairs) == 0 {
		return 0, nil
	}
	n := 0
	for _, e := range encodePairs(m, pairs) {
		a, err := seqLogProb(m, e.prompt, e.chosen)
		if err != nil {
			return 0, err
		}
		b, err := seqLogProb(m, e.prompt, e.rejected)
		if err != nil {
			return 0, err
		}
		if a > b {
			n++
		}
	}
	return float64(n) / float64(len(pairs)), nil
}

// MeanScore is the rater's mean score of m's responses to the examples,
// generated under cfg (MaxTokens 0: enough for t's answers) with the
// random source seeded by seed.
func MeanScore(ctx context.Context, m *Model, r *Rater, examples []instruct.Example, t instruct.Template, cfg SampleConfig, seed uint64) (float64, error) {
	if err := cfg.Validate(); err != nil {
		return 0, err
	}
	if len(examples) == 0 {
		return 0, nil
	}
	if cfg.MaxTokens == 0 {
		cfg.MaxTokens = maxResponseTokens(t)
	}
	rng := rand.New(rand.NewPCG(seed, 0x5c0))
	var s float64
	for _, ex := range examples {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		p := t.Format(ex, nil)
		out, err := m.Sample(m.Encode(p.Prompt), cfg, rng)
		if err != nil {
			return 0, err
		}
		s += r.Score(ex, out.Text)
	}
	return s / float64(len(examples)), nil
}
