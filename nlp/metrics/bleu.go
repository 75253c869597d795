package metrics

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Version names this implementation in signatures, in place of sacreBLEU's
// version number.
const Version = "lingo-1"

// Smoothing selects how BLEU treats an n-gram order with no match
// (Chen & Cherry 2014). The zero value is SmoothExp, sacreBLEU's default.
type Smoothing int

const (
	// SmoothExp is mteval-v13a.pl's method: the k-th order with no match gets
	// precision 1/(2ᵏ·total) (Chen & Cherry's method 3).
	SmoothExp Smoothing = iota
	// SmoothNone leaves a zero precision at zero (BLEU 0).
	SmoothNone
	// SmoothFloor gives an order with no match precision SmoothValue/total
	// (default 0.1; method 1).
	SmoothFloor
	// SmoothAddK adds SmoothValue (default 1) to the matches and totals of
	// every order above 1 (method 2).
	SmoothAddK
)

func (s Smoothing) String() string {
	switch s {
	case SmoothExp:
		return "exp"
	case SmoothNone:
		return "none"
	case SmoothFloor:
		return "floor"
	case SmoothAddK:
		return "add-k"
	}
	return fmt.Sprintf("Smoothing(%d)", int(s))
}

// BLEU configures BLEU like sacreBLEU's BLEU class. The zero value is
// sacreBLEU's default for corpus scores: case-sensitive, 13a tokenisation,
// exp smoothing, n-grams up to 4, no effective order.
type BLEU struct {
	Lowercase bool
	// Tokenize is "13a" (the default, also for "") or "none".
	Tokenize string
	Smooth   Smoothing
	// SmoothValue is the floor or k; 0 means the default (0.1 floor, 1 add-k).
	SmoothValue float64
	// MaxOrder is the largest n; 0 means 4.
	MaxOrder int
	// EffectiveOrder drops the orders the hypothesis is too short to have
	// (total 0) from the geometric mean; sacreBLEU uses it for sentence BLEU.
	EffectiveOrder bool
}

// BLEUScore is a BLEU score with the statistics it came from.
//
// Counts and Totals are the raw statistics, whatever the smoothing. With
// SmoothAddK sacreBLEU 2.6 reports them with k added for n > 1 (it adds k
// in place before taking the precisions); the score and the precisions are
// the same.
type BLEUScore struct {
	Score      float64   // 0 … 100
	Counts     []int     // clipped n-gram matches, n = 1 … MaxOrder
	Totals     []int     // hypothesis n-grams
	Precisions []float64 // smoothed precisions, in percent
	BP         float64   // brevity penalty
	HypLen     int       // hypothesis tokens
	RefLen     int       // closest reference tokens
	Signature  string
}

// Ratio returns HypLen / RefLen (0 when RefLen is 0).
func (s *BLEUScore) Ratio() float64 {
	if s.RefLen == 0 {
		return 0
	}
	return float64(s.HypLen) / float64(s.RefLen)
}

// String formats the score like sacreBLEU:
// "BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)".
func (s *BLEUScore) String() string {
	p := make([]string, len(s.Precisions))
	for i, v := range s.Precisions {
		p[i] = fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("BLEU = %.2f %s (BP = %.3f ratio = %.3f hyp_len = %d ref_len = %d)",
		s.Score, strings.Join(p, "/"), s.BP, s.Ratio(), s.HypLen, s.RefLen)
}

func (b BLEU) order() int {
	if b.MaxOrder <= 0 {
		return 4
	}
	return b.MaxOrder
}

func (b BLEU) tok() string {
	if b.Tokenize == "" {
		return "13a"
	}
	return b.Tokenize
}

// Signature describes the settings for a corpus with nrefs references per
// segment (−1 for a variable number), in sacreBLEU's format:
// "BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:lingo-1".
// Like sacreBLEU's, it does not record MaxOrder.
func (b BLEU) Signature(nrefs int) string {
	n := fmt.Sprint(nrefs)
	if nrefs < 0 {
		n = "var"
	}
	c, eff := "mixed", "no"
	if b.Lowercase {
		c = "lc"
	}
	if b.EffectiveOrder {
		eff = "yes"
	}
	smooth := b.Smooth.String()
	if b.Smooth == SmoothFloor || b.Smooth == SmoothAddK {
		smooth += fmt.Sprintf("[%.2f]", b.smoothValue())
	}
	return fmt.Sprintf("BLEU|nrefs:%s|case:%s|eff:%s|tok:%s|smooth:%s|version:%s",
		n, c, eff, b.tok(), smooth, Version)
}

func (b BLEU) smoothValue() float64 {
	if b.SmoothValue != 0 {
		return b.SmoothValue
	}
	if b.Smooth == SmoothAddK {
		return 1
	}
	return 0.1
}

func (b BLEU) check() error {
	if b.Tokenize != "" && b.Tokenize != "13a" && b.Tokenize != "none" {
		return fmt.Errorf("metrics: unknown tokeniser %q (want \"13a\" or \"none\")", b.Tokenize)
	}
	if b.Smooth < SmoothExp || b.Smooth > SmoothAddK {
		return fmt.Errorf("metrics: unknown smoothing %d", int(b.Smooth))
	}
	if err := order("BLEU", "MaxOrder", b.MaxOrder); err != nil {
		return err
	}
	return nonNegative("BLEU", "SmoothValue", b.SmoothValue)
}

// ErrLength is wrapped by errors about hypotheses and references of
// different counts.
var ErrLength = errors.New("length mismatch")

// Corpus scores hypotheses against their references: refs[i] holds the
// references of hyps[i] (at least one each). Counts are summed over the
// corpus before the precisions are taken.
func (b BLEU) Corpus(hyps []string, refs [][]string) (*BLEUScore, error) {
	if err := b.check(); err != nil {
		return nil, err
	}
	if len(hyps) != len(refs) {
		return nil, fmt.Errorf("metrics: %d hypotheses but %d reference lists: %w", len(hyps), len(refs), ErrLength)
	}
	N := b.order()
	counts, totals := make([]int, N), make([]int, N)
	hypLen, refLen, nrefs := 0, 0, 0
	for i, h := range hyps {
		if len(refs[i]) == 0 {
			return nil, fmt.Errorf("metrics: hypothesis %d has no reference", i)
		}
		if i == 0 {
			nrefs = len(refs[i])
		} else if nrefs != len(refs[i]) {
			nrefs = -1
		}
		c, t, hl, rl := b.segmentStats(h, refs[i])
		for n := range N {
			counts[n] += c[n]
			totals[n] += t[n]
		}
		hypLen += hl
		refLen += rl
	}
	s := b.score(counts, totals, hypLen, refLen)
	s.Signature = b.Signature(nrefs)
	return s, nil
}

// Sentence scores one hypothesis against its references. Use
// EffectiveOrder (as SentenceBLEU does) for sacreBLEU's sentence_bleu.
func (b BLEU) Sentence(hyp string, refs ...string) (*BLEUScore, error) {
	return b.Corpus([]string{hyp}, [][]string{refs})
}

// CorpusBLEU is BLEU{}.Corpus: sacreBLEU's corpus_bleu with its defaults.
func CorpusBLEU(hyps []string, refs [][]string) (*BLEUScore, error) {
	return BLEU{}.Corpus(hyps, refs)
}

// SentenceBLEU is sacreBLEU's sentence_bleu with its defaults: 13a, exp
// smoothing, effective order.
func SentenceBLEU(hyp string, refs ...string) (*BLEUScore, error) {
	return BLEU{EffectiveOrder: true}.Sentence(hyp, refs...)
}

func (b BLEU) prep(s string) []string {
	if b.Lowercase {
		s = strings.ToLower(s)
	}
	return tokenize(b.tok(), s)
}

// segmentStats returns clipped matches and totals per order, the hypothesis
// length and the closest reference length (ties to the shorter).
func (b BLEU) segmentStats(hyp string, refs []string) (counts, totals []int, hypLen, refLen int) {
	N := b.order()
	h := b.prep(hyp)
	hypLen = len(h)
	maxRef := map[ngramKey]int{}
	refLen = -1
	for _, r := range refs {
		toks := b.prep(r)
		d, best := abs(len(toks)-hypLen), abs(refLen-hypLen)
		if refLen < 0 || d < best || (d == best && len(toks) < refLen) {
			refLen = len(toks)
		}
		for n := 1; n <= N; n++ {
			for g, c := range ngramCounts(toks, n) {
				k := ngramKey{n, g}
				maxRef[k] = max(maxRef[k], c)
			}
		}
	}
	counts, totals = make([]int, N), make([]int, N)
	for n := 1; n <= N; n++ {
		totals[n-1] = max(0, hypLen-n+1)
		for g, c := range ngramCounts(h, n) {
			counts[n-1] += min(c, maxRef[ngramKey{n, g}])
		}
	}
	return counts, totals, hypLen, refLen
}

type ngramKey struct {
	n int
	g string
}

// ngramCounts counts the n-grams of toks. An n-gram's key is its tokens,
// each preceded by its length, so that no two n-grams share a key whatever
// bytes the tokens hold.
func ngramCounts(toks []string, n int) map[string]int {
	m := make(map[string]int, len(toks))
	var b []byte
	for i := 0; i+n <= len(toks); i++ {
		b = b[:0]
		for _, t := range toks[i : i+n] {
			b = strconv.AppendInt(b, int64(len(t)), 10)
			b = append(b, ':')
			b = append(b, t...)
		}
		m[string(b)]++
	}
	return m
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// score turns the sufficient statistics into BLEU, as sacreBLEU's
// compute_bleu does.
func (b BLEU) score(counts, totals []int, hypLen, refLen int) *BLEUScore {
	N := b.order()
	s := &BLEUScore{Counts: counts, Totals: totals, Precisions: make([]float64, N), BP: 1, HypLen: hypLen, RefLen: refLen}
	if hypLen < refLen {
		s.BP = 0
		if hypLen > 0 {
			s.BP = math.Exp(1 - float64(refLen)/float64(hypLen))
		}
	}
	any := false
	for _, c := range counts {
		any = any || c > 0
	}
	if !any {
		return s
	}
	k := b.smoothValue()
	smoothExp := 1.0
	eff := N
	for n := 1; n <= N; n++ {
		c, t := float64(counts[n-1]), float64(totals[n-1])
		if b.Smooth == SmoothAddK && n > 1 {
			c += k
			t += k
		}
		if t == 0 {
			break
		}
		if b.EffectiveOrder {
			eff = n
		}
		switch {
		case c != 0:
			s.Precisions[n-1] = 100 * c / t
		case b.Smooth == SmoothExp:
			smoothExp *= 2
			s.Precisions[n-1] = 100 / (smoothExp * t)
		case b.Smooth == SmoothFloor:
			s.Precisions[n-1] = 100 * k / t
		}
	}
	sum := 0.0
	for _, p := range s.Precisions[:eff] {
		if p == 0 {
			sum += -9999999999 // sacreBLEU's my_log(0)
		} else {
			sum += math.Log(p)
		}
	}
	s.Score = s.BP * math.Exp(sum/float64(eff))
	return s
}
