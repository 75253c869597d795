package autograd

// Broadcasting (numpy rules): align shapes on the right; an axis of size 1,
// or a missing leading axis, is repeated to match the other operand. So
// (B, T, C) + (C) adds a bias to every position and (B, T, C) + (T, C) adds
// position embeddings to every sequence. The gradient of a broadcast input
// is the output gradient summed over the axes it was repeated along.
//
// Every operand is read through a "view" of the output's shape:
//   - full:     same shape as the output, element i is Data[i];
//   - periodic: its shape is a suffix of the output's, so it repeats with
//     period len(Data) and element i is Data[i mod len(Data)];
//   - general:  anything else (e.g. (B, 1, C) against (B, T, C)): an index
//     table maps every output element to its source element.

type bview[E Float] struct {
	t     *Tensor[E]
	index []int // general case only: source index of every output element
}

// broadcastShape returns the broadcast of a and b or panics naming both.
func broadcastShape(op string, a, b []int) []int {
	n := max(len(a), len(b))
	out := make([]int, n)
	for i := 1; i <= n; i++ {
		da, db := 1, 1
		if i <= len(a) {
			da = a[len(a)-i]
		}
		if i <= len(b) {
			db = b[len(b)-i]
		}
		switch {
		case da == db || db == 1:
			out[n-i] = da
		case da == 1:
			out[n-i] = db
		default:
			shapePanic(op, "shapes %v and %v do not broadcast (axis %d: %d vs %d)", a, b, n-i, da, db)
		}
	}
	return out
}

// isSuffix reports whether in, without leading 1s, equals the trailing axes of out.
func isSuffix(in, out []int) bool {
	for len(in) > 0 && in[0] == 1 && len(in) > len(out) {
		in = in[1:]
	}
	for len(in) > 0 && in[0] == 1 {
		in = in[1:]
	}
	if len(in) > len(out) {
		return false
	}
	return sameShape(in, out[len(out)-len(in):])
}

func viewAs[E Float](t *Tensor[E], out []int) bview[E] {
	if sameShape(t.shape, out) || isSuffix(t.shape, out) {
		return bview[E]{t: t}
	}
	// General case: walk the output index like an odometer.
	n := prod(out)
	index := make([]int, n)
	stride := make([]int, len(out)) // stride of t along each output axis, 0 if repeated
	s := 1
	for i := len(out) - 1; i >= 0; i-- {
		j := i - (len(out) - len(t.shape))
		if j >= 0 && t.shape[j] != 1 {
			stride[i] = s
			s *= t.shape[j]
		}
	}
	pos := make([]int, len(out))
	src := 0
	for k := range n {
		index[k] = src
		for ax := len(out) - 1; ax >= 0; ax-- {
			pos[ax]++
			src += stride[ax]
			if pos[ax] < out[ax] {
				break
			}
			src -= stride[ax] * pos[ax]
			pos[ax] = 0
		}
	}
	return bview[E]{t: t, index: index}
}

// values returns the operand laid out as the output, materialising only
// the general case (into a pooled buffer the caller hands to putBuf).
func (v bview[E]) values() (vals []E, pooled bool) {
	if v.index == nil {
		return v.t.Data, false
	}
	vals = getBuf[E](len(v.index))
	for k, src := range v.index {
		vals[k] = v.t.Data[src]
	}
	return vals, true
}

// zip calls f(lo, xa, xb) over chunks of the n output elements in which
// both operands are contiguous, so f's loop is a plain loop over slices:
// out[lo+i] = xa[i] ⊕ xb[i].
func zip[E Float](n int, a, b bview[E], f func(lo int, xa, xb []E)) {
	va, pa := a.values()
	vb, pb := b.values()
	la, lb := len(va), len(vb)
	chunk := min(la, lb)
	if chunk > 0 {
		for lo := 0; lo < n; lo += chunk {
			oa, ob := lo%la, lo%lb
			f(lo, va[oa:oa+chunk], vb[ob:ob+chunk])
		}
	}
	if pa {
		putBuf(va)
	}
	if pb {
		putBuf(vb)
	}
}

// accumulate adds g (shaped like the output) into v.t.Grad, summing over
// the axes v was repeated along: the backward of broadcasting.
func (v bview[E]) accumulate(g []E) {
	if v.index == nil && len(g) == len(v.t.Data) { // same shape: the first contribution may be a copy
		dst, isNew := v.t.gradOrNew()
		if isNew {
			copy(dst, g)
		} else {
			addInto(dst, g)
		}
		return
	}
	dst := v.t.grad()
	switch {
	case v.index != nil:
		for k, src := range v.index {
			dst[src] += g[k]
		}
	default:
		p := len(dst)
		for lo := 0; lo < len(g); lo += p {
			addInto(dst, g[lo:lo+p])
		}
	}
}
