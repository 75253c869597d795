package nn

import (
	"fmt"
	"math/rand/v2"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
)

// CausalSelfAttention is multi-head self-attention in which position t
// attends only to positions ≤ t (Vaswani et al. 2017, §3.2; the decoder of
// GPT). One Linear produces queries, keys and values for all heads at once.
type CausalSelfAttention struct {
	QKV   *Linear // C → 3C
	Proj  *Linear // C → C
	Heads int
}

// NewCausalSelfAttention returns attention over dim features split into
// heads heads. It returns an error if heads does not divide dim.
func NewCausalSelfAttention(rng *rand.Rand, dim, heads int) (*CausalSelfAttention, error) {
	if heads < 1 || dim%heads != 0 {
		return nil, fmt.Errorf("nn: %d heads do not divide dimension %d", heads, dim)
	}
	return &CausalSelfAttention{QKV: NewLinear(rng, dim, 3*dim, true), Proj: NewLinear(rng, dim, dim, true), Heads: heads}, nil
}

// Forward maps x (B, T, C) to (B, T, C):
//
//	q, k, v = split(x·Wqkv)               each (B, H, T, D), D = C/H
//	att     = softmax(mask(q·kᵀ/√D))      (B, H, T, T)
//	y       = (att·v) merged over heads · Wproj
//
// The middle two lines run as one fused op, ag.SelfAttention, which
// documents the chain of ops it equals.
func (a *CausalSelfAttention) Forward(x *Tensor) *Tensor {
	qkv := a.QKV.Forward(x)                   // (B, T, 3C)
	y := ag.SelfAttention(qkv, a.Heads, true) // (B, T, C)
	return a.Proj.Forward(y)
}

// Params returns "qkv.*" and "proj.*".
func (a *CausalSelfAttention) Params() Params { return Collect("qkv", a.QKV, "proj", a.Proj) }

// Block is a pre-norm Transformer decoder block as in GPT-2:
//
//	x = x + Attn(LN1(x))
//	x = x + FC2(GELU(FC(LN2(x))))      with FC: C → 4C, FC2: 4C → C
type Block struct {
	LN1  *LayerNorm
	Attn *CausalSelfAttention
	LN2  *LayerNorm
	FC   *Linear
	FC2  *Linear
}

// NewBlock returns a Transformer block of width dim with heads heads.
func NewBlock(rng *rand.Rand, dim, heads int) (*Block, error) {
	attn, err := NewCausalSelfAttention(rng, dim, heads)
	if err != nil {
		return nil, err
	}
	return &Block{LN1: NewLayerNorm(dim), Attn: attn, LN2: NewLayerNorm(dim),
		FC: NewLinear(rng, dim, 4*dim, true), FC2: NewLinear(rng, 4*dim, dim, true)}, nil
}

// Forward maps x (B, T, C) to (B, T, C).
func (b *Block) Forward(x *Tensor) *Tensor {
	x = ag.Add(x, b.Attn.Forward(b.LN1.Forward(x)))
	return ag.Add(x, b.FC2.Forward(ag.GELU(b.FC.Forward(b.LN2.Forward(x)))))
}

// Params returns the block's parameters under "ln1", "attn", "ln2", "fc", "fc2".
func (b *Block) Params() Params {
	return Collect("ln1", b.LN1, "attn", b.Attn, "ln2", b.LN2, "fc", b.FC, "fc2", b.FC2)
}
