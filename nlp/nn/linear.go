package nn

import (
	"math/rand/v2"

	"github.com/lingo-nlp/lingo/nlp/autograd"
)

// Linear is the affine map y = x·W + b applied to the last axis.
// W is (In, Out) — stored transposed relative to PyTorch so that the
// forward pass is a plain product — and B is (Out) or nil.
type Linear struct {
	W, B *Tensor
}

// NewLinear returns a Linear layer with PyTorch's default initialisation,
// W and b uniform in ±1/√in, drawn from rng.
func NewLinear(rng *rand.Rand, in, out int, bias bool) *Linear {
	l := &Linear{W: uniformParam(rng, invSqrt(in), in, out)}
	if bias {
		l.B = uniformParam(rng, invSqrt(in), out)
	}
	return l
}

// Forward maps x (…, In) to (…, Out).
func (l *Linear) Forward(x *Tensor) *Tensor {
	if l.B == nil {
		return autograd.MatMul(x, l.W) // (…, Out)
	}
	return autograd.Linear(x, l.W, l.B) // x·W + b, fused

}

// Params returns "weight" and, with a bias, "bias".
func (l *Linear) Params() Params {
	ps := Params{{"weight", l.W}}
	if l.B != nil {
		ps = append(ps, Param{"bias", l.B})
	}
	return ps
}

// Embedding maps token ids to rows of a (V, C) table.
type Embedding struct {
	W *Tensor // (V, C)
}

// NewEmbedding returns a table with entries from N(0, 1), PyTorch's default.
func NewEmbedding(rng *rand.Rand, vocab, dim int) *Embedding {
	return &Embedding{W: normalParam(rng, 1, vocab, dim)}
}

// Forward looks up ids and returns (shape…, C); shape defaults to (len(ids)).
// It panics (see autograd.Embedding) if an id is outside the table.
func (e *Embedding) Forward(ids []int, shape ...int) *Tensor {
	return autograd.Embedding(e.W, ids, shape...)
}

// Params returns "weight".
func (e *Embedding) Params() Params { return Params{{"weight", e.W}} }

// LayerNorm normalises the last axis and applies a learned gain and bias.
type LayerNorm struct {
	Gamma, Beta *Tensor // (C), initialised to 1 and 0
	Eps         float32 // 1e-5 as in PyTorch
}

// NewLayerNorm returns a LayerNorm over dim features.
func NewLayerNorm(dim int) *LayerNorm {
	return &LayerNorm{Gamma: constParam(1, dim), Beta: constParam(0, dim), Eps: 1e-5}
}

// Forward normalises x (…, C).
func (l *LayerNorm) Forward(x *Tensor) *Tensor {
	return autograd.LayerNorm(x, l.Gamma, l.Beta, l.Eps)
}

// Params returns "weight" (γ) and "bias" (β), PyTorch's names.
func (l *LayerNorm) Params() Params { return Params{{"weight", l.Gamma}, {"bias", l.Beta}} }
