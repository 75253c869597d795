package llm

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/instruct"
	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/nlp/training"
)

// PreferenceConfig controls MakePreferences. Zero fields take the default
// noted.
type PreferenceConfig struct {
	Template    instruct.Template // how prompts are written (default zero-shot)
	Samples     int               // responses sampled per prompt (default 4)
	Temperature float64           // sampling temperature (default 1)
	// Reference adds the example's reference response to the candidates,
	// as InstructGPT's labellers also wrote demonstrations.
	Reference bool
	PerPrompt int // pairs kept per prompt at most (default 3)
	// MinMargin drops near-ties: pairs whose scores differ by less than
	// MinMargin carry too weak a preference to keep, as labellers'
	// "about the same" answers are dropped (0 keeps every pair whose
	// scores differ).
	MinMargin float64
	Seed      uint64
}

// MakePreferences samples responses of m to every example's prompt, lets
// the rater compare every two of them and keeps up to PerPrompt pairs
// whose scores differ (by at least MinMargin): the comparison data of
// InstructGPT's step 2, with the rater in place of the labellers.
func MakePreferences(ctx context.Context, m *Model, r *Rater, examples []instruct.Example, cfg PreferenceConfig) ([]Preference, error) {
	if cfg.Samples < 0 || cfg.Samples > 1024 || cfg.PerPrompt < 0 {
		return nil, fmt.Errorf("llm: PreferenceConfig.Samples must be in 0…1024 and PerPrompt ≥ 0 (0: the default), got %d and %d", cfg.Samples, cfg.PerPrompt)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"Temperature", cfg.Temperature}, {"MinMargin", cfg.MinMargin}} {
		if err := training.CheckFloatIn("llm", "PreferenceConfig."+f.name, f.v); err != nil {
			return nil, err
		}
	}
	if cfg.Samples <= 0 {
		cfg.Samples = 4
	}
	if cfg.Temperature == 0 {
		cfg.Temperature = 1
	}
	if cfg.PerPrompt <= 0 {
		cfg.PerPrompt = 3
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x9ef))
	var out []Preference
	for _, ex := range examples {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		p := cfg.Template.Format(ex, nil)
		ids := m.Encode(p.Prompt)
		seen := map[string]bool{}
		var cands []string
		if cfg.Reference {
			cands = append(cands, p.Response)
			seen[p.Response] = true
		}
		samples, err := m.SampleN(ids, cfg.Samples, SampleConfig{MaxTokens: maxResponseTokens(cfg.Template), Temperature: cfg.Temperature}, rng)
		if err != nil {
			return nil, err
		}
		for _, s := range samples {
			if s.Text != "" && !seen[s.Text] {
				seen[s.Text] = true
				cands = append(cands, s.Text)
			}
		}
		var pairs []Preference
		for i := range cands {
			for j := i + 1; j < len(cands); j++ {
				if pr, ok := r.Prefer(ex, p.Prompt, cands[i], cands[j]); ok && pr.ScoreChosen-pr.ScoreRejected >= cfg.MinMargin {
					pairs = append(pairs, pr)
				}
			}
		}
		rng.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
		out = append(out, pairs[:min(len(pairs), cfg.PerPrompt)]...)
	}
	return out, nil
}

// A Rewarder gives a response to a prompt a scalar reward: a
// RewardModel, or a RewardEnsemble of them. PPO optimises against one
// and EvaluatePolicy averages it.
type Rewarder interface {
	Score(prompt, response string) (float64, error)
}

// A RewardModel is the SFT model with its language-model head replaced
// by a scalar head reading the hidden state of the last token,
//
//	r(x, y) = w · h_L(x y)_last + b,
//
// or, with MeanPool, its mean over the response's tokens,
//
//	r(x, y) = (1/|y|) Σ_{t ∈ y} (w · h_L(x y)_t + b),
//
// trained on preference pairs with the Bradley–Terry loss
// −log σ(r(x, y⁺) − r(x, y⁻)) (InstructGPT step 2). Lesson 09 pools: in
// its full-scale run the held-out pair accuracy was higher with the mean
// (the head sees the answer's own tokens, not only the newline after
// them).
type RewardModel struct {
	Body *Model
	Head *nn.Linear // C → 1
	// MeanPool averages the head's output over the response tokens
	// instead of reading the last token alone.
	MeanPool bool
	// HeadOnly trains the scalar head alone on the SFT model's frozen
	// hidden states (a linear probe): fewer parameters to overfit a few
	// hundred pairs with.
	HeadOnly bool
}

// NewRewardModel copies sft (its weights are the starting point, its LM
// head is left unused) and adds a scalar head.
func NewRewardModel(sft *Model, seed uint64) (*RewardModel, error) {
	body, err := sft.Clone()
	if err != nil {
		return nil, err
	}
	return &RewardModel{Body: body, Head: nn.NewLinear(nn.NewRand(seed), body.LM.Cfg.Dim, 1, true)}, nil
}

// Params are the body's parameters and "reward.*".
func (r *RewardModel) Params() nn.Params {
	return append(r.Body.Params(), nn.Collect("reward", r.Head)...)
}

// forward scores every (prompt, response), (B, 1).
func (r *RewardModel) forward(prompts, responses [][]int) (*nn.Tensor, error) {
	p, err := r.Body.pack(prompts, responses)
	if err != nil {
		return nil, err
	}
	h := r.Body.Hidden(p.x, p.B, p.T)                // (B, T, C)
	all := ag.Reshape(r.Head.Forward(h), p.B*p.T, 1) // (B·T, 1)
	if r.MeanPool {
		// S (B, B·T) holds 1/len at the response positions of each sequence
		S := make([]float32, p.B*p.B*p.T)
		for b, last := range p.last {
			for k := range p.lens[b] {
				S[b*p.B*p.T+last-k] = 1 / float32(p.lens[b])
			}
		}
		return ag.MatMul(ag.FromSlice(S, p.B, p.B*p.T), all), nil // (B, 1)
	}
	return ag.Embedding(all, p.last), nil // (B, 1)
}

// Score is the reward of response after prompt.
func (r *RewardModel) Score(prompt, response string) (float64, error) {
	var s float64
	var err error
	ag.NoGrad(func() {
		var t *nn.Tensor
		t, err = r.forward([][]int{r.Body.Encode(prompt)}, [][]int{r.Body.Encode(response)})
		if err == nil {
			s = float64(t.Data[0])
			t.Release()
		}
	})
	return s, err
}

// Accuracy is the fraction of pairs whose chosen response gets the
// larger reward.
func (r *RewardModel) Accuracy(pairs []Preference) (float64, error) { return accuracy(r, pairs) }

// AccuracyByTask is Accuracy per task family, families in the order they
// first appear in pairs.
func (r *RewardModel) AccuracyByTask(pairs []Preference) ([]TaskAccuracy, error) {
	return accuracyByTask(r, pairs)
}

// A TaskAccuracy is the reward model's pair accuracy on one task family.
type TaskAccuracy struct {
	Task     string
	N, Right int // pairs, and pairs whose chosen response got the larger reward
}

// Rate is Right/N (0 for no pairs).
func (a TaskAccuracy) Rate() float64 {
	if a.N == 0 {
		return 0
	}
	return float64(a.Right) / float64(a.N)
}

// TotalAccuracy adds up per-family accuracies (AccuracyByTask) into the
// accuracy over all pairs, so that a table of both scores the pairs once.
func TotalAccuracy(by []TaskAccuracy) TaskAccuracy {
	all := TaskAccuracy{Task: "all"}
	for _, a := range by {
		all.N += a.N
		all.Right += a.Right
	}
	return all
}

func accuracy(r Rewarder, pairs []Preference) (float64, error) {
	by, err := accuracyByTask(r, pairs)
	if err != nil {
		return 0, err
	}
	return TotalAccuracy(by).Rate(), nil
}

func accuracyByTask(r Rewarder, pairs []Preference) ([]TaskAccuracy, error) {
	var out []TaskAccuracy
	at := map[string]int{}
	for _, p := range pairs {
		i, ok := at[p.Example.Task]
		if !ok {
			i = len(out)
			at[p.Example.Task] = i
			out = append(out, TaskAccuracy{Task: p.Example.Task})
		}
		a, err := r.Score(p.Prompt, p.Chosen)
		if err != nil {
			return nil, err
		}
		b, err := r.Score(p.Prompt, p.Rejected)
		if err != nil {
			return nil, err
		}
		out[i].N++
		if a > b {
			out[i].Right++
		}
	}
	return out, nil
}

// RewardTask fits a reward model to preference pairs with the
// Bradley–Terry loss, with training.Run (InstructGPT step 2). Every step
// scores Batch random pairs, records "accuracy", the fraction of them
// whose chosen response got the larger reward, and every evaluation
// scores Val ("val accuracy", which ranks evaluations: set KeepBest to
// keep the weights of the best one, early stopping on held-out pairs).
// Its defaults for the zero fields of training.Config: 300 steps of 16
// pairs, AdamW at 5e-4, an evaluation every 50 steps.
type RewardTask struct {
	Model *RewardModel
	Pairs []Preference
	// Val are pairs from prompts held aside from training (optional).
	Val []Preference

	enc   []encodedPair
	rng   *rand.Rand
	batch int
	h     *training.History
}

var (
	_ training.Defaulter = (*RewardTask)(nil)
	_ training.Starter   = (*RewardTask)(nil)
	_ training.Evaluator = (*RewardTask)(nil)
)

// Defaults are 300 steps of 16 pairs at 5e-4, evaluated every 50.
func (t *RewardTask) Defaults() training.Config {
	return training.Config{Steps: 300, Batch: 16, LR: 5e-4, EvalEvery: 50}
}

// Params are the reward model's parameters (its head's alone with
// HeadOnly).
func (t *RewardTask) Params() nn.Params {
	if t.Model.HeadOnly {
		return nn.Collect("reward", t.Model.Head)
	}
	return t.Model.Params()
}

// Start encodes the pairs.
func (t *RewardTask) Start(cfg training.Config, h *training.History) error {
	if t.Model == nil {
		return fmt.Errorf("llm: RewardTask without a Model")
	}
	if len(t.Pairs) == 0 {
		return fmt.Errorf("llm: reward model: no preference pairs")
	}
	t.enc = encodePairs(t.Model.Body, t.Pairs)
	t.rng = rand.New(rand.NewPCG(cfg.Seed, 0x4e1))
	t.batch, t.h = cfg.Batch, h
	h.Title = "reward model (Bradley–Terry)"
	return nil
}

// Loss is the Bradley–Terry loss of Batch random pairs.
func (t *RewardTask) Loss(int) (*nn.Tensor, error) {
	var prompts, resps [][]int
	idx := make([]int, t.batch)
	for i := range idx {
		idx[i] = t.rng.IntN(len(t.enc))
		prompts = append(prompts, t.enc[idx[i]].prompt)
		resps = append(resps, t.enc[idx[i]].chosen)
	}
	for _, i := range idx {
		prompts = append(prompts, t.enc[i].prompt)
		resps = append(resps, t.enc[i].rejected)
	}
	rw, err := t.Model.forward(prompts, resps) // (2B, 1): chosen, then rejected
	if err != nil {
		return nil, err
	}
	parts := ag.Split(rw, 0, t.batch, t.batch)
	acc := 0.0
	for i := range t.batch {
		if rw.Data[i] > rw.Data[t.batch+i] {
			acc++
		}
	}
	t.h.Add("accuracy", acc/float64(t.batch))
	return BradleyTerryLoss(parts[0], parts[1]), nil
}

// Evaluate is the accuracy on the validation pairs.
func (t *RewardTask) Evaluate(context.Context) (training.Evaluation, error) {
	if len(t.Val) == 0 {
		return training.Evaluation{Loss: math.NaN()}, nil
	}
	acc, err := t.Model.Accuracy(t.Val)
	if err != nil {
		return training.Evaluation{}, err
	}
	return training.Evaluation{Loss: math.NaN(), Metrics: []training.Metric{{Name: "val accuracy", Value: acc}}, Select: "val accuracy"}, nil
}

type encodedPair struct{ prompt, chosen, rejected []int }

func encodePairs(m *Model, pairs []Preference) []encodedPair {
	out := make([]encodedPair, len(pairs))
	for i, p := range pairs {
		out[i] = encodedPair{m.Encode(p.Prompt), m.Encode(p.Chosen), m.Encode(p.Rejected)}
	}
	return out
}
