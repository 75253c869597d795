package lm

import (
	"fmt"
	"math/rand/v2"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
)

// WindowConfig sizes a FixedWindow model; zero fields take the default noted.
type WindowConfig struct {
	Context int    // n, the number of previous tokens read; default 8
	Dim     int    // embedding size d; default 32
	Hidden  int    // tanh hidden units; default 128
	Seed    uint64 // initialisation seed
}

func (c WindowConfig) withDefaults() WindowConfig {
	if c.Context <= 0 {
		c.Context = 8
	}
	if c.Dim <= 0 {
		c.Dim = 32
	}
	if c.Hidden <= 0 {
		c.Hidden = 128
	}
	return c
}

// FixedWindow is the fixed-window neural language model of Bengio et al.
// (2003): the embeddings of the previous n tokens are concatenated and
// passed through one tanh layer, then a softmax over the vocabulary:
//
//	x = [e(w_{t−n}); …; e(w_{t−1})]     (n·d)
//	h = tanh(x·W + b)                    (H)
//	P(w_t | w_{t−n} … w_{t−1}) = softmax(h·U + c)
//
// Positions before the start of the stream read a padding embedding (row V
// of the table), so the first tokens have a context too.
type FixedWindow struct {
	base
	Cfg    WindowConfig
	Emb    *nn.Embedding // (V+1, d); row V is the padding
	Hidden *nn.Linear    // n·d → H
	Out    *nn.Linear    // H → V
}

// NewFixedWindow returns an untrained fixed-window model over v.
func NewFixedWindow(v *Vocab, cfg WindowConfig) (*FixedWindow, error) {
	if v == nil || v.Len() < 2 {
		return nil, fmt.Errorf("lm: vocabulary needs at least 2 tokens")
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	rng := nn.NewRand(cfg.Seed)
	V := v.Len()
	m := &FixedWindow{Cfg: cfg, Emb: nn.NewEmbedding(rng, V+1, cfg.Dim),
		Hidden: nn.NewLinear(rng, cfg.Context*cfg.Dim, cfg.Hidden, true),
		Out:    nn.NewLinear(rng, cfg.Hidden, V, true)}
	m.base = base{vocab: v, net: m, kind: "window", rng: nn.NewRand(cfg.Seed + 1)}
	return m, nil
}

// Name says "fixed window (n=…)".
func (m *FixedWindow) Name() string { return fmt.Sprintf("fixed window (n=%d)", m.Cfg.Context) }

// Params returns "emb.weight", "hidden.*", "out.*".
func (m *FixedWindow) Params() nn.Params {
	return nn.Collect("emb", m.Emb, "hidden", m.Hidden, "out", m.Out)
}

// Window returns the n ids of the context window that predicts position t
// of ids: ids[t−n … t−1], with the padding id V before the start.
func (m *FixedWindow) Window(ids []int, t int) []int {
	n, pad := m.Cfg.Context, m.vocab.Len()
	w := make([]int, n)
	for j := range n {
		if i := t - n + j; i >= 0 {
			w[j] = ids[i]
		} else {
			w[j] = pad
		}
	}
	return w
}

// Forward returns the logits (B, V) for B windows of n ids each, given as
// one flat slice of B·n ids (the padding id is V).
func (m *FixedWindow) Forward(windows []int) *nn.Tensor {
	n, d := m.Cfg.Context, m.Cfg.Dim
	B := len(windows) / n
	e := m.Emb.Forward(windows, B, n) // (B, n, d)
	x := ag.Reshape(e, B, n*d)        // concatenation: the n rows side by side (B, n·d)
	h := ag.Tanh(m.Hidden.Forward(x)) // (B, H)
	return m.Out.Forward(h)           // (B, V)
}

// Logits returns the next-token logits after context (only its last n
// tokens are read), for comparing with a hand-written forward pass.
func (m *FixedWindow) Logits(context []int) []float32 {
	context = clampIDs(context, m.vocab.Len())
	var out []float32
	ag.NoGrad(func() {
		y := m.Forward(m.Window(context, len(context)))
		out = append([]float32(nil), y.Data...)
		y.Release()
	})
	return out
}

func (m *FixedWindow) batchLoss(rng *rand.Rand, ids []int, B, T int) *nn.Tensor {
	N := B * T
	win := make([]int, 0, N*m.Cfg.Context)
	y := make([]int, N)
	for i := range N {
		t := 1 + rng.IntN(len(ids)-1)
		win = append(win, m.Window(ids, t)...)
		y[i] = ids[t]
	}
	return ag.CrossEntropy(m.Forward(win), y)
}

func (m *FixedWindow) logProbs(ids []int) []float64 {
	ids = clampIDs(ids, m.vocab.Len())
	out := make([]float64, 0, len(ids)-1)
	const chunk = 512
	ag.NoGrad(func() {
		for s := 1; s < len(ids); s += chunk {
			e := min(s+chunk, len(ids))
			var win []int
			for t := s; t < e; t++ {
				win = append(win, m.Window(ids, t)...)
			}
			y := m.Forward(win)
			V := y.Dim(1)
			for i := range e - s {
				lp := nn.LogSoftmax(y.Data[i*V : (i+1)*V])
				out = append(out, lp[ids[s+i]])
			}
			y.Release()
		}
	})
	return out
}

func (m *FixedWindow) resetTrainState() {}

type windowDecoder struct {
	m    *FixedWindow
	hist []int
}

func (m *FixedWindow) decoder() decoder { return &windowDecoder{m: m} }

func (d *windowDecoder) feed(tok int) []float64 {
	d.hist = append(d.hist, tok)
	if n := d.m.Cfg.Context; len(d.hist) > n {
		d.hist = d.hist[len(d.hist)-n:]
	}
	return softmax64(d.m.Logits(d.hist))
}
