package lm

import (
	"fmt"
	"math"
	"math/rand/v2"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
)

// Cell chooses the recurrence of an RNN model.
type Cell int

const (
	Vanilla Cell = iota // Elman: h' = tanh(x·Wx + h·Wh + b)
	GRU                 // gated recurrent unit (Cho et al. 2014)
	LSTM                // long short-term memory (Hochreiter & Schmidhuber 1997)
)

func (c Cell) String() string {
	switch c {
	case GRU:
		return "GRU"
	case LSTM:
		return "LSTM"
	}
	return "RNN"
}

// RNNConfig sizes an RNN model; zero fields take the default noted.
type RNNConfig struct {
	Cell   Cell
	Dim    int // embedding size; default 32
	Hidden int // state size H; default 128
	Seed   uint64
}

func (c RNNConfig) withDefaults() RNNConfig {
	if c.Dim <= 0 {
		c.Dim = 32
	}
	if c.Hidden <= 0 {
		c.Hidden = 128
	}
	return c
}

// RNN is a recurrent language model: the state h_t summarises the whole
// history and predicts the next token,
//
//	h_t = cell(e(w_t), h_{t−1})          (H)
//	P(w_{t+1} | w_1 … w_t) = softmax(h_t·U + c)
//
// It is trained by truncated backpropagation through time: the training
// stream is cut into Batch parallel strips, each step unrolls Block time
// steps of every strip, and the final state is carried (as a constant,
// without its history) into the next step.
type RNN struct {
	base
	Cfg  RNNConfig
	Emb  *nn.Embedding
	Rnn  *nn.RNNCell  // set when Cfg.Cell == Vanilla
	Gru  *nn.GRUCell  // set when Cfg.Cell == GRU
	Lstm *nn.LSTMCell // set when Cfg.Cell == LSTM
	Out  *nn.Linear

	// truncated-BPTT state carried between training steps
	trainPos  []int
	trainH    []float32
	trainC    []float32
	trainSize int
}

// NewRNN returns an untrained recurrent model over v.
func NewRNN(v *Vocab, cfg RNNConfig) (*RNN, error) {
	if v == nil || v.Len() < 2 {
		return nil, fmt.Errorf("lm: vocabulary needs at least 2 tokens")
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	rng := nn.NewRand(cfg.Seed)
	m := &RNN{Cfg: cfg, Emb: nn.NewEmbedding(rng, v.Len(), cfg.Dim)}
	switch cfg.Cell {
	case Vanilla:
		m.Rnn = nn.NewRNNCell(rng, cfg.Dim, cfg.Hidden)
	case GRU:
		m.Gru = nn.NewGRUCell(rng, cfg.Dim, cfg.Hidden)
	case LSTM:
		m.Lstm = nn.NewLSTMCell(rng, cfg.Dim, cfg.Hidden)
	}
	m.Out = nn.NewLinear(rng, cfg.Hidden, v.Len(), true)
	m.base = base{vocab: v, net: m, kind: "rnn", rng: nn.NewRand(cfg.Seed + 1)}
	return m, nil
}

// Name says e.g. "LSTM (128)".
func (m *RNN) Name() string { return fmt.Sprintf("%s (%d)", m.Cfg.Cell, m.Cfg.Hidden) }

// Params returns "emb.weight", "cell.*" and "out.*".
func (m *RNN) Params() nn.Params {
	var cell nn.Module
	switch m.Cfg.Cell {
	case GRU:
		cell = m.Gru
	case LSTM:
		cell = m.Lstm
	default:
		cell = m.Rnn
	}
	return nn.Collect("emb", m.Emb, "cell", cell, "out", m.Out)
}

// state is the recurrent state: h, and c for an LSTM.
type state struct{ h, c *nn.Tensor }

func (m *RNN) zeroState(B int) state {
	s := state{h: ag.Zeros[float32](B, m.Cfg.Hidden)}
	if m.Cfg.Cell == LSTM {
		s.c = ag.Zeros[float32](B, m.Cfg.Hidden)
	}
	return s
}

// Step advances the state by one token per row: x (B, Dim).
func (m *RNN) step(x *nn.Tensor, s state) state {
	switch m.Cfg.Cell {
	case GRU:
		return state{h: m.Gru.Step(x, s.h)}
	case LSTM:
		h, c := m.Lstm.Step(x, s.h, s.c)
		return state{h: h, c: c}
	}
	return state{h: m.Rnn.Step(x, s.h)}
}

// unroll runs T steps over ids laid out time-major (T·B ids, row t·B+b is
// strip b at time t) and returns every hidden state and the final state.
func (m *RNN) unroll(ids []int, B, T int, s state) ([]*nn.Tensor, state) {
	emb := m.Emb.Forward(ids)               // (T·B, E)
	xs := ag.Split(emb, 0, repeat(B, T)...) // T × (B, E)
	hs := make([]*nn.Tensor, T)
	for t := range T {
		s = m.step(xs[t], s)
		hs[t] = s.h
	}
	return hs, s
}

func repeat(v, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = v
	}
	return out
}

func (m *RNN) resetTrainState() { m.trainPos, m.trainH, m.trainC, m.trainSize = nil, nil, nil, 0 }

// batchLoss takes the next T tokens of each of B strips of ids, starting
// from the state left by the previous call (truncated BPTT).
func (m *RNN) batchLoss(rng *rand.Rand, ids []int, B, T int) *nn.Tensor {
	strip := len(ids) / B
	if strip < T+1 {
		B = max(1, len(ids)/(T+1))
		strip = len(ids) / B
	}
	if m.trainSize != len(ids) || len(m.trainPos) != B {
		m.trainSize = len(ids)
		m.trainPos = make([]int, B)
		m.trainH, m.trainC = nil, nil
	}
	H := m.Cfg.Hidden
	s := m.zeroState(B)
	if m.trainH != nil {
		copy(s.h.Data, m.trainH)
		if s.c != nil {
			copy(s.c.Data, m.trainC)
		}
	}
	x, y := make([]int, T*B), make([]int, T*B)
	for b := range B {
		if m.trainPos[b]+T+1 > strip { // strip exhausted: start again, fresh state
			m.trainPos[b] = 0
			clear(s.h.Data[b*H : (b+1)*H])
			if s.c != nil {
				clear(s.c.Data[b*H : (b+1)*H])
			}
		}
		o := b*strip + m.trainPos[b]
		for t := range T {
			x[t*B+b], y[t*B+b] = ids[o+t], ids[o+t+1]
		}
		m.trainPos[b] += T
	}
	hs, last := m.unroll(x, B, T, s)
	m.trainH = append(m.trainH[:0], last.h.Data...)
	if last.c != nil {
		m.trainC = append(m.trainC[:0], last.c.Data...)
	}
	hcat := ag.Concat(0, hs...) // (T·B, H)
	return ag.CrossEntropy(m.Out.Forward(hcat), y)
}

// logProbs runs the stream from a zero state. Streams longer than 2048
// tokens are cut into up to 64 strips scored in parallel, each starting
// from a zero state (so a few tokens lose their long history).
func (m *RNN) logProbs(ids []int) []float64 {
	ids = clampIDs(ids, m.vocab.Len())
	n := len(ids) - 1 // predictions
	B := max(1, min(64, n/2048))
	strip := (n + B - 1) / B
	out := make([]float64, n)
	const chunk = 64
	ag.NoGrad(func() {
		s := m.zeroState(B)
		for t0 := 0; t0 < strip; t0 += chunk {
			T := min(chunk, strip-t0)
			x := make([]int, T*B)
			for t := range T {
				for b := range B {
					if i := b*strip + t0 + t; i < n {
						x[t*B+b] = ids[i]
					}
				}
			}
			hs, next := m.unroll(x, B, T, s)
			logits := m.Out.Forward(ag.Concat(0, hs...)) // (T·B, V)
			V := logits.Dim(1)
			for t := range T {
				for b := range B {
					if i := b*strip + t0 + t; i < n {
						r := t*B + b
						out[i] = nn.LogSoftmax(logits.Data[r*V : (r+1)*V])[ids[i+1]]
					}
				}
			}
			s = state{h: next.h.Clone()}
			if next.c != nil {
				s.c = next.c.Clone()
			}
			logits.Release()
		}
	})
	return out
}

type rnnDecoder struct {
	m *RNN
	s state
}

func (m *RNN) decoder() decoder { return &rnnDecoder{m: m, s: m.zeroState(1)} }

func (d *rnnDecoder) feed(tok int) []float64 {
	var p []float64
	ag.NoGrad(func() {
		hs, s := d.m.unroll([]int{tok}, 1, 1, d.s)
		logits := d.m.Out.Forward(hs[0])
		p = softmax64(logits.Data)
		d.s = state{h: s.h.Clone()}
		if s.c != nil {
			d.s.c = s.c.Clone()
		}
		logits.Release()
	})
	return p
}

// GradientThroughTime measures how far back a training signal reaches:
// it unrolls the model over ids from a zero state, takes the loss of the
// last prediction only, L = −ln P(ids[T] | ids[:T]), and returns
// ‖∂L/∂h_t‖ for every step t = 0 … T−1 (T = len(ids)−1). In a vanilla RNN
// the norms typically shrink geometrically as t moves away from T (the
// product of Jacobians diag(1−h²)·Whᵀ; Bengio et al. 1994, Pascanu et al.
// 2013); the LSTM's additive cell path keeps them larger.
func (m *RNN) GradientThroughTime(ids []int) []float64 {
	ids = clampIDs(ids, m.vocab.Len())
	if len(ids) < 2 {
		return nil
	}
	T := len(ids) - 1
	hs, _ := m.unroll(ids[:T], 1, T, m.zeroState(1))
	loss := ag.CrossEntropy(m.Out.Forward(hs[T-1]), ids[T:])
	m.Params().ZeroGrad()
	loss.Backward()
	out := make([]float64, T)
	for t, h := range hs {
		var s float64
		for _, g := range h.Grad {
			s += float64(g) * float64(g)
		}
		out[t] = math.Sqrt(s)
	}
	m.Params().ZeroGrad()
	loss.Release()
	return out
}
