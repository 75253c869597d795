package ngram

import (
	"math"
	"slices"
)

// Interpolated models are compiled into back-off form after training, the
// way they are written to ARPA: for every seen n-gram (h w) the final
// probability P(w | h), and for every context h its weight γ(h). A query
// then needs only the longest seen n-gram and the γ of the longer
// contexts,
//
//	P(w | h) = P(w | h_j) · Π_{i > j} γ(h_i),
//
// instead of the counts and discounts of every order. The arithmetic is
// the same as probIDs's recursion in the same order (α = 0 for unseen
// n-grams, so α + γ·p = γ·p exactly), so both paths give bit-identical
// results; TestCompiledMatchesRecursion checks it.

// compile fills m.cp (probabilities) and m.cb (γ per context) for the
// interpolated estimators; the others leave them nil.
func (m *Model) compile() {
	m.cp, m.cb = nil, nil
	switch m.cfg.Smoothing {
	case MLE, Laplace, Lidstone, StupidBackoff, Backoff:
		return
	}
	t := m.t
	n := m.cfg.Order
	cp := make([][]float64, n+1)
	cb := make([][]float64, n+1)
	cp[1] = make([]float64, len(t.levels[1].word))
	for w := range cp[1] {
		cp[1][w] = m.probIDs(uint32(w), nil, nil)
	}
	kn := m.cfg.Smoothing == KneserNey || m.cfg.Smoothing == ModifiedKneserNey
	var parent []uint32 // scratch: parent context of each n-gram, for Kneser–Ney
	for k := 1; k < n; k++ {
		l, next := &t.levels[k], &t.levels[k+1]
		cb[k] = make([]float64, len(l.word))
		cp[k+1] = make([]float64, len(next.word))
		inParts(len(l.word), func(_, lo, hi int) {
			for c := lo; c < hi; c++ {
				st := l.ctx[c]
				gamma := 1.0
				if st.sum > 0 {
					_, gamma = m.alphaGamma(k, st, 0, 0)
				}
				cb[k][c] = gamma
				if kn && st.adjSum > 0 {
					continue // below
				}
				for x := l.child[c]; x < l.child[c+1]; x++ {
					alpha, g := m.alphaGamma(k, st, next.count[x], next.adj[x])
					cp[k+1][x] = alpha + g*cp[k][next.suffix[x]]
				}
			}
		})
		if !kn {
			continue
		}
		// Kneser–Ney, inlined: α = max(a − D(a), 0) / a(h •), the same
		// arithmetic as alphaGamma, and γ(h) = cb[k][h] from above. One
		// flat loop over the n-grams (not one per context, whose short
		// runs would make every loop exit a mispredicted branch) lets the
		// processor overlap the cache misses of the suffix look-ups.
		// disc[min(a, 3)] is the discount of adjusted count a.
		var disc [4]float64
		if m.cfg.Smoothing == KneserNey {
			disc = [4]float64{m.d[k+1], m.d[k+1], m.d[k+1], m.d[k+1]}
		} else {
			disc = [4]float64{0, m.d3[k+1][0], m.d3[k+1][1], m.d3[k+1][2]}
		}
		parent = slices.Grow(parent[:0], len(next.word))[:len(next.word)]
		for c := range l.word {
			for x := l.child[c]; x < l.child[c+1]; x++ {
				parent[x] = uint32(c)
			}
		}
		inParts(len(parent), func(_, lo, hi int) {
			for x := lo; x < hi; x++ {
				c := parent[x]
				adjSum := l.ctx[c].adjSum
				if adjSum == 0 {
					continue // done above
				}
				a := next.adj[x]
				alpha := math.Max(float64(a)-disc[min(a, 3)], 0) / float64(adjSum)
				cp[k+1][x] = alpha + cb[k][c]*cp[k][next.suffix[x]]
			}
		})
	}
	m.cp, m.cb = cp, cb
}

// probCompiled is probIDs for compiled models.
func (m *Model) probCompiled(w uint32, ctx []uint32) float64 {
	t := m.t
	if !m.cfg.NLTK && w == bosID {
		return 0
	}
	// Walk down from the longest seen context h_J along suffix links until
	// (h_j w) is found; the γ of the contexts passed multiply its P, from
	// the shortest up, as in the recursion.
	var gbuf [16]float64
	gammas := gbuf[:0]
	c, j := m.longestContext(ctx)
	for ; j > 0; j-- {
		if x, ok := t.find(j, c, w); ok {
			return m.scale(m.cp[j+1][x], gammas)
		}
		gammas = append(gammas, m.cb[j][c]) // γ = 1 for a context without followers: exact
		if j > 1 {
			c = t.levels[j].suffix[c]
		}
	}
	return m.scale(m.cp[1][w], gammas)
}

// scale multiplies p by the γ collected from the longest context down,
// applying them shortest first.
func (m *Model) scale(p float64, gammas []float64) float64 {
	for i := len(gammas) - 1; i >= 0; i-- {
		p = gammas[i] * p
	}
	return p
}

// probNext scores w after a context whose longest seen suffix is node c
// at level J (as longestContext returns), and returns the state for the
// next word: the longest seen suffix of (context w) is exactly the n-gram
// the search found, cut to n−1 words. This is KenLM's query state; it
// saves the context search when scoring running text. The probability is
// bit-identical to probCompiled's.
func (m *Model) probNext(c uint32, J int, w uint32) (p float64, nc uint32, nJ int) {
	t := m.t
	var gbuf [16]float64
	gammas := gbuf[:0]
	j := J
	for ; j > 0; j-- {
		if x, ok := t.find(j, c, w); ok {
			p, nc, nJ = m.scale(m.cp[j+1][x], gammas), x, j+1
			break
		}
		gammas = append(gammas, m.cb[j][c])
		if j > 1 {
			c = t.levels[j].suffix[c]
		}
	}
	if j == 0 {
		p, nc, nJ = m.scale(m.cp[1][w], gammas), w, 1
	}
	if nJ > m.cfg.Order-1 { // an n-gram of full order: drop its first word
		if nJ == 1 {
			return p, 0, 0
		}
		nc, nJ = t.levels[nJ].suffix[nc], nJ-1
	}
	return p, nc, nJ
}
