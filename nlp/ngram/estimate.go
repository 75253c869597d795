package ngram

import "math"

// This file is the heart of the package: P(w | h) for every estimator.
//
// The interpolated estimators share one recursion (Chen & Goodman 1998,
// eq. 2), from the unigram level up to the longest context h:
//
//	P(w | h) = α(h, w) + γ(h) · P(w | h′)      h′ = h without its first word
//
// with α and γ per estimator (c = count, a = adjusted count, c(h •) = Σ_w c(h w),
// N1+(h •) = number of distinct followers of h):
//
//	Witten–Bell        α = c(h w) / (c(h •) + N1+(h •))        γ = N1+(h •) / (c(h •) + N1+(h •))
//	absolute discount  α = max(c(h w) − D, 0) / c(h •)         γ = D · N1+(h •) / c(h •)
//	Kneser–Ney         α = max(a(h w) − D, 0) / a(h •)         γ = D · N1+(h •) / a(h •)
//	modified KN        α = max(a(h w) − D(a), 0) / a(h •)      γ = (D1 N1(h •) + D2 N2(h •) + D3+ N3+(h •)) / a(h •)
//
// A context never seen followed by anything has α = 0, γ = 1. Below the
// unigram sits the uniform distribution 1/|V| (|V| counts </s> and <unk> but
// not <s>), which is what gives unseen words a finite probability.

// step records one level of the recursion for Explain.
type step struct {
	j            int // context length
	ctxNode      uint32
	found        bool
	word         uint32
	alpha, gamma float64
	p            float64
}

// probIDs returns P(w | ctx) where ctx holds at most Order−1 ids. If tr is
// not nil the levels are recorded in it.
func (m *Model) probIDs(w uint32, ctx []uint32, tr *[]step) float64 {
	if m.cfg.Smoothing == Backoff {
		return math.Pow(10, m.log10Backoff(w, ctx, tr))
	}
	if m.cp != nil && tr == nil {
		return m.probCompiled(w, ctx)
	}
	if !m.cfg.NLTK && w == bosID {
		return 0
	}
	var cbuf, wbuf [16]uint32
	cn := m.contexts(ctx, cbuf[:0])
	wn, top := m.wordNodes(w, cn, wbuf[:0])
	switch m.cfg.Smoothing {
	case MLE, Laplace, Lidstone:
		return m.probFullContext(w, len(ctx), cn, wn, top, tr)
	case StupidBackoff:
		return m.probStupidBackoff(w, len(ctx), cn, wn, top, tr)
	}
	return m.probInterpolated(w, cn, wn, top, tr)
}

// wordNodes finds the longest context suffix cn[top] followed by w in the
// trie and returns wn, where wn[j] is the node of (last j context words,
// w) at level j+1 for every j ≤ top (top −1: w unseen).
func (m *Model) wordNodes(w uint32, cn, buf []uint32) (wn []uint32, top int) {
	t := m.t
	wn = buf
	for range cn {
		wn = append(wn, 0)
	}
	for j := len(cn) - 1; j >= 0; j-- {
		if x, ok := t.find(j, cn[j], w); ok {
			wn[j] = x
			for i := j; i > 0; i-- {
				wn[i-1] = t.levels[i+1].suffix[wn[i]]
			}
			return wn, j
		}
	}
	return wn, -1
}

// countAt is the count and the continuation count of (last j context
// words, w): zero above top.
func (m *Model) countAt(j int, wn []uint32, top int) (c, a uint32) {
	if j > top {
		return 0, 0
	}
	l := &m.t.levels[j+1]
	return l.count[wn[j]], l.adj[wn[j]]
}

// probFullContext is MLE, Laplace and Lidstone: only the full context of
// length L counts.
func (m *Model) probFullContext(w uint32, L int, cn, wn []uint32, top int, tr *[]step) float64 {
	var c, sum uint64
	if len(cn)-1 == L {
		sum = m.t.levels[L].ctx[cn[L]].sum
		cc, _ := m.countAt(L, wn, top)
		c = uint64(cc)
	}
	var p float64
	if m.cfg.Smoothing == MLE {
		if sum > 0 {
			p = float64(c) / float64(sum)
		}
	} else {
		k := m.cfg.K
		p = (float64(c) + k) / (float64(sum) + k*m.V)
	}
	if tr != nil {
		*tr = append(*tr, step{j: L, ctxNode: cnAt(cn, L), found: c > 0, word: w, alpha: p, p: p})
	}
	return p
}

// probStupidBackoff is the relative frequency after the longest context
// seen with w, times Alpha for every word of context dropped.
func (m *Model) probStupidBackoff(w uint32, L int, cn, wn []uint32, top int, tr *[]step) float64 {
	t := m.t
	root := t.levels[0].ctx[0]
	p := 0.0
	backoffs := L - top
	if top >= 1 || (top == 0 && root.sum > 0 && t.levels[1].count[w] > 0) {
		c, _ := m.countAt(top, wn, top)
		p = float64(c) / float64(t.levels[top].ctx[cn[top]].sum)
	} else if !m.cfg.NLTK {
		p = 1 / m.V // <unk> policy: back off once more, to the uniform distribution
		backoffs = L + 1
	}
	p *= math.Pow(m.cfg.Alpha, float64(backoffs))
	if tr != nil {
		*tr = append(*tr, step{j: max(top, 0), ctxNode: cnAt(cn, max(top, 0)), found: top >= 0 && p > 0, word: w, alpha: p, p: p})
	}
	return p
}

// probInterpolated is the interpolated estimators (Kneser–Ney, Witten–Bell,
// absolute discounting): p_j = α_j + γ_j·p_{j−1} from the unigram level
// (over the uniform floor) up to the longest context.
func (m *Model) probInterpolated(w uint32, cn, wn []uint32, top int, tr *[]step) float64 {
	t := m.t
	var p float64
	{
		c, a := m.countAt(0, wn, top)
		alpha, gamma := m.alphaGamma(0, t.levels[0].ctx[0], c, a)
		if m.cfg.NLTK {
			p = alpha // NLTK has no uniform floor: unseen words get 0
		} else {
			p = alpha + gamma/m.V
		}
		if tr != nil {
			*tr = append(*tr, step{j: 0, found: c > 0, word: w, alpha: alpha, gamma: gamma, p: p})
		}
	}
	for j := 1; j < len(cn); j++ {
		st := t.levels[j].ctx[cn[j]]
		if st.sum == 0 {
			continue
		}
		c, a := m.countAt(j, wn, top)
		alpha, gamma := m.alphaGamma(j, st, c, a)
		p = alpha + gamma*p
		if tr != nil {
			*tr = append(*tr, step{j: j, ctxNode: cn[j], found: c > 0, word: w, alpha: alpha, gamma: gamma, p: p})
		}
	}
	return p
}

func cnAt(cn []uint32, j int) uint32 {
	if j < len(cn) {
		return cn[j]
	}
	return 0
}

// alphaGamma returns the interpolation weights of context level j (the
// n-gram being scored has order j+1) given the context's statistics st and
// the raw and adjusted counts of (h w).
func (m *Model) alphaGamma(j int, st ctxStats, c, a uint32) (alpha, gamma float64) {
	nltk := m.cfg.NLTK
	switch m.cfg.Smoothing {
	case WittenBell:
		if nltk && j == 0 {
			if st.sum == 0 {
				return 0, 0
			}
			return float64(c) / float64(st.sum), 0 // NLTK: plain MLE unigram
		}
		den := float64(st.sum + uint64(st.types))
		if den == 0 {
			return 0, 1
		}
		return float64(c) / den, float64(st.types) / den
	case AbsoluteDiscount:
		if st.sum == 0 {
			return 0, 1
		}
		if nltk && j == 0 {
			return float64(c) / float64(st.sum), 0 // NLTK: plain MLE unigram
		}
		d := m.d[j+1]
		return math.Max(float64(c)-d, 0) / float64(st.sum), d * float64(st.types) / float64(st.sum)
	case KneserNey:
		if st.adjSum == 0 {
			return 0, 1
		}
		den := float64(st.adjSum)
		if nltk {
			if j == 0 {
				return float64(a) / den, 0 // NLTK: undiscounted continuation unigram
			}
			// NLTK counts the context's followers by raw count.
			return math.Max(float64(a)-m.d[j+1], 0) / den, m.d[j+1] * float64(st.types) / den
		}
		d := m.d[j+1]
		return math.Max(float64(a)-d, 0) / den, d * float64(st.adjTypes()) / den
	default: // ModifiedKneserNey
		if st.adjSum == 0 {
			return 0, 1
		}
		den := float64(st.adjSum)
		D := m.d3[j+1]
		var da float64
		switch {
		case a == 0:
		case a == 1:
			da = D[0]
		case a == 2:
			da = D[1]
		default:
			da = D[2]
		}
		gamma = (D[0]*float64(st.n[0]) + D[1]*float64(st.n[1]) + D[2]*float64(st.n[2])) / den
		return math.Max(float64(a)-da, 0) / den, gamma
	}
}

// contexts returns cn with cn[j] = node of the last j ids of ctx, for j = 0
// up to the longest suffix of ctx seen in training.
func (m *Model) contexts(ctx []uint32, cn []uint32) []uint32 {
	t := m.t
	p, J := m.longestContext(ctx)
	cn = append(cn[:0], 0)
	for len(cn) <= J {
		cn = append(cn, 0)
	}
	if J > 0 {
		cn[J] = p
		for j := J; j > 1; j-- {
			cn[j-1] = t.levels[j].suffix[cn[j]]
		}
	}
	return cn
}

// longestContext returns the node of the longest suffix of ctx seen in
// training and its length J (node 0 and J = 0: the empty context).
func (m *Model) longestContext(ctx []uint32) (node uint32, J int) {
	t := m.t
	L := len(ctx)
	for start := 0; start < L; start++ {
		p, ok := uint32(0), true
		for k, w := range ctx[start:] {
			if p, ok = t.find(k, p, w); !ok {
				break
			}
		}
		if ok {
			return p, L - start
		}
	}
	return 0, 0
}
