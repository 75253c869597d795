package llm

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/plots"
)

// DPOConfig controls TrainDPO. Zero fields take the default noted.
type DPOConfig struct {
	Beta     float64 // strength of the tie to the reference (default 0.1)
	Steps    int     // default 200
	Batch    int     // pairs per step (default 8)
	LR       float64 // default 5e-4
	Seed     uint64
	Progress *plots.Progress
}

// TrainDPO tunes policy on the preference pairs with the DPO loss against
// the frozen reference ref (Rafailov et al. 2023): no reward model and no
// sampling, only the log-probs of chosen and rejected responses.
func TrainDPO(ctx context.Context, policy, ref *Model, pairs []Preference, cfg DPOConfig) (*TrainLog, error) {
	if cfg.Beta <= 0 {
		cfg.Beta = 0.1
	}
	if cfg.Steps <= 0 {
		cfg.Steps = 200
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 8
	}
	if cfg.LR <= 0 {
		cfg.LR = 5e-4
	}
	if len(pairs) == 0 {
		return nil, fmt.Errorf("llm: DPO: no preference pairs")
	}
	enc := encodePairs(policy, pairs)
	refPos, refNeg := make([]float64, len(enc)), make([]float64, len(enc))
	for i, e := range enc { // the reference is frozen: its log-probs once
		a, err := seqLogProb(ref, e.prompt, e.chosen)
		if err != nil {
			return nil, err
		}
		b, err := seqLogProb(ref, e.prompt, e.rejected)
		if err != nil {
			return nil, err
		}
		refPos[i], refNeg[i] = a, b
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xd70))
	params := policy.Params()
	opt := nn.NewAdamW(params, nn.AdamConfig{LR: cfg.LR, WeightDecay: -1})
	log := newTrainLog(fmt.Sprintf("DPO (β = %g)", cfg.Beta), "step")
	start := time.Now()
	defer func() { log.Elapsed = time.Since(start) }()
	for step := range cfg.Steps {
		if err := ctx.Err(); err != nil {
			return log, err
		}
		var prompts, resps [][]int
		var rp, rn []float64
		idx := make([]int, cfg.Batch)
		for i := range idx {
			idx[i] = rng.IntN(len(enc))
			prompts = append(prompts, enc[idx[i]].prompt)
			resps = append(resps, enc[idx[i]].chosen)
			rp, rn = append(rp, refPos[idx[i]]), append(rn, refNeg[idx[i]])
		}
		for _, i := range idx {
			prompts = append(prompts, enc[i].prompt)
			resps = append(resps, enc[i].rejected)
		}
		lp, err := policy.seqLogp(prompts, resps) // (2B, 1)
		if err != nil {
			return log, err
		}
		parts := ag.Split(lp, 0, cfg.Batch, cfg.Batch)
		loss := DPOLoss(parts[0], parts[1], rp, rn, cfg.Beta)
		st := DPOBatch(floats(parts[0]), floats(parts[1]), rp, rn, cfg.Beta)
		opt.ZeroGrad()
		loss.Backward()
		ag.ClipGradNorm(params.Tensors(), 1)
		opt.Step()
		loss.Release()
		log.at(step + 1)
		log.add("loss", st.Loss)
		log.add("reward chosen", st.ChosenReward)
		log.add("reward rejected", st.RejReward)
		log.add("accuracy", st.Accuracy)
		if cfg.Progress != nil {
			cfg.Progress.Report(step+1, cfg.Steps, map[string]float64{"loss": st.Loss})
		}
	}
	if cfg.Progress != nil {
		cfg.Progress.Done()
	}
	return log, nil
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

// MeanScore is the rater's mean score of m's responses to the examples
// (sampled at temperature temp; negative: greedy).
func MeanScore(ctx context.Context, m *Model, r *Rater, examples []Example, t Template, temp float64, seed uint64) (float64, error) {
	if len(examples) == 0 {
		return 0, nil
	}
	rng := rand.New(rand.NewPCG(seed, 0x5c0))
	var s float64
	for _, ex := range examples {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		p := t.Format(ex, nil)
		out := m.Sample(m.Encode(p.Prompt), SampleConfig{MaxTokens: maxResponseTokens(t), Temperature: temp}, rng)
		s += r.Score(ex, out.Text)
	}
	return s / float64(len(examples)), nil
}

// PPOConfig controls PPO.Train. Zero fields take the default noted.
type PPOConfig struct {
	Template Template
	Iters    int     // rounds of sampling and updating (default 30)
	Batch    int     // prompts per round (default 16)
	Epochs   int     // optimisation passes over each round's samples (default 2)
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
	LR          float64 // default 3e-4
	Temperature float64 // sampling temperature (default 1)
	// Rater, if set, also scores every sample by the rules, to compare the
	// reward model's view with the "human" one.
	Rater    *Rater
	Seed     uint64
	Progress *plots.Progress
}

func (c PPOConfig) withDefaults() PPOConfig {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	if c.Iters <= 0 {
		c.Iters = 30
	}
	if c.Batch <= 0 {
		c.Batch = 16
	}
	if c.Epochs <= 0 {
		c.Epochs = 2
	}
	def(&c.Eps, 0.2)
	def(&c.Beta, 0.05)
	def(&c.Gamma, 1)
	def(&c.Lambda, 0.95)
	def(&c.VF, 0.5)
	def(&c.LR, 3e-4)
	def(&c.Temperature, 1)
	return c
}

// PPO is RLHF's step 3: a policy (initialised from the SFT model) with a
// value head reading its hidden states (its loss trains the head alone),
// the frozen SFT model as reference and the reward model as the
// environment's reward.
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

type episode struct {
	prompt, resp      []int
	logp, adv, ret    []float64
	score, kl, rscore float64
}

// Train runs PPO on the examples' prompts. Each round samples a response
// per prompt, scores it with the reward model, shapes per-token rewards
// with the KL penalty against the reference, computes GAE advantages from
// the value head, and takes Epochs steps on the clipped objective plus the
// value loss. It logs the mean reward, the mean KL per response, the
// entropy of the policy on its tokens and the clip fraction.
func (p *PPO) Train(ctx context.Context, prompts []Example, cfg PPOConfig) (*TrainLog, error) {
	cfg = cfg.withDefaults()
	if len(prompts) == 0 {
		return nil, fmt.Errorf("llm: PPO: no prompts")
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x990))
	params := append(p.Policy.Params(), nn.Collect("value", p.Value)...)
	opt := nn.NewAdamW(params, nn.AdamConfig{LR: cfg.LR, WeightDecay: -1})
	title := fmt.Sprintf("PPO (β = %g, ε = %g)", cfg.Beta, cfg.Eps)
	if cfg.KLTarget > 0 {
		title = fmt.Sprintf("PPO (β from %g adapted to KL %g, ε = %g)", cfg.Beta, cfg.KLTarget, cfg.Eps)
	}
	log := newTrainLog(title, "PPO round")
	start := time.Now()
	defer func() { log.Elapsed = time.Since(start) }()
	for it := range cfg.Iters {
		if err := ctx.Err(); err != nil {
			return log, err
		}
		// 1. roll out
		eps := make([]episode, cfg.Batch)
		var rater float64
		for i := range eps {
			ex := prompts[rng.IntN(len(prompts))]
			pr := cfg.Template.Format(ex, nil)
			ids := p.Policy.Encode(pr.Prompt)
			s := p.Policy.Sample(ids, SampleConfig{MaxTokens: maxResponseTokens(cfg.Template), Temperature: cfg.Temperature}, rng)
			if len(s.IDs) == 0 {
				return log, fmt.Errorf("llm: PPO: empty sample")
			}
			score, err := p.Reward.Score(pr.Prompt, s.Text)
			if err != nil {
				return log, err
			}
			// the log-probs Sample recorded are π_old at temperature 1
			ids = s.Prompt
			refLp, err := p.Ref.LogProbs(ids, s.IDs)
			if err != nil {
				return log, err
			}
			eps[i] = episode{prompt: ids, resp: s.IDs, logp: s.Logp, score: score}
			for _, k := range KL(s.Logp, refLp) {
				eps[i].kl += k
			}
			rewards := ShapedRewards(score, s.Logp, refLp, cfg.Beta)
			values, err := p.values(ids, s.IDs)
			if err != nil {
				return log, err
			}
			eps[i].adv, eps[i].ret = GAE(rewards, values, 0, cfg.Gamma, cfg.Lambda)
			if cfg.Rater != nil {
				rater += cfg.Rater.Score(ex, s.Text)
			}
		}
		// 2. whiten the advantages over the batch
		var prs, rss [][]int
		var old, adv, ret []float64
		for _, e := range eps {
			prs, rss = append(prs, e.prompt), append(rss, e.resp)
			old, adv, ret = append(old, e.logp...), append(adv, e.adv...), append(ret, e.ret...)
		}
		adv = Whiten(adv)
		// 3. optimise
		var clip, ent, vloss float64
		for range cfg.Epochs {
			pk, err := p.Policy.pack(prs, rss)
			if err != nil {
				return log, err
			}
			h := p.Policy.Hidden(pk.x, pk.B, pk.T)
			lp, logits := p.Policy.tokenLogp(pk, h)
			vl := p.valueLoss(h, pk, ret)
			loss := ag.Add(PPOLoss(lp, old, adv, cfg.Eps), ag.Scale(vl, float32(cfg.VF)))
			st := PPOClip(floats(lp), old, adv, cfg.Eps)
			clip, vloss = st.ClipFrac, float64(vl.Data[0])
			ent = meanEntropy(logits, pk.rows)
			opt.ZeroGrad()
			loss.Backward()
			ag.ClipGradNorm(params.Tensors(), 1)
			opt.Step()
			loss.Release()
		}
		var score, kl float64
		for _, e := range eps {
			score += e.score
			kl += e.kl
		}
		n := float64(len(eps))
		log.at(it + 1)
		log.add("beta", cfg.Beta)
		if cfg.KLTarget > 0 {
			cfg.Beta *= 1 + max(-0.2, min(0.2, kl/n/cfg.KLTarget-1))
		}
		log.add("reward", score/n)
		log.add("KL", kl/n)
		log.add("entropy", ent)
		log.add("clip fraction", clip)
		log.add("value loss", vloss)
		if cfg.Rater != nil {
			log.add("rater score", rater/n)
		}
		if cfg.Progress != nil {
			cfg.Progress.Report(it+1, cfg.Iters, map[string]float64{"reward": score / n, "KL": kl / n})
		}
	}
	if cfg.Progress != nil {
		cfg.Progress.Done()
	}
	return log, nil
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
		lp := logSoftmax(logits.Data[r*V : (r+1)*V])
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
