package llm

import (
	"fmt"
	"math"
	"math/rand/v2"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/instruct"
	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/nlp/training"
)

// PPO is RLHF's step 3: a policy (initialised from the SFT model) with a
// value head reading its hidden states (its loss trains the head alone),
// the frozen SFT model as reference and the reward model as the
// environment's reward. A PPOTask trains it.
type PPO struct {
	Policy *Model
	Value  *nn.Linear // C → 1
	Ref    *Model
	Reward Rewarder
}

// NewPPO copies sft into the policy and the reference.
func NewPPO(sft *Model, rm Rewarder, seed uint64) (*PPO, error) {
	pol, err := sft.Clone()
	if err != nil {
		return nil, err
	}
	ref, err := sft.Clone()
	if err != nil {
		return nil, err
	}
	return &PPO{Policy: pol, Ref: ref, Reward: rm, Value: nn.NewLinear(nn.NewRand(seed), sft.LM.Cfg.Dim, 1, true)}, nil
}

// PPOTask runs PPO on the prompts of examples with training.Run. Training
// goes in rounds: a round samples a response to each of Batch random
// prompts, scores it with the reward model, shapes per-token rewards with
// the KL penalty against the reference, computes GAE advantages from the
// value head, and then takes Updates optimizer steps on the clipped
// objective plus the value loss; training.Config.Steps counts those steps
// (Steps/Updates rounds). After every round it records the mean reward,
// the mean KL per response, the entropy of the policy on its tokens, the
// clip fraction, the value loss, β and, with a Rater, the rater's score.
//
// Its defaults for the zero fields of training.Config: 60 steps (30
// rounds of 2 updates), 16 prompts a round, Adam at 3e-4 without weight
// decay. The zero fields of PPOTask take the defaults noted.
type PPOTask struct {
	PPO      *PPO
	Prompts  []instruct.Example
	Template instruct.Template
	Updates  int     // optimizer steps per round on the round's samples (default 2)
	Eps      float64 // clipping range ε (default 0.2)
	Beta     float64 // per-token KL penalty β (default 0.05); the starting β when KLTarget is set
	// KLTarget, if positive, adapts β after every round the way Ziegler et
	// al. (2019, §2.2) do, so that the mean KL per response stays near the
	// target: β ← β·(1 + clip(KL/KLTarget − 1, −0.2, 0.2)). A KL above the
	// target raises the penalty by up to 20% a round, one below lowers it.
	KLTarget    float64
	Gamma       float64 // discount γ (default 1)
	Lambda      float64 // GAE λ (default 0.95)
	VF          float64 // weight of the value loss (default 0.5)
	Temperature float64 // sampling temperature (default 1)
	// Rater, if set, also scores every sample by the rules, to compare the
	// reward model's view with the "human" one.
	Rater *Rater

	rng   *rand.Rand
	batch int
	beta  float64 // the current β
	h     *training.History
	round ppoRound
}

// ppoRound is one round's samples and the statistics of its last update.
type ppoRound struct {
	eps              []episode
	prompts, resps   [][]int
	old, adv, ret    []float64
	rater            float64
	clip, ent, vloss float64
}

type episode struct {
	prompt, resp   []int
	logp, adv, ret []float64
	score, kl      float64
}

var (
	_ training.Defaulter = (*PPOTask)(nil)
	_ training.Starter   = (*PPOTask)(nil)
)

// Defaults are 60 steps, 16 prompts a round, Adam at 3e-4.
func (t *PPOTask) Defaults() training.Config {
	return training.Config{Steps: 60, Batch: 16, LR: 3e-4, Optimizer: training.Adam}
}

// Params are the policy's and the value head's ("value.*").
func (t *PPOTask) Params() nn.Params {
	return append(t.PPO.Policy.Params(), nn.Collect("value", t.PPO.Value)...)
}

// Start checks the settings and fills the defaults.
func (t *PPOTask) Start(cfg training.Config, h *training.History) error {
	if t.PPO == nil || t.PPO.Policy == nil || t.PPO.Ref == nil || t.PPO.Reward == nil {
		return fmt.Errorf("llm: PPOTask needs a PPO with a policy, a reference and a reward")
	}
	if len(t.Prompts) == 0 {
		return fmt.Errorf("llm: PPO: no prompts")
	}
	if t.Updates < 0 {
		return fmt.Errorf("llm: PPOTask.Updates must be ≥ 0 (0: the default), got %d", t.Updates)
	}
	for _, f := range []struct {
		name string
		v    *float64
		def  float64
	}{{"Eps", &t.Eps, 0.2}, {"Beta", &t.Beta, 0.05}, {"KLTarget", &t.KLTarget, 0}, {"Gamma", &t.Gamma, 1},
		{"Lambda", &t.Lambda, 0.95}, {"VF", &t.VF, 0.5}, {"Temperature", &t.Temperature, 1}} {
		if err := training.CheckFloatIn("llm", "PPOTask."+f.name, *f.v); err != nil {
			return err
		}
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	if t.Gamma > 1 || t.Lambda > 1 || t.Eps >= 1 {
		return fmt.Errorf("llm: PPOTask needs γ ≤ 1, λ ≤ 1 and ε < 1, got γ %g, λ %g, ε %g", t.Gamma, t.Lambda, t.Eps)
	}
	if t.Updates == 0 {
		t.Updates = 2
	}
	t.rng = rand.New(rand.NewPCG(cfg.Seed, 0x990))
	t.batch, t.beta, t.h = cfg.Batch, t.Beta, h
	h.Title = fmt.Sprintf("PPO (β = %g, ε = %g)", t.Beta, t.Eps)
	if t.KLTarget > 0 {
		h.Title = fmt.Sprintf("PPO (β from %g adapted to KL %g, ε = %g)", t.Beta, t.KLTarget, t.Eps)
	}
	return nil
}

// Loss is the clipped objective plus the value loss on the round's
// samples; the first update of a round samples them, the last one
// records the round and adapts β.
func (t *PPOTask) Loss(step int) (*nn.Tensor, error) {
	if step%t.Updates == 0 {
		if err := t.rollout(); err != nil {
			return nil, err
		}
	}
	loss, err := t.update()
	if err != nil {
		return nil, err
	}
	if step%t.Updates == t.Updates-1 {
		t.record()
	}
	return loss, nil
}

// rollout samples a response to each of Batch random prompts and
// computes their per-token advantages, whitened over the round.
func (t *PPOTask) rollout() error {
	p := t.PPO
	r := ppoRound{eps: make([]episode, t.batch)}
	for i := range r.eps {
		ex := t.Prompts[t.rng.IntN(len(t.Prompts))]
		pr := t.Template.Format(ex, nil)
		ids := p.Policy.Encode(pr.Prompt)
		s, err := p.Policy.Sample(ids, SampleConfig{MaxTokens: maxResponseTokens(t.Template), Temperature: t.Temperature}, t.rng)
		if err != nil {
			return err
		}
		if len(s.IDs) == 0 {
			return fmt.Errorf("llm: PPO: empty sample")
		}
		score, err := p.Reward.Score(pr.Prompt, s.Text)
		if err != nil {
			return err
		}
		// the log-probs Sample recorded are π_old at temperature 1
		ids = s.Prompt
		refLp, err := p.Ref.LogProbs(ids, s.IDs)
		if err != nil {
			return err
		}
		e := episode{prompt: ids, resp: s.IDs, logp: s.Logp, score: score}
		for _, k := range KL(s.Logp, refLp) {
			e.kl += k
		}
		rewards := ShapedRewards(score, s.Logp, refLp, t.beta)
		values, err := p.values(ids, s.IDs)
		if err != nil {
			return err
		}
		e.adv, e.ret = GAE(rewards, values, 0, t.Gamma, t.Lambda)
		if t.Rater != nil {
			r.rater += t.Rater.Score(ex, s.Text)
		}
		r.eps[i] = e
		r.prompts, r.resps = append(r.prompts, e.prompt), append(r.resps, e.resp)
		r.old, r.adv, r.ret = append(r.old, e.logp...), append(r.adv, e.adv...), append(r.ret, e.ret...)
	}
	r.adv = Whiten(r.adv)
	t.round = r
	return nil
}

// update is the loss of one optimizer step on the round's samples.
func (t *PPOTask) update() (*nn.Tensor, error) {
	p, r := t.PPO, &t.round
	pk, err := p.Policy.pack(r.prompts, r.resps)
	if err != nil {
		return nil, err
	}
	h := p.Policy.Hidden(pk.x, pk.B, pk.T)
	lp, logits := p.Policy.tokenLogp(pk, h)
	vl := p.valueLoss(h, pk, r.ret)
	st := PPOClip(floats(lp), r.old, r.adv, t.Eps)
	r.clip, r.vloss = st.ClipFrac, float64(vl.Data[0])
	r.ent = meanEntropy(logits, pk.rows)
	return ag.Add(PPOLoss(lp, r.old, r.adv, t.Eps), ag.Scale(vl, float32(t.VF))), nil
}

// record adds the round's statistics to the history and adapts β.
func (t *PPOTask) record() {
	h, r := t.h, &t.round
	var score, kl float64
	for _, e := range r.eps {
		score += e.score
		kl += e.kl
	}
	n := float64(len(r.eps))
	h.Add("beta", t.beta)
	if t.KLTarget > 0 {
		t.beta *= 1 + max(-0.2, min(0.2, kl/n/t.KLTarget-1))
	}
	h.Add("reward", score/n)
	h.Add("KL", kl/n)
	h.Add("entropy", r.ent)
	h.Add("clip fraction", r.clip)
	h.Add("value loss", r.vloss)
	if t.Rater != nil {
		h.Add("rater score", r.rater/n)
	}
}

// valueLoss is ½·mean (V_t − R_t)² of the value head over the response
// tokens of pk, whose hidden states are h. The head reads h without
// back-propagating into it, so the policy's weights move by the clipped
// objective alone. (When the value head shared the gradient, a value
// loss that grew with β dragged the policy away from the reference,
// the adaptive β rose further and the run diverged: lesson 09's PPO run
// for 80 rounds, or aimed at a KL of 0.5, ended 4 and 12 nats per
// response from the SFT model.)
func (p *PPO) valueLoss(h *nn.Tensor, pk *packed, ret []float64) *nn.Tensor {
	v := ag.Embedding(ag.Reshape(p.Value.Forward(h.Detach()), pk.B*pk.T, 1), pk.rows) // (n, 1)
	d := ag.Sub(v, ag.FromSlice(f32(ret), len(ret), 1))
	return ag.Scale(ag.Mean(ag.Mul(d, d)), float32(0.5))
}

// values are the value head's V(s_t) before each response token.
func (p *PPO) values(prompt, resp []int) ([]float64, error) {
	var out []float64
	var err error
	ag.NoGrad(func() {
		var pk *packed
		pk, err = p.Policy.pack([][]int{prompt}, [][]int{resp})
		if err != nil {
			return
		}
		v := p.Value.Forward(p.Policy.Hidden(pk.x, 1, pk.T)) // (1, T, 1)
		for _, r := range pk.rows {
			out = append(out, float64(v.Data[r]))
		}
		v.Release()
	})
	return out, err
}

// meanEntropy is the policy's mean entropy at the given rows of logits.
func meanEntropy(logits *nn.Tensor, rows []int) float64 {
	V := logits.Dim(logits.NDim() - 1)
	var s float64
	for _, r := range rows {
		lp := nn.LogSoftmax(logits.Data[r*V : (r+1)*V])
		for _, l := range lp {
			s -= math.Exp(l) * l
		}
	}
	return s / float64(max(1, len(rows)))
}

func f32(x []float64) []float32 {
	out := make([]float32, len(x))
	for i, v := range x {
		out[i] = float32(v)
	}
	return out
}
