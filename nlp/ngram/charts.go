package ngram

import (
	"fmt"
	"math"
	"strings"

	"github.com/lingo-nlp/lingo/plots"
)

var (
	_ plots.Renderer = (*OrderCurve)(nil)
	_ plots.Renderer = (*Sparsity)(nil)
)

// OrderCurve is perplexity as a function of the order n, on the training
// sentences and on held-out ones.
type OrderCurve struct {
	Smoothing Smoothing
	Orders    []int
	Train     []float64 // perplexity on the training sentences
	Test      []float64 // perplexity on the held-out sentences (+Inf for MLE on unseen n-grams)
}

// PerplexityByOrder trains one model per order with cfg (Order is
// overridden) and evaluates it on train and test. It is the lecture's
// "perplexity vs n" experiment: training perplexity falls with n, held-out
// perplexity turns up once the n-grams get too sparse.
func PerplexityByOrder(train, test [][]string, orders []int, cfg Config) (*OrderCurve, error) {
	c := &OrderCurve{Orders: orders}
	for _, n := range orders {
		if n < 1 {
			return nil, fmt.Errorf("ngram: orders must be ≥ 1, got %d", n)
		}
		cfg.Order = n
		m, err := Train(train, cfg)
		if err != nil {
			return nil, err
		}
		c.Smoothing = m.cfg.Smoothing
		c.Train = append(c.Train, m.Perplexity(train))
		c.Test = append(c.Test, m.Perplexity(test))
	}
	return c, nil
}

// Render draws both curves (log scale); infinite perplexities are listed
// in the text but not drawn.
func (c *OrderCurve) Render() plots.Bundle {
	var t strings.Builder
	fmt.Fprintf(&t, "perplexity by order (%v)\n   n       train        test\n", c.Smoothing)
	for i, n := range c.Orders {
		fmt.Fprintf(&t, "%4d  %10.2f  %10.2f\n", n, c.Train[i], c.Test[i])
	}
	ch := plots.NewLineChart("Perplexity vs n (" + c.Smoothing.String() + ")")
	ch.XLabel, ch.YLabel, ch.LogY = "n (order)", "perplexity (log scale)", true
	ch.AddXY("train", orders(c.Orders), c.Train).AddXY("held-out", orders(c.Orders), c.Test)
	b := ch.Render()
	b[plots.MIMEText] = t.String()
	return b
}

func orders(ns []int) []float64 {
	xs := make([]float64, len(ns))
	for i, n := range ns {
		xs[i] = float64(n)
	}
	return xs
}

// Sparsity measures how many n-grams of held-out text were never seen in
// training, for n = 1 … N: the reason MLE fails and smoothing is needed.
type Sparsity struct {
	Orders []int
	// Unseen[i] is the share of held-out n-gram tokens of order Orders[i]
	// (in the padded sentences) that never occur in training.
	Unseen []float64
	// Singletons[i] is the share of distinct training n-grams of that
	// order seen exactly once.
	Singletons []float64
}

// MeasureSparsity counts the n-grams of train up to order maxN and checks
// those of test against them.
func MeasureSparsity(train, test [][]string, maxN int) (*Sparsity, error) {
	if maxN < 1 {
		return nil, fmt.Errorf("ngram: maxN must be ≥ 1, got %d", maxN)
	}
	m, err := Train(train, Config{Order: maxN, Smoothing: MLE})
	if err != nil {
		return nil, err
	}
	s := &Sparsity{}
	unseen := make([]int, maxN+1)
	total := make([]int, maxN+1)
	var buf []uint32
	for _, sent := range test {
		buf = append(buf[:0], bosID)
		buf = m.vocab.lookup(sent, buf)
		buf = append(buf, eosID)
		for i := 1; i < len(buf); i++ { // n-grams ending at each predicted token
			for n := 1; n <= maxN && i-n+1 >= 0; n++ {
				total[n]++
				if m.countIDs(buf[i-n+1:i+1]) == 0 {
					unseen[n]++
				}
			}
		}
	}
	for n := 1; n <= maxN; n++ {
		s.Orders = append(s.Orders, n)
		s.Unseen = append(s.Unseen, float64(unseen[n])/math.Max(1, float64(total[n])))
		coc := m.t.countsOfCounts(n, false, 1)
		s.Singletons = append(s.Singletons, float64(coc[1])/math.Max(1, float64(m.NumNGrams(n))))
	}
	return s, nil
}

// Render draws the share of unseen held-out n-grams and of training
// singletons against n.
func (s *Sparsity) Render() plots.Bundle {
	var t strings.Builder
	t.WriteString("sparsity by order\n   n   unseen in held-out   singletons in training\n")
	for i, n := range s.Orders {
		fmt.Fprintf(&t, "%4d   %17.1f%%   %21.1f%%\n", n, 100*s.Unseen[i], 100*s.Singletons[i])
	}
	ch := plots.NewLineChart("Sparsity vs n")
	ch.XLabel, ch.YLabel, ch.Percent = "n (order)", "share of n-grams", true
	ch.AddXY("held-out n-grams unseen in training", orders(s.Orders), s.Unseen).
		AddXY("training n-gram types seen once", orders(s.Orders), s.Singletons)
	b := ch.Render()
	b[plots.MIMEText] = t.String()
	return b
}
