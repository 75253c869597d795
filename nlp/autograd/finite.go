package autograd

import "math"

// FirstNonFinite returns the earliest tensor, in evaluation order, of the
// graph that produced t whose values contain NaN or ±Inf, with its position
// in PrintGraph's numbering; nil, −1 if every value is finite. Outputs of
// CausalMask and MaskedFill are skipped (their −∞ are intended). Call it
// before Release to find where a NaN loss came from: the op it names is
// the first to produce one (a Log of 0, an overflowing Exp, …).
func FirstNonFinite[E Float](t *Tensor[E]) (*Tensor[E], int) {
	for i, n := range topo(t) {
		if n.op == opCausalMask || n.op == opMaskedFill {
			continue
		}
		for _, v := range n.Data {
			if f := float64(v); math.IsNaN(f) || math.IsInf(f, 0) {
				return n, i
			}
		}
	}
	return nil, -1
}
