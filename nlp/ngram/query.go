package ngram

import (
	"cmp"
	"math"
	"slices"
)

// ids maps the context to ids, keeping its last Order−1 words.
func (m *Model) ctxIDs(context []string, dst []uint32) []uint32 {
	if n := m.cfg.Order - 1; len(context) > n {
		context = context[len(context)-n:]
	}
	dst = m.vocab.lookup(context, dst)
	for i, id := range dst {
		if !m.known(id) {
			dst[i] = unkID
		}
	}
	return dst
}

func (m *Model) wordID(word string) uint32 {
	id, _ := m.vocab.ID(word)
	if !m.known(id) {
		return unkID
	}
	return id
}

// known reports whether id is a vocabulary entry. It is false only in NLTK
// mode for <s> and </s> when they were not seen MinCount times (unigram
// models have no padding, and NLTK's vocabulary then lacks them).
func (m *Model) known(id uint32) bool {
	if !m.cfg.NLTK || (id != bosID && id != eosID) {
		return true
	}
	return int(m.t.levels[1].count[id]) >= m.cfg.MinCount
}

// Prob returns P(word | context). Only the last Order−1 words of context
// are used; words outside the vocabulary stand as <unk>. The context is
// taken as given: to score the first word of a sentence pass
// []string{"<s>"} (NLTK mode: Order−1 of them).
func (m *Model) Prob(word string, context []string) float64 {
	var buf [16]uint32
	return m.probIDs(m.wordID(word), m.ctxIDs(context, buf[:0]), nil)
}

// LogProb returns the natural logarithm of Prob (−Inf for probability 0).
func (m *Model) LogProb(word string, context []string) float64 {
	return math.Log(m.Prob(word, context))
}

// A Candidate is one row of a next-word table.
type Candidate struct {
	Word  string
	Prob  float64 // P(word | context)
	Count int     // c(context word) at the longest context used; 0 if unseen
	Order int     // longest order n whose n-gram (context word) was seen; 0 if none
}

// NextWords is the table of the most probable next words after a context,
// the lecture's "today the ___" table. It renders with probability bars.
type NextWords struct {
	Context []string
	Words   []Candidate
	Model   string // e.g. "3-gram, modified Kneser–Ney"
}

// NextWords returns the k most probable next words after context, most
// probable first (ties by vocabulary order). k ≤ 0 means all words. The
// start symbol <s> is never proposed.
func (m *Model) NextWords(context []string, k int) *NextWords {
	dist := m.Dist(context)
	var buf [16]uint32
	ctx := m.ctxIDs(context, buf[:0])
	idx := make([]int, 0, len(dist))
	for i, p := range dist {
		if uint32(i) != bosID && p > 0 {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(dist[b], dist[a]) })
	if k > 0 && len(idx) > k {
		idx = idx[:k]
	}
	out := &NextWords{Context: append([]string(nil), context...), Model: m.describe()}
	for _, i := range idx {
		c, order := m.answer(uint32(i), ctx)
		out.Words = append(out.Words, Candidate{Word: m.vocab.Word(uint32(i)), Prob: dist[i], Count: c, Order: order})
	}
	return out
}

// answer finds the longest order whose n-gram (ctx w) was seen, and its count.
func (m *Model) answer(w uint32, ctx []uint32) (count, order int) {
	for start := 0; start <= len(ctx); start++ {
		g := append(append(make([]uint32, 0, len(ctx)+1), ctx[start:]...), w)
		if x, ok := m.t.lookup(g); ok {
			l := &m.t.levels[len(g)]
			if m.cfg.Smoothing != Backoff {
				if l.count[x] == 0 {
					continue
				}
				return int(l.count[x]), len(g)
			}
			if m.logp[len(g)][x] > log10Zero {
				return 0, len(g)
			}
		}
	}
	return 0, 0
}

// Dist returns P(w | context) for every word id w of the vocabulary
// (index = id, see Vocab).
func (m *Model) Dist(context []string) []float64 {
	var buf [16]uint32
	ctx := m.ctxIDs(context, buf[:0])
	out := make([]float64, m.vocab.Len())
	for w := range out {
		if m.known(uint32(w)) {
			out[w] = m.probIDs(uint32(w), ctx, nil)
		}
	}
	return out
}

func (m *Model) describe() string {
	s := itoa(m.cfg.Order) + "-gram, " + m.cfg.Smoothing.String()
	if m.cfg.NLTK {
		s += " (NLTK conventions)"
	}
	return s
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
