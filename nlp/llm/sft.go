package llm

import (
	"fmt"
	"math/rand/v2"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/instruct"
	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/nlp/training"
)

// ChatPair writes an example as a one-turn conversation of DefaultChat:
// the user gives the instruction and the input, the assistant answers.
func ChatPair(ex instruct.Example) instruct.Pair {
	p, _ := instruct.DefaultChat.Prompt([]instruct.Message{{Role: "user", Content: ex.Instruction + " " + ex.Input}})
	return instruct.Pair{Prompt: p, Response: ex.Answer + instruct.DefaultChat.End, Example: ex}
}

// SFTPairs formats the training examples with the template (exemplars
// drawn from the same list) and, with chat, adds their ChatPairs.
func SFTPairs(train []instruct.Example, t instruct.Template, chat bool) []instruct.Pair {
	var out []instruct.Pair
	for _, ex := range train {
		out = append(out, t.Format(ex, train))
		if chat {
			out = append(out, ChatPair(ex))
		}
	}
	return out
}

// SFTTask fine-tunes a model on instruction examples (supervised
// fine-tuning) with training.Run, with the loss on the response tokens
// only (Pair.Encode's mask through NextTokenTargets):
//
//	L = −(1/|R|) Σ_{t ∈ R} log π(y_t | x, y_<t),   R the response positions
//
// Every step draws Batch examples at random. Its defaults for the zero
// fields of training.Config: 400 steps of 16 examples, AdamW at 1e-3.
type SFTTask struct {
	Model    *Model
	Examples []instruct.Example
	Template instruct.Template // how examples become prompts (default zero-shot)
	// Chat also trains on every example written as a one-turn chat
	// (ChatPair), so that the model answers in DefaultChat's format.
	Chat bool
	// Pairs are trained on as they are, besides the Examples' pairs
	// (multi-turn conversations from instruct.ChatTemplate.Conversations,
	// say).
	Pairs []instruct.Pair

	data  []sftSeq
	rng   *rand.Rand
	batch int
}

type sftSeq struct{ in, tgt []int }

var (
	_ training.Defaulter = (*SFTTask)(nil)
	_ training.Starter   = (*SFTTask)(nil)
)

// Defaults are 400 steps of 16 examples at 1e-3.
func (t *SFTTask) Defaults() training.Config {
	return training.Config{Steps: 400, Batch: 16, LR: 1e-3}
}

// Params are the model's parameters.
func (t *SFTTask) Params() nn.Params { return t.Model.Params() }

// Start encodes the examples.
func (t *SFTTask) Start(cfg training.Config, h *training.History) error {
	if t.Model == nil {
		return fmt.Errorf("llm: SFTTask without a Model")
	}
	if len(t.Examples) == 0 && len(t.Pairs) == 0 {
		return fmt.Errorf("llm: SFT: no training examples")
	}
	t.data = t.data[:0]
	for _, p := range append(SFTPairs(t.Examples, t.Template, t.Chat), t.Pairs...) {
		ids, mask := p.Encode(t.Model.BPE)
		if over := len(ids) - (t.Model.Block() + 1); over > 0 { // cut the prompt's start
			ids, mask = ids[over:], mask[over:]
		}
		in, tgt := instruct.NextTokenTargets(ids, mask)
		t.data = append(t.data, sftSeq{in, tgt})
	}
	t.rng = rand.New(rand.NewPCG(cfg.Seed, 0x5f7))
	t.batch = cfg.Batch
	h.Title = t.Model.LM.Name() + " SFT"
	return nil
}

// Loss is the mean cross-entropy of the response tokens of Batch examples.
func (t *SFTTask) Loss(int) (*nn.Tensor, error) {
	batch := make([]sftSeq, t.batch)
	T := 0
	for i := range batch {
		batch[i] = t.data[t.rng.IntN(len(t.data))]
		T = max(T, len(batch[i].in))
	}
	x, y := make([]int, t.batch*T), make([]int, t.batch*T)
	for i, s := range batch { // right padding: causal attention never reads it
		copy(x[i*T:], s.in)
		for j := range T {
			y[i*T+j] = -1
			if j < len(s.tgt) {
				y[i*T+j] = s.tgt[j]
			}
		}
	}
	logits, err := t.Model.LM.Forward(x, t.batch, T)
	if err != nil {
		return nil, err
	}
	return ag.CrossEntropy(logits, y), nil
}
