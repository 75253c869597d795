package metrics

import (
	"fmt"
	"strings"
)

// CHRF configures chrF like sacreBLEU's CHRF class. The zero value is
// sacreBLEU's default chrF2: character n-grams up to 6, no word n-grams,
// β = 2, case-sensitive, whitespace removed, effective-order averaging.
type CHRF struct {
	CharOrder int     // 0 means 6
	WordOrder int     // 0 for chrF; 2 for chrF++
	Beta      float64 // 0 means 2
	Lowercase bool
	// Whitespace keeps spaces inside character n-grams.
	Whitespace bool
	// EpsSmoothing averages per-order F-scores with ε for empty orders
	// (chrF++.py, NLTK, Moses) instead of averaging precision and recall over
	// the orders present in both strings (sacreBLEU's default).
	EpsSmoothing bool
}

// CHRFScore is a chrF score and the statistics it came from.
type CHRFScore struct {
	Score float64 // 0 … 100
	// Stats holds, per order (characters 1 … CharOrder, then words),
	// the hypothesis n-grams, the reference n-grams and the matches.
	Stats     [][3]int
	Name      string // "chrF2" or "chrF2++"
	Signature string
}

// String formats the score like sacreBLEU: "chrF2 = 59.73".
func (s *CHRFScore) String() string { return fmt.Sprintf("%s = %.2f", s.Name, s.Score) }

func (c CHRF) charOrder() int {
	if c.CharOrder <= 0 {
		return 6
	}
	return c.CharOrder
}

func (c CHRF) beta() float64 {
	if c.Beta <= 0 {
		return 2
	}
	return c.Beta
}

func (c CHRF) name() string {
	n := fmt.Sprintf("chrF%g", c.beta())
	if c.WordOrder > 0 {
		n += strings.Repeat("+", c.WordOrder)
	}
	return n
}

// Signature describes the settings in sacreBLEU's format, e.g.
// "chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:lingo-1".
func (c CHRF) Signature(nrefs int) string {
	n := fmt.Sprint(nrefs)
	if nrefs < 0 {
		n = "var"
	}
	cs, eff, sp := "mixed", "yes", "no"
	if c.Lowercase {
		cs = "lc"
	}
	if c.EpsSmoothing {
		eff = "no"
	}
	if c.Whitespace {
		sp = "yes"
	}
	return fmt.Sprintf("%s|nrefs:%s|case:%s|eff:%s|nc:%d|nw:%d|space:%s|version:%s",
		c.name(), n, cs, eff, c.charOrder(), c.WordOrder, sp, Version)
}

// CorpusCHRF is CHRF{}.Corpus: sacreBLEU's corpus_chrf with its defaults.
func CorpusCHRF(hyps []string, refs [][]string) (*CHRFScore, error) {
	return CHRF{}.Corpus(hyps, refs)
}

// SentenceCHRF is CHRF{}.Sentence.
func SentenceCHRF(hyp string, refs ...string) (*CHRFScore, error) {
	return CHRF{}.Sentence(hyp, refs...)
}

// Sentence scores one hypothesis against its references.
func (c CHRF) Sentence(hyp string, refs ...string) (*CHRFScore, error) {
	return c.Corpus([]string{hyp}, [][]string{refs})
}

// Corpus scores hypotheses against their references (refs[i] for hyps[i]):
// for each segment the reference with the best F-score is kept, the
// statistics are summed over segments and the F-score is computed once.
func (c CHRF) Corpus(hyps []string, refs [][]string) (*CHRFScore, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	if len(hyps) != len(refs) {
		return nil, fmt.Errorf("metrics: %d hypotheses but %d reference lists: %w", len(hyps), len(refs), ErrLength)
	}
	orders := c.charOrder() + max(0, c.WordOrder)
	total := make([][3]int, orders)
	nrefs := 0
	for i, h := range hyps {
		if len(refs[i]) == 0 {
			return nil, fmt.Errorf("metrics: hypothesis %d has no reference", i)
		}
		if i == 0 {
			nrefs = len(refs[i])
		} else if nrefs != len(refs[i]) {
			nrefs = -1
		}
		hg := c.ngrams(h)
		var best [][3]int
		bestF := -1.0
		for _, r := range refs[i] {
			rg := c.ngrams(r)
			st := make([][3]int, orders)
			for o := range orders {
				st[o] = matchStats(hg[o], rg[o])
			}
			if f := c.fScore(st); f > bestF {
				best, bestF = st, f
			}
		}
		for o := range orders {
			for k := range 3 {
				total[o][k] += best[o][k]
			}
		}
	}
	return &CHRFScore{Score: c.fScore(total), Stats: total, Name: c.name(), Signature: c.Signature(nrefs)}, nil
}

// ngrams returns the character n-gram counts for n = 1 … CharOrder followed
// by the word n-gram counts for n = 1 … WordOrder.
func (c CHRF) ngrams(s string) []map[string]int {
	if c.Lowercase {
		s = strings.ToLower(s)
	}
	line := s
	if !c.Whitespace {
		line = strings.Join(splitSpace(s), "")
	}
	r := []rune(line)
	var out []map[string]int
	for n := 1; n <= c.charOrder(); n++ {
		m := map[string]int{}
		for i := 0; i+n <= len(r); i++ {
			m[string(r[i:i+n])]++
		}
		out = append(out, m)
	}
	if c.WordOrder > 0 {
		words := splitPunct(s)
		for n := 1; n <= c.WordOrder; n++ {
			out = append(out, ngramCounts(words, n))
		}
	}
	return out
}

const asciiPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// splitPunct splits s on whitespace and detaches one punctuation character
// from the end (else the start) of each word longer than one character, as
// chrF++ does.
func splitPunct(s string) []string {
	var out []string
	for _, w := range splitSpace(s) {
		r := []rune(w)
		switch {
		case len(r) == 1:
			out = append(out, w)
		case strings.ContainsRune(asciiPunct, r[len(r)-1]):
			out = append(out, string(r[:len(r)-1]), string(r[len(r)-1]))
		case strings.ContainsRune(asciiPunct, r[0]):
			out = append(out, string(r[0]), string(r[1:]))
		default:
			out = append(out, w)
		}
	}
	return out
}

// matchStats returns the hypothesis count, reference count and matches.
func matchStats(h, r map[string]int) [3]int {
	var s [3]int
	for g, c := range h {
		s[0] += c
		s[2] += min(c, r[g])
	}
	for _, c := range r {
		s[1] += c
	}
	return s
}

// fScore is sacreBLEU's CHRF._compute_f_score on summed statistics.
func (c CHRF) fScore(st [][3]int) float64 {
	const eps = 1e-16
	factor := c.beta() * c.beta()
	score, avgP, avgR, eff := 0.0, 0.0, 0.0, 0
	for _, s := range st {
		nHyp, nRef, nMatch := float64(s[0]), float64(s[1]), float64(s[2])
		p, r := eps, eps
		if nHyp > 0 {
			p = nMatch / nHyp
		}
		if nRef > 0 {
			r = nMatch / nRef
		}
		if d := factor*p + r; d > 0 {
			score += (1 + factor) * p * r / d
		} else {
			score += eps
		}
		if nHyp > 0 && nRef > 0 {
			avgP += p
			avgR += r
			eff++
		}
	}
	if c.EpsSmoothing {
		return 100 * score / float64(len(st))
	}
	if eff == 0 {
		return 0
	}
	avgP /= float64(eff)
	avgR /= float64(eff)
	if avgP+avgR == 0 {
		return 0
	}
	return 100 * (1 + factor) * avgP * avgR / (factor*avgP + avgR)
}
