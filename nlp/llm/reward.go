package llm

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/plots"
)

// PreferenceConfig controls MakePreferences. Zero fields take the default
// noted.
type PreferenceConfig struct {
	Template    Template // how prompts are written (default zero-shot)
	Samples     int      // responses sampled per prompt (default 4)
	Temperature float64  // sampling temperature (default 1)
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
func MakePreferences(ctx context.Context, m *Model, r *Rater, examples []Example, cfg PreferenceConfig) ([]Preference, error) {
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
		for _, s := range m.SampleN(ids, cfg.Samples, SampleConfig{MaxTokens: maxResponseTokens(cfg.Template), Temperature: cfg.Temperature}, rng) {
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

// RewardConfig controls RewardModel.Train. Zero fields take the default
// noted.
type RewardConfig struct {
	Steps int     // default 300
	Batch int     // pairs per step (default 16)
	LR    float64 // default 5e-4
	// HeadOnly trains the scalar head alone on the SFT model's frozen
	// hidden states (a linear probe): fewer parameters to overfit a few
	// hundred pairs with.
	HeadOnly bool
	// Validation, when not empty, are pairs from prompts held aside from
	// training: every EvalEvery steps (default 50) the reward model's
	// accuracy on them is logged ("validation accuracy") and, at the
	// end, the weights of the best evaluation are restored (early
	// stopping).
	Validation []Preference
	EvalEvery  int
	Seed       uint64
	Progress   *plots.Progress
}

// Train fits the reward model to the pairs with the Bradley–Terry loss
// and logs the loss and the batch accuracy.
func (r *RewardModel) Train(ctx context.Context, pairs []Preference, cfg RewardConfig) (*TrainLog, error) {
	cfg = cfg.withDefaults()
	log, err := r.train(ctx, pairs, cfg, 0, cfg.Steps)
	if err == nil && cfg.Progress != nil {
		cfg.Progress.Done()
	}
	return log, err
}

func (cfg RewardConfig) withDefaults() RewardConfig {
	if cfg.Steps <= 0 {
		cfg.Steps = 300
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 16
	}
	if cfg.LR <= 0 {
		cfg.LR = 5e-4
	}
	if cfg.EvalEvery <= 0 {
		cfg.EvalEvery = 50
	}
	return cfg
}

// train runs cfg.Steps steps (cfg has its defaults), reporting progress
// as done0+step of total.
func (r *RewardModel) train(ctx context.Context, pairs []Preference, cfg RewardConfig, done0, total int) (*TrainLog, error) {
	if len(pairs) == 0 {
		return nil, fmt.Errorf("llm: reward model: no preference pairs")
	}
	enc := encodePairs(r.Body, pairs)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x4e1))
	params := r.Params()
	if cfg.HeadOnly {
		params = nn.Collect("reward", r.Head)
	}
	opt := nn.NewAdamW(params, nn.AdamConfig{LR: cfg.LR})
	log := newTrainLog("reward model (Bradley–Terry)", "step")
	start := time.Now()
	defer func() { log.Elapsed = time.Since(start) }()
	var best []float32 // the weights of the best validation accuracy
	bestAcc := -1.0
	validate := func() error {
		if len(cfg.Validation) == 0 {
			return nil
		}
		acc, err := r.Accuracy(cfg.Validation)
		if err != nil {
			return err
		}
		log.add("validation accuracy", acc)
		if acc > bestAcc {
			bestAcc = acc
			best = best[:0]
			for _, p := range params {
				best = append(best, p.T.Data...)
			}
		}
		return nil
	}
	for step := range cfg.Steps {
		if err := ctx.Err(); err != nil {
			return log, err
		}
		var prompts, resps [][]int
		idx := make([]int, cfg.Batch)
		for i := range idx {
			idx[i] = rng.IntN(len(enc))
			prompts = append(prompts, enc[idx[i]].prompt)
			resps = append(resps, enc[idx[i]].chosen)
		}
		for _, i := range idx {
			prompts = append(prompts, enc[i].prompt)
			resps = append(resps, enc[i].rejected)
		}
		rw, err := r.forward(prompts, resps) // (2B, 1): chosen, then rejected
		if err != nil {
			return log, err
		}
		parts := ag.Split(rw, 0, cfg.Batch, cfg.Batch)
		loss := BradleyTerryLoss(parts[0], parts[1])
		opt.ZeroGrad()
		loss.Backward()
		ag.ClipGradNorm(params.Tensors(), 1)
		opt.Step()
		acc := 0.0
		for i := range cfg.Batch {
			if rw.Data[i] > rw.Data[cfg.Batch+i] {
				acc++
			}
		}
		log.at(step + 1)
		log.add("loss", float64(loss.Data[0]))
		log.add("accuracy", acc/float64(cfg.Batch))
		loss.Release()
		if (step+1)%cfg.EvalEvery == 0 || step+1 == cfg.Steps {
			if err := validate(); err != nil {
				return log, err
			}
		}
		if cfg.Progress != nil {
			cfg.Progress.Report(done0+step+1, total, map[string]float64{"loss": log.Last("loss")})
		}
	}
	if best != nil { // restore the best evaluation's weights
		off := 0
		for _, p := range params {
			off += copy(p.T.Data, best[off:])
		}
	}
	return log, nil
}

type encodedPair struct{ prompt, chosen, rejected []int }

func encodePairs(m *Model, pairs []Preference) []encodedPair {
	out := make([]encodedPair, len(pairs))
	for i, p := range pairs {
		out[i] = encodedPair{m.Encode(p.Prompt), m.Encode(p.Chosen), m.Encode(p.Rejected)}
	}
	return out
}
