package seq2seq

import (
	"math/rand/v2"
	"slices"

	"github.com/lingo-nlp/lingo/nlp/text"
)

// A Batch is B sentence pairs as padded id matrices, row-major (B, T).
// Sources are padded at the end with PadID; SrcLen holds the true lengths.
// The decoder reads TgtIn = <s> y₁ … y_m and predicts TgtOut = y₁ … y_m </s>;
// padding in TgtOut is −1, which autograd.CrossEntropy ignores.
type Batch struct {
	B, S, T       int // batch size, source length, target length (with <s> or </s>)
	Src           []int
	SrcLen        []int
	TgtIn, TgtOut []int
}

// NewBatch encodes pairs with the vocabularies and pads them.
func NewBatch(pairs []Pair, src, tgt *text.Vocab) *Batch {
	b := &Batch{B: len(pairs)}
	for _, p := range pairs {
		b.S = max(b.S, len(p.Src))
		b.T = max(b.T, len(p.Tgt)+1)
	}
	b.Src = make([]int, b.B*b.S)
	b.SrcLen = make([]int, b.B)
	b.TgtIn = make([]int, b.B*b.T)
	b.TgtOut = make([]int, b.B*b.T)
	for i, p := range pairs {
		ids := src.Encode(p.Src)
		b.SrcLen[i] = len(ids)
		for s := range b.S {
			b.Src[i*b.S+s] = PadID
			if s < len(ids) {
				b.Src[i*b.S+s] = ids[s]
			}
		}
		y := tgt.Encode(p.Tgt)
		for t := range b.T {
			in, out := PadID, -1
			switch {
			case t == 0:
				in = BOSID
			case t <= len(y):
				in = y[t-1]
			}
			switch {
			case t < len(y):
				out = y[t]
			case t == len(y):
				out = EOSID
			}
			b.TgtIn[i*b.T+t], b.TgtOut[i*b.T+t] = in, out
		}
	}
	return b
}

// Batches groups pairs of similar source length into batches of at most size
// pairs (sorting by length first, so little padding is needed) and returns
// them in an order shuffled by rng (nil: in length order).
func Batches(pairs []Pair, size int, src, tgt *text.Vocab, rng *rand.Rand) []*Batch {
	size = max(size, 1)
	idx := make([]int, len(pairs))
	for i := range idx {
		idx[i] = i
	}
	if rng != nil {
		rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if d := len(pairs[a].Src) - len(pairs[b].Src); d != 0 {
			return d
		}
		return len(pairs[a].Tgt) - len(pairs[b].Tgt)
	})
	var out []*Batch
	for lo := 0; lo < len(idx); lo += size {
		hi := min(lo+size, len(idx))
		group := make([]Pair, 0, hi-lo)
		for _, i := range idx[lo:hi] {
			group = append(group, pairs[i])
		}
		out = append(out, NewBatch(group, src, tgt))
	}
	if rng != nil {
		rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	}
	return out
}
