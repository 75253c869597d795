package ngram

// setDiscounts fills m.d (one discount per order) and m.d3 (modified
// Kneser–Ney's D1, D2, D3+ per order) from the configuration or from counts
// of counts.
//
// Ney, Essen & Kneser (1994) estimate one discount from the numbers n1, n2
// of n-grams seen once and twice:
//
//	Y = n1 / (n1 + 2 n2)
//
// and Chen & Goodman (1998, eq. 26) three:
//
//	D1 = 1 − 2Y n2/n1,   D2 = 2 − 3Y n3/n2,   D3+ = 3 − 4Y n4/n3.
//
// For Kneser–Ney the n_r count adjusted counts (continuation counts below
// the top order), as in KenLM; for absolute discounting raw counts. Small
// corpora can make these undefined (a zero n_r) or out of range; then D = Y
// is used for all three, and 0.5 if Y itself is undefined. KenLM stops with
// an error in that case instead.
func (m *Model) setDiscounts() {
	m.V = m.vocabSize()
	n := m.cfg.Order
	m.d = make([]float64, n+1)
	m.d3 = make([][3]float64, n+1)
	for k := 1; k <= n; k++ {
		adjusted := m.cfg.Smoothing != AbsoluteDiscount
		coc := m.t.countsOfCounts(k, adjusted, 4)
		y, ok := ratioY(coc)
		if !ok {
			y = 0.5
		}
		if m.cfg.Discount > 0 {
			m.d[k] = m.cfg.Discount
		} else {
			m.d[k] = y
		}
		if m.cfg.Discounts != nil {
			m.d3[k] = m.cfg.Discounts[k-1]
		} else {
			m.d3[k] = modifiedDiscounts(coc, y)
		}
	}
	m.compile()
}

func ratioY(coc []int) (float64, bool) {
	n1, n2 := float64(coc[1]), float64(coc[2])
	if n1 == 0 {
		return 0, false
	}
	return n1 / (n1 + 2*n2), true
}

// modifiedDiscounts applies Chen & Goodman's formulas to n1…n4, falling
// back to y for all three when they are undefined or out of range.
func modifiedDiscounts(coc []int, y float64) [3]float64 {
	n1, n2, n3, n4 := float64(coc[1]), float64(coc[2]), float64(coc[3]), float64(coc[4])
	fallback := [3]float64{y, y, y}
	if n1 == 0 || n2 == 0 || n3 == 0 {
		return fallback
	}
	d := [3]float64{1 - 2*y*n2/n1, 2 - 3*y*n3/n2, 3 - 4*y*n4/n3}
	for i, x := range d {
		if !(x > 0 && x <= float64(i+1)) {
			return fallback
		}
	}
	return d
}

// Discounts returns the discounts in use for order k (1 … n): D for
// KneserNey and AbsoluteDiscount, and D1, D2, D3+ for ModifiedKneserNey.
func (m *Model) Discounts(k int) (d float64, d3 [3]float64) {
	if k < 1 || k >= len(m.d) {
		return 0, [3]float64{}
	}
	return m.d[k], m.d3[k]
}

// vocabSize is |V| for add-k smoothing and the uniform floor: every
// predictable type, so all vocabulary entries but <s>. In NLTK mode it is
// len(nltk.lm.Vocabulary): the entries seen at least MinCount times in the
// padded text, plus <UNK>.
func (m *Model) vocabSize() float64 {
	if !m.cfg.NLTK {
		return float64(m.vocab.Len() - 1)
	}
	v := 1
	for id, c := range m.t.levels[1].count {
		if uint32(id) != unkID && int(c) >= m.cfg.MinCount {
			v++
		}
	}
	return float64(v)
}
