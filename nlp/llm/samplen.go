package llm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/instruct"
	"github.com/lingo-nlp/lingo/nlp/nn"
)

// SampleN draws n responses to the same prompt at once: the n sequences
// grow in step and go through the model as one batch, which costs much
// less than n calls of Sample (the model is small, so a forward pass is
// mostly overhead). Each response takes its own draws from rng; a
// finished one stops growing while the others go on. Sample is SampleN
// with n = 1. It returns an error if cfg is invalid, n is negative, or a
// sampling cfg (not Greedy) has no rng.
func (m *Model) SampleN(prompt []int, n int, cfg SampleConfig, rng *rand.Rand) ([]Sample, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, fmt.Errorf("llm: SampleN of %d responses", n)
	}
	if rng == nil && !cfg.Greedy {
		return nil, fmt.Errorf("llm: sampling needs a random source (rng is nil); set Greedy for the most probable tokens")
	}
	if n == 0 {
		return nil, nil
	}
	if cfg.MaxTokens <= 0 {
		cfg.MaxTokens = 24
	}
	if cfg.Stop == "" {
		cfg.Stop = instruct.End
	}
	maxTok := min(cfg.MaxTokens, m.Block()-1)
	if len(prompt) > m.Block()-maxTok {
		prompt = prompt[len(prompt)-(m.Block()-maxTok):]
	}
	out := make([]Sample, n)
	seqs := make([][]int, n)
	done := make([]bool, n)
	for i := range out {
		out[i].Prompt = prompt
		seqs[i] = append([]int(nil), prompt...)
	}
	for range maxTok {
		T := len(seqs[0]) // all grow in step: a finished one is padded
		ids := make([]int, 0, n*T)
		for _, s := range seqs {
			ids = append(ids, s...)
		}
		var rows [][]float64
		var err error
		ag.NoGrad(func() {
			var logits *nn.Tensor
			if logits, err = m.LM.Forward(ids, n, T); err != nil { // (n, T, V)
				return
			}
			V := logits.Dim(2)
			for i := range n {
				if !done[i] {
					rows = append(rows, nn.LogSoftmax(logits.Data[(i*T+T-1)*V:(i*T+T)*V]))
				} else {
					rows = append(rows, nil)
				}
			}
			logits.Release()
		})
		if err != nil {
			return nil, err
		}
		left := 0
		for i, p := range rows {
			if p == nil {
				seqs[i] = append(seqs[i], 0) // padding, never read by the others
				continue
			}
			p[0] = math.Inf(-1) // id 0 stands for <unk>
			id := pick(p, cfg, rng)
			seqs[i] = append(seqs[i], id)
			out[i].IDs = append(out[i].IDs, id)
			out[i].Logp = append(out[i].Logp, p[id])
			out[i].Text = m.Decode(out[i].IDs)
			if strings.Contains(out[i].Text, cfg.Stop) {
				done[i] = true
			} else {
				left++
			}
		}
		if left == 0 {
			break
		}
	}
	return out, nil
}
