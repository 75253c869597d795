package llm

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/lm"
	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/plots"
)

// SFTConfig controls supervised fine-tuning. Zero fields take the default
// noted.
type SFTConfig struct {
	Template Template // how examples become prompts (default zero-shot)
	// Chat also trains on every example written as a one-turn chat
	// (ChatPair), so that the model answers in DefaultChat's format.
	Chat  bool
	Steps int     // optimizer steps (default 400)
	Batch int     // sequences per step (default 16)
	LR    float64 // AdamW learning rate (default 1e-3)
	Seed  uint64
	// Progress, if set, shows a live bar with the loss.
	Progress *plots.Progress
}

func (c SFTConfig) withDefaults() SFTConfig {
	if c.Steps <= 0 {
		c.Steps = 400
	}
	if c.Batch <= 0 {
		c.Batch = 16
	}
	if c.LR <= 0 {
		c.LR = 1e-3
	}
	return c
}

// ChatPair writes an example as a one-turn conversation of DefaultChat:
// the user gives the instruction and the input, the assistant answers.
func ChatPair(ex Example) Pair {
	p, _ := DefaultChat.Prompt([]Message{{Role: "user", Content: ex.Instruction + " " + ex.Input}})
	return Pair{Prompt: p, Response: ex.Answer + DefaultChat.End, Example: ex}
}

// SFTPairs formats the training examples with the template (exemplars
// drawn from the same list) and, with chat, adds their ChatPairs.
func SFTPairs(train []Example, t Template, chat bool) []Pair {
	var out []Pair
	for _, ex := range train {
		out = append(out, t.Format(ex, train))
		if chat {
			out = append(out, ChatPair(ex))
		}
	}
	return out
}

// SFT fine-tunes m on the instruction examples with the loss on the
// response tokens only (Pair.Encode's mask through NextTokenTargets):
//
//	L = −(1/|R|) Σ_{t ∈ R} log π(y_t | x, y_<t),   R the response positions
//
// It returns the loss curve. Cancelling ctx stops after the current step
// and keeps the partly tuned model.
func SFT(ctx context.Context, m *Model, train []Example, cfg SFTConfig) (*lm.History, error) {
	cfg = cfg.withDefaults()
	if len(train) == 0 {
		return nil, fmt.Errorf("llm: SFT: no training examples")
	}
	type seq struct {
		in, tgt []int
	}
	var data []seq
	for _, p := range SFTPairs(train, cfg.Template, cfg.Chat) {
		ids, mask := p.Encode(m.BPE)
		if over := len(ids) - (m.Block() + 1); over > 0 { // cut the prompt's start
			ids, mask = ids[over:], mask[over:]
		}
		in, tgt := NextTokenTargets(ids, mask)
		data = append(data, seq{in, tgt})
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5f7))
	opt := nn.NewAdamW(m.Params(), nn.AdamConfig{LR: cfg.LR})
	h := &lm.History{Model: m.LM.Name() + " SFT", Best: math.NaN()}
	start := time.Now()
	for step := range cfg.Steps {
		if err := ctx.Err(); err != nil {
			h.Elapsed = time.Since(start)
			return h, err
		}
		batch := make([]seq, cfg.Batch)
		T := 0
		for i := range batch {
			batch[i] = data[rng.IntN(len(data))]
			T = max(T, len(batch[i].in))
		}
		x, y := make([]int, cfg.Batch*T), make([]int, cfg.Batch*T)
		for i, s := range batch { // right padding: causal attention never reads it
			copy(x[i*T:], s.in)
			for t := range T {
				y[i*T+t] = -1
				if t < len(s.tgt) {
					y[i*T+t] = s.tgt[t]
				}
			}
		}
		loss := ag.CrossEntropy(m.LM.Forward(x, cfg.Batch, T), y)
		opt.ZeroGrad()
		loss.Backward()
		ag.ClipGradNorm(m.Params().Tensors(), 1)
		opt.Step()
		h.Steps = append(h.Steps, step+1)
		h.Loss = append(h.Loss, float64(loss.Data[0]))
		loss.Release()
		if cfg.Progress != nil {
			cfg.Progress.Report(step+1, cfg.Steps, map[string]float64{"loss": h.Loss[len(h.Loss)-1]})
		}
	}
	if cfg.Progress != nil {
		cfg.Progress.Done()
	}
	h.Elapsed = time.Since(start)
	return h, nil
}
