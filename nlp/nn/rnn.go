package nn

import (
	"math/rand/v2"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
)

// The recurrent cells take one time step: x (B, In) and the previous state
// (B, H) give the next state. Run them over a sequence with a loop; the
// graph of the unrolled loop is what backpropagation through time
// differentiates. Weights are initialised like PyTorch's, uniform in ±1/√H.

// RNNCell is the Elman cell h' = tanh(x·Wx + h·Wh + b).
type RNNCell struct {
	Wx, Wh, B *Tensor // (In, H), (H, H), (H)
}

// NewRNNCell returns an Elman cell from in inputs to hidden units.
func NewRNNCell(rng *rand.Rand, in, hidden int) *RNNCell {
	s := invSqrt(hidden)
	return &RNNCell{Wx: uniformParam(rng, s, in, hidden), Wh: uniformParam(rng, s, hidden, hidden), B: uniformParam(rng, s, hidden)}
}

// Step returns h' (B, H) from x (B, In) and h (B, H).
func (c *RNNCell) Step(x, h *Tensor) *Tensor {
	return ag.Tanh(ag.Add(ag.Add(ag.MatMul(x, c.Wx), ag.MatMul(h, c.Wh)), c.B))
}

// Params returns "wx", "wh", "bias".
func (c *RNNCell) Params() Params { return Params{{"wx", c.Wx}, {"wh", c.Wh}, {"bias", c.B}} }

// GRUCell is the gated recurrent unit (Cho et al. 2014) in PyTorch's form:
//
//	r = σ(x·Wxr + bxr + h·Whr + bhr)         reset gate
//	z = σ(x·Wxz + bxz + h·Whz + bhz)         update gate
//	n = tanh(x·Wxn + bxn + r ⊙ (h·Whn + bhn)) candidate
//	h' = (1 − z) ⊙ n + z ⊙ h  =  n + z ⊙ (h − n)
//
// The three gates' weights are stored side by side: Wx (In, 3H), Wh (H, 3H).
type GRUCell struct {
	Wx, Wh, Bx, Bh *Tensor
	hidden         int
}

// NewGRUCell returns a GRU cell from in inputs to hidden units.
func NewGRUCell(rng *rand.Rand, in, hidden int) *GRUCell {
	s := invSqrt(hidden)
	return &GRUCell{Wx: uniformParam(rng, s, in, 3*hidden), Wh: uniformParam(rng, s, hidden, 3*hidden),
		Bx: uniformParam(rng, s, 3*hidden), Bh: uniformParam(rng, s, 3*hidden), hidden: hidden}
}

// Step returns h' (B, H) from x (B, In) and h (B, H).
func (c *GRUCell) Step(x, h *Tensor) *Tensor {
	H := c.hidden
	gx := ag.Split(ag.Add(ag.MatMul(x, c.Wx), c.Bx), -1, H, H, H) // 3 × (B, H)
	gh := ag.Split(ag.Add(ag.MatMul(h, c.Wh), c.Bh), -1, H, H, H) // 3 × (B, H)
	r := ag.Sigmoid(ag.Add(gx[0], gh[0]))
	z := ag.Sigmoid(ag.Add(gx[1], gh[1]))
	n := ag.Tanh(ag.Add(gx[2], ag.Mul(r, gh[2])))
	return ag.Add(n, ag.Mul(z, ag.Sub(h, n)))
}

// Params returns "wx", "wh", "bx", "bh".
func (c *GRUCell) Params() Params {
	return Params{{"wx", c.Wx}, {"wh", c.Wh}, {"bx", c.Bx}, {"bh", c.Bh}}
}

// LSTMCell is the long short-term memory cell (Hochreiter & Schmidhuber
// 1997, with a forget gate as in Gers et al. 2000):
//
//	i, f, g, o = split(x·Wx + h·Wh + b)      each (B, H)
//	c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g)
//	h' = σ(o) ⊙ tanh(c')
type LSTMCell struct {
	Wx, Wh, B *Tensor // (In, 4H), (H, 4H), (4H)
	hidden    int
}

// NewLSTMCell returns an LSTM cell from in inputs to hidden units.
func NewLSTMCell(rng *rand.Rand, in, hidden int) *LSTMCell {
	s := invSqrt(hidden)
	return &LSTMCell{Wx: uniformParam(rng, s, in, 4*hidden), Wh: uniformParam(rng, s, hidden, 4*hidden),
		B: uniformParam(rng, s, 4*hidden), hidden: hidden}
}

// Step returns the next hidden state h' and cell state c', both (B, H),
// from x (B, In), h and c (B, H).
func (l *LSTMCell) Step(x, h, c *Tensor) (hNext, cNext *Tensor) {
	H := l.hidden
	gates := ag.Split(ag.Add(ag.Add(ag.MatMul(x, l.Wx), ag.MatMul(h, l.Wh)), l.B), -1, H, H, H, H)
	i, f := ag.Sigmoid(gates[0]), ag.Sigmoid(gates[1])
	g, o := ag.Tanh(gates[2]), ag.Sigmoid(gates[3])
	cNext = ag.Add(ag.Mul(f, c), ag.Mul(i, g))
	hNext = ag.Mul(o, ag.Tanh(cNext))
	return hNext, cNext
}

// Params returns "wx", "wh", "bias".
func (l *LSTMCell) Params() Params { return Params{{"wx", l.Wx}, {"wh", l.Wh}, {"bias", l.B}} }
