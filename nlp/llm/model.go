package llm

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/instruct"
	"github.com/lingo-nlp/lingo/nlp/lm"
	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/nlp/text"
)

// A Model is the language model every stage trains: a decoder-only
// Transformer (package lm) over a byte-level BPE (package text). Pretrain
// makes one, SFT, DPO and PPO fine-tune it in place, Clone copies it (the
// frozen reference of RLHF).
type Model struct {
	LM  *lm.Transformer
	BPE *text.BPE
}

// NewModel returns an untrained Transformer over the tokenizer bpe.
func NewModel(bpe *text.BPE, cfg lm.TransformerConfig) (*Model, error) {
	if bpe == nil {
		return nil, fmt.Errorf("llm: NewModel: nil tokenizer")
	}
	t, err := lm.NewTransformer(lm.NewBPEVocab(bpe), cfg)
	if err != nil {
		return nil, fmt.Errorf("llm: %w", err)
	}
	return &Model{LM: t, BPE: bpe}, nil
}

// Encode tokenizes s with the model's BPE.
func (m *Model) Encode(s string) []int { return m.BPE.Encode(s) }

// Decode turns ids back into text (invalid ids are dropped).
func (m *Model) Decode(ids []int) string {
	s, err := m.BPE.Decode(ids)
	if err != nil {
		var b strings.Builder
		for _, id := range ids {
			if id >= 0 && id < m.BPE.Len() {
				b.WriteString(m.BPE.Token(id))
			}
		}
		return b.String()
	}
	return s
}

// Block is the longest sequence the model reads.
func (m *Model) Block() int { return m.LM.Cfg.Block }

// Params are the Transformer's parameters.
func (m *Model) Params() nn.Params { return m.LM.Params() }

// Clone returns an independent copy of m with the same weights (the
// tokenizer is shared: it is immutable).
func (m *Model) Clone() (*Model, error) {
	c, err := NewModel(m.BPE, m.LM.Cfg)
	if err != nil {
		return nil, err
	}
	if err := CopyParams(c.Params(), m.Params()); err != nil {
		return nil, err
	}
	return c, nil
}

// Hidden runs the Transformer without its output head on B sequences of T
// ids (flat, T ≤ Block) and returns the final hidden states LN(x_L),
// (B, T, C): the logits are Hidden·U (LM.Head), a reward or value head
// reads the same states.
func (m *Model) Hidden(ids []int, B, T int) *nn.Tensor {
	pos := make([]int, T)
	for t := range pos {
		pos[t] = t
	}
	h := ag.Add(m.LM.WTE.Forward(ids, B, T), m.LM.WPE.Forward(pos, T)) // (B, T, C)
	for _, b := range m.LM.Blocks {
		h = b.Forward(h)
	}
	return m.LM.LN.Forward(h) // (B, T, C)
}

// fit keeps the last Block tokens of prompt+response, cutting the prompt
// (never the response) when it is too long. It returns the sequence and
// where the response starts in it.
func (m *Model) fit(prompt, response []int) ([]int, int, error) {
	if len(response) == 0 {
		return nil, 0, fmt.Errorf("llm: empty response")
	}
	if len(response) >= m.Block() {
		return nil, 0, fmt.Errorf("llm: response of %d tokens does not fit the model's block of %d", len(response), m.Block())
	}
	if len(prompt) == 0 {
		return nil, 0, fmt.Errorf("llm: empty prompt")
	}
	if over := len(prompt) + len(response) - m.Block(); over > 0 {
		prompt = prompt[over:]
	}
	seq := append(append([]int(nil), prompt...), response...)
	return seq, len(prompt), nil
}

// LogProbs returns log π(y_t | x, y_<t) for every response token: m is a
// LogProber (the policy, or the frozen reference).
func (m *Model) LogProbs(prompt, response []int) ([]float64, error) {
	seq, start, err := m.fit(prompt, response)
	if err != nil {
		return nil, err
	}
	var out []float64
	ag.NoGrad(func() {
		T := len(seq) - 1
		var logits *nn.Tensor
		if logits, err = m.LM.Forward(seq[:T], 1, T); err != nil { // (1, T, V)
			return
		}
		V := logits.Dim(2)
		// position t predicts seq[t+1]; the response starts at seq[start]
		out = TokenLogProbs(logits.Data[(start-1)*V:], V, seq[start:])
		logits.Release()
	})
	return out, err
}

// SampleConfig controls Model.Sample. Negative, NaN and infinite values
// are errors (see Validate).
type SampleConfig struct {
	MaxTokens   int     // response tokens at most; default 24
	Temperature float64 // a finite number ≥ 0 dividing the logits; 0 means 1
	// Greedy always takes the most probable token (the limit of a
	// temperature going to 0) and needs no random source; it excludes
	// Temperature.
	Greedy bool
	Stop   string // generation ends once the response contains Stop; default End ("\n")
}

// Validate checks the settings: MaxTokens ≥ 0, a finite Temperature ≥ 0,
// and no Temperature with Greedy.
func (c SampleConfig) Validate() error {
	switch {
	case c.MaxTokens < 0:
		return fmt.Errorf("llm: SampleConfig.MaxTokens must be ≥ 0 (0: the default), got %d", c.MaxTokens)
	case math.IsNaN(c.Temperature) || math.IsInf(c.Temperature, 0) || c.Temperature < 0:
		return fmt.Errorf("llm: SampleConfig.Temperature must be a finite number ≥ 0 (0: 1; Greedy for the most probable token), got %g", c.Temperature)
	case c.Greedy && c.Temperature != 0:
		return fmt.Errorf("llm: SampleConfig.Greedy with Temperature %g: choose one", c.Temperature)
	}
	return nil
}

// A Sample is a generated response with the log-probability the model
// gave each of its tokens (at temperature 1, whatever the sampling
// temperature: what PPO's ratio needs).
type Sample struct {
	// Prompt is the prompt the model read: the one given, without its
	// start if it was too long to leave room for MaxTokens.
	Prompt []int
	IDs    []int
	Logp   []float64
	Text   string
}

// Sample generates a response to prompt token by token, stopping after
// Stop or MaxTokens tokens, drawing from rng (which may be nil with
// Greedy). Each step reruns the model on the whole sequence (no key/value
// cache: prompts here are short). It returns an error if cfg is invalid
// or a sampling cfg has no rng.
func (m *Model) Sample(prompt []int, cfg SampleConfig, rng *rand.Rand) (Sample, error) {
	s, err := m.SampleN(prompt, 1, cfg, rng)
	if err != nil {
		return Sample{}, err
	}
	return s[0], nil
}

// Generator returns m as a Generator for chat: it answers with Sample
// under cfg, whose MaxTokens default here is 40 and whose Stop default is
// the chat template's End marker; seed seeds the sampling.
func (m *Model) Generator(t instruct.ChatTemplate, cfg SampleConfig, seed uint64) instruct.Generator {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	if cfg.MaxTokens == 0 {
		cfg.MaxTokens = 40
	}
	if cfg.Stop == "" {
		cfg.Stop = t.End
	}
	return func(ctx context.Context, prompt string) (string, error) {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		s, err := m.Sample(m.Encode(prompt), cfg, rng)
		return s.Text, err
	}
}

// pick draws an id from log-probabilities logp at the temperature of cfg,
// or takes the most probable with Greedy.
func pick(logp []float64, cfg SampleConfig, rng *rand.Rand) int {
	best := 0
	for i, v := range logp {
		if v > logp[best] {
			best = i
		}
	}
	if cfg.Greedy {
		return best
	}
	temp := cfg.Temperature
	if temp == 0 {
		temp = 1
	}
	var z float64
	w := make([]float64, len(logp))
	for i, v := range logp {
		w[i] = math.Exp((v - logp[best]) / temp)
		z += w[i]
	}
	u := rng.Float64() * z
	for i, v := range w {
		u -= v
		if u <= 0 && v > 0 {
			return i
		}
	}
	return best
}
