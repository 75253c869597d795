package seq2seq

import (
	"fmt"
	"math"
	"slices"

	"github.com/lingo-nlp/lingo/nlp/ngram"
	"github.com/lingo-nlp/lingo/plots"
)

// Null is the empty target word of IBM Model 1: source words aligned to it
// have no counterpart in the translation.
const Null = "<null>"

// WordTable is an IBM Model 1 word-translation table t(f | e): the
// probability that target word e is rendered as source word f.
type WordTable struct {
	t map[[2]string]float64 // {f, e} → t(f | e)
}

// TrainIBM1 estimates t(f | e) from sentence pairs by expectation
// maximisation (Brown et al. 1993, Model 1): starting from uniform, every
// source word fⱼ spreads one count over the target words eᵢ (and Null) in
// proportion to t(fⱼ | eᵢ), and t is re-estimated from the counts.
func TrainIBM1(pairs []Pair, iterations int) (*WordTable, error) {
	if len(pairs) == 0 {
		return nil, fmt.Errorf("seq2seq: no pairs for IBM Model 1")
	}
	iterations = max(iterations, 1)
	w := &WordTable{t: map[[2]string]float64{}}
	srcWords := map[string]bool{}
	for _, p := range pairs {
		for _, f := range p.Src {
			srcWords[f] = true
		}
	}
	uniform := 1 / float64(len(srcWords))
	for _, p := range pairs {
		for _, f := range p.Src {
			w.t[[2]string{f, Null}] = uniform
			for _, e := range p.Tgt {
				w.t[[2]string{f, e}] = uniform
			}
		}
	}
	for range iterations {
		count := make(map[[2]string]float64, len(w.t))
		total := map[string]float64{}
		for _, p := range pairs {
			es := append([]string{Null}, p.Tgt...)
			for _, f := range p.Src {
				z := 0.0
				for _, e := range es {
					z += w.t[[2]string{f, e}]
				}
				for _, e := range es {
					c := w.t[[2]string{f, e}] / z
					count[[2]string{f, e}] += c
					total[e] += c
				}
			}
		}
		for k, c := range count {
			w.t[k] = c / total[k[1]]
		}
	}
	return w, nil
}

// Prob returns t(f | e), 0 for pairs never seen together.
func (w *WordTable) Prob(f, e string) float64 { return w.t[[2]string{f, e}] }

// Best returns the k source words most probable as renderings of e.
func (w *WordTable) Best(e string, k int) []string {
	type fp struct {
		f string
		p float64
	}
	var all []fp
	for key, p := range w.t {
		if key[1] == e {
			all = append(all, fp{key[0], p})
		}
	}
	slices.SortFunc(all, func(a, b fp) int {
		if a.p != b.p {
			if a.p > b.p {
				return -1
			}
			return 1
		}
		if a.f < b.f {
			return -1
		}
		return 1
	})
	out := make([]string, 0, k)
	for _, x := range all[:min(k, len(all))] {
		out = append(out, x.f)
	}
	return out
}

// LogProb returns Model 1's log P(x | y) up to the length term:
// Σⱼ log( Σᵢ t(xⱼ | yᵢ) / (|y| + 1) ), i over y and Null, with t floored at
// 1e-7 so that an unknown word costs a lot but not everything.
func (w *WordTable) LogProb(x, y []string) float64 {
	lp := 0.0
	for _, f := range x {
		s := w.Prob(f, Null)
		for _, e := range y {
			s += w.Prob(f, e)
		}
		lp += math.Log(math.Max(s, 1e-7) / float64(len(y)+1))
	}
	return lp
}

// NoisyChannel ranks translations y of a source x by
// log P(x | y) + log P(y): the translation model says whether y means x,
// the language model whether y is good English.
type NoisyChannel struct {
	TM *WordTable
	LM *ngram.Model
}

// Candidate is one scored translation.
type Candidate struct {
	Text  string
	TM    float64 // log P(x | y)
	LM    float64 // log P(y)
	Total float64 // TM + LM
}

// Ranking lists candidates best first.
type Ranking struct {
	Source     string
	Candidates []Candidate
}

var _ plots.Renderer = (*Ranking)(nil)

// LMLogProb returns log P(y) under the n-gram model: every word and </s>
// given the words before it, starting from <s>.
func (nc NoisyChannel) LMLogProb(y []string) float64 {
	ctx := []string{ngram.BOS}
	lp := 0.0
	for _, w := range append(slices.Clone(y), ngram.EOS) {
		lp += nc.LM.LogProb(w, ctx)
		ctx = append(ctx, w)
	}
	return lp
}

// Rank scores every candidate translation of src and sorts them best first.
func (nc NoisyChannel) Rank(src []string, candidates [][]string) (*Ranking, error) {
	if nc.TM == nil || nc.LM == nil {
		return nil, fmt.Errorf("seq2seq: noisy channel needs a translation model and a language model")
	}
	r := &Ranking{Source: Join(src)}
	for _, y := range candidates {
		tm, lm := nc.TM.LogProb(src, y), nc.LMLogProb(y)
		r.Candidates = append(r.Candidates, Candidate{Join(y), tm, lm, tm + lm})
	}
	slices.SortStableFunc(r.Candidates, func(a, b Candidate) int {
		switch {
		case a.Total > b.Total:
			return -1
		case a.Total < b.Total:
			return 1
		}
		return 0
	})
	return r, nil
}

// Table shows the candidates with both log-probabilities and their sum.
func (r *Ranking) Table() *plots.Table {
	t := plots.NewTable("candidate y", "log P(x|y)", "log P(y)", "sum").
		Format("log P(x|y)", "%.2f").Format("log P(y)", "%.2f").Format("sum", "%.2f")
	for _, c := range r.Candidates {
		t.Row(c.Text, c.TM, c.LM, c.Total)
	}
	t.Caption = "x = " + r.Source
	return t
}

// Render shows the table.
func (r *Ranking) Render() plots.Bundle { return r.Table().Render() }
