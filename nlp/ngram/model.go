package ngram

import (
	"errors"
	"fmt"
	"math"
)

// Smoothing selects how counts become probabilities.
type Smoothing int

const (
	// ModifiedKneserNey is interpolated Kneser–Ney with three discounts per
	// order, D1, D2 and D3+ (Chen & Goodman 1998), the estimator of KenLM's
	// lmplz. It is the zero value, so Config{} gets it.
	ModifiedKneserNey Smoothing = iota
	// KneserNey is interpolated Kneser–Ney with one discount per order.
	KneserNey
	// MLE is the maximum-likelihood estimate c(h w) / c(h •), no smoothing.
	MLE
	// Laplace is add-one smoothing.
	Laplace
	// Lidstone is add-k smoothing with k = Config.K.
	Lidstone
	// StupidBackoff is Brants et al.'s (2007) unnormalised backoff score.
	StupidBackoff
	// WittenBell is interpolated Witten–Bell smoothing.
	WittenBell
	// AbsoluteDiscount is interpolated absolute discounting (Ney et al. 1994).
	AbsoluteDiscount
	// Backoff is a model read from an ARPA file: stored probabilities and
	// backoff weights, no counts.
	Backoff
)

var smoothingNames = [...]string{"modified Kneser–Ney", "Kneser–Ney", "MLE", "Laplace", "Lidstone", "stupid backoff", "Witten–Bell", "absolute discounting", "ARPA backoff"}

func (s Smoothing) String() string {
	if s < 0 || int(s) >= len(smoothingNames) {
		return fmt.Sprintf("Smoothing(%d)", int(s))
	}
	return smoothingNames[s]
}

// Config describes a model. The zero value of every field is a usable
// default, noted beside it.
type Config struct {
	Order     int       // n, the longest n-gram; 0 means 3
	Smoothing Smoothing // estimator; zero value ModifiedKneserNey
	// K is Lidstone's added count; 0 means 0.5. Laplace always adds 1.
	K float64
	// Discount is the fixed discount of AbsoluteDiscount and KneserNey at
	// every order. 0 means: estimate D = n1/(n1+2·n2) per order from
	// counts of counts (Ney et al.), or in NLTK mode use NLTK's defaults
	// (0.75 and 0.1).
	Discount float64
	// Discounts fixes modified Kneser–Ney's discounts: Discounts[k-1] holds
	// D1, D2, D3+ of order k. Nil means estimate them (see doc.go).
	Discounts [][3]float64
	// Alpha is Stupid Backoff's backoff factor; 0 means 0.4.
	Alpha float64
	// MinCount: training words seen fewer times become <unk>; 0 means 1
	// (keep every word).
	MinCount int
	// NLTK switches to nltk.lm 3.8's conventions, to reproduce its numbers
	// exactly; see doc.go for the list.
	NLTK bool
}

func (c Config) withDefaults() (Config, error) {
	if c.Order == 0 {
		c.Order = 3
	}
	if c.Order < 1 || c.Order > 255 {
		return c, fmt.Errorf("ngram: order must be in 1…255, got %d", c.Order)
	}
	if c.Smoothing < 0 || c.Smoothing > AbsoluteDiscount {
		return c, fmt.Errorf("ngram: cannot train with smoothing %v", c.Smoothing)
	}
	if c.K == 0 {
		c.K = 0.5
	}
	if c.Smoothing == Laplace {
		c.K = 1
	}
	if !(c.K > 0) || math.IsInf(c.K, 0) {
		return c, fmt.Errorf("ngram: Lidstone's k must be positive, got %v", c.K)
	}
	if c.Alpha == 0 {
		c.Alpha = 0.4
	}
	if !(c.Alpha > 0 && c.Alpha <= 1) {
		return c, fmt.Errorf("ngram: stupid backoff alpha must be in (0, 1], got %v", c.Alpha)
	}
	if c.MinCount == 0 {
		c.MinCount = 1
	}
	if c.MinCount < 0 {
		return c, fmt.Errorf("ngram: MinCount must be ≥ 0, got %d", c.MinCount)
	}
	if !(c.Discount >= 0 && c.Discount <= 1) {
		return c, fmt.Errorf("ngram: discount must be in [0, 1], got %v", c.Discount)
	}
	if c.NLTK && c.Discount == 0 {
		switch c.Smoothing {
		case AbsoluteDiscount:
			c.Discount = 0.75
		case KneserNey:
			c.Discount = 0.1
		}
	}
	if c.Discounts != nil && len(c.Discounts) != c.Order {
		return c, fmt.Errorf("ngram: Discounts needs one triple per order (%d), got %d", c.Order, len(c.Discounts))
	}
	for k, d := range c.Discounts {
		for i, x := range d {
			if !(x >= 0 && x <= float64(i+1)) {
				return c, fmt.Errorf("ngram: discount D%d of order %d must be in [0, %d], got %v", i+1, k+1, i+1, x)
			}
		}
	}
	if (c.Smoothing == KneserNey || c.Smoothing == ModifiedKneserNey) && c.NLTK && c.Order < 2 {
		return c, errors.New("ngram: NLTK's Kneser–Ney needs order ≥ 2")
	}
	return c, nil
}

// Model is an n-gram language model: counts in a trie plus an estimator.
// It is safe for concurrent queries once built.
type Model struct {
	cfg   Config
	vocab *Vocab
	t     *trie
	// per-order discounts, index k = order of the discounted n-gram
	d  []float64    // KneserNey, AbsoluteDiscount
	d3 [][3]float64 // ModifiedKneserNey
	// ARPA models: log10 probability and backoff per node, per level
	logp, bow [][]float64
	V         float64 // |V| of add-k and of the uniform floor, see vocabSize
	// compiled back-off form of interpolated models (compile.go)
	cp, cb [][]float64
}

// Train counts the n-grams of the tokenised sentences and returns a model.
// Sentences are padded with <s> and </s>; words seen fewer than
// cfg.MinCount times become <unk>.
func Train(sentences [][]string, cfg Config) (*Model, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	ntok := 0
	for _, s := range sentences {
		ntok += len(s) + 2*max(1, cfg.Order-1)
	}
	if ntok >= math.MaxUint32 {
		return nil, fmt.Errorf("ngram: corpus too large (%d tokens); counts are 32-bit", ntok)
	}
	v, tok, starts := encodeCorpus(sentences, cfg.Order, cfg.MinCount, cfg.NLTK)
	m := &Model{cfg: cfg, vocab: v, t: countTrie(tok, starts, v.Len(), cfg.Order, cfg.NLTK)}
	m.setDiscounts()
	return m, nil
}

// WithSmoothing returns a model sharing m's counts with another estimator
// (the other Config fields are kept). It is cheap: no recounting.
func (m *Model) WithSmoothing(s Smoothing) (*Model, error) {
	if m.cfg.Smoothing == Backoff {
		return nil, errors.New("ngram: an ARPA model has no counts to re-smooth")
	}
	cfg := m.cfg
	cfg.Smoothing = s
	if s != Laplace && m.cfg.Smoothing == Laplace {
		cfg.K = 0
	}
	if s != m.cfg.Smoothing && m.cfg.NLTK {
		cfg.Discount = 0 // NLTK's default discounts differ per estimator
	}
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	m2 := &Model{cfg: cfg, vocab: m.vocab, t: m.t}
	m2.setDiscounts()
	return m2, nil
}

// WithEstimator returns a model sharing m's counts with the estimator of
// c: its Smoothing, K, Discount, Discounts and Alpha (zero values mean
// the defaults, as in Train). c's Order, MinCount and NLTK must be zero
// or equal to m's: they shape the counts. It is cheap — no recounting —
// so a notebook can re-smooth on every move of a slider.
func (m *Model) WithEstimator(c Config) (*Model, error) {
	if m.cfg.Smoothing == Backoff {
		return nil, errors.New("ngram: an ARPA model has no counts to re-smooth")
	}
	if c.Order != 0 && c.Order != m.cfg.Order {
		return nil, fmt.Errorf("ngram: WithEstimator cannot change the order (%d) to %d", m.cfg.Order, c.Order)
	}
	if c.MinCount != 0 && c.MinCount != m.cfg.MinCount {
		return nil, fmt.Errorf("ngram: WithEstimator cannot change MinCount (%d) to %d", m.cfg.MinCount, c.MinCount)
	}
	if c.NLTK && !m.cfg.NLTK {
		return nil, errors.New("ngram: WithEstimator cannot switch to NLTK mode; train with NLTK set")
	}
	c.Order, c.MinCount, c.NLTK = m.cfg.Order, m.cfg.MinCount, m.cfg.NLTK
	c, err := c.withDefaults()
	if err != nil {
		return nil, err
	}
	m2 := &Model{cfg: c, vocab: m.vocab, t: m.t}
	m2.setDiscounts()
	return m2, nil
}

// Order returns n.
func (m *Model) Order() int { return m.cfg.Order }

// Config returns the configuration with defaults filled in.
func (m *Model) Config() Config { return m.cfg }

// Vocab returns the vocabulary.
func (m *Model) Vocab() *Vocab { return m.vocab }

// Count returns the raw training count of the n-gram (0 if unseen or
// longer than the order); words outside the vocabulary count as <unk>.
// Count(nil) is the number of counted tokens (words and </s>; in NLTK mode
// also the padding).
func (m *Model) Count(ngram []string) int {
	if m.cfg.Smoothing == Backoff || len(ngram) > m.cfg.Order {
		return 0
	}
	if len(ngram) == 0 {
		return int(m.t.levels[0].ctx[0].sum)
	}
	ids := m.vocab.lookup(ngram, nil)
	x, ok := m.t.lookup(ids)
	if !ok {
		return 0
	}
	return int(m.t.levels[len(ids)].count[x])
}

// NumNGrams returns the number of distinct n-grams of order n seen in
// training (for ARPA models: listed in the file).
func (m *Model) NumNGrams(n int) int {
	if n < 1 || n > m.cfg.Order {
		return 0
	}
	l := &m.t.levels[n]
	if n > 1 {
		return len(l.word)
	}
	k := 0
	for i := range l.word {
		if m.cfg.Smoothing == Backoff || l.count[i] > 0 {
			k++
		}
	}
	return k
}

// CountsOfCounts returns n_r, the number of distinct n-grams of order n
// seen exactly r times, for r = 0 … rmax (n_0 is left 0). With adjusted set
// it uses Kneser–Ney adjusted counts (continuation counts below the top
// order), from which the KN discounts are estimated.
func (m *Model) CountsOfCounts(n int, adjusted bool, rmax int) []int {
	if m.cfg.Smoothing == Backoff || n < 1 || n > m.cfg.Order || rmax < 0 {
		return nil
	}
	return m.t.countsOfCounts(n, adjusted, rmax)
}
