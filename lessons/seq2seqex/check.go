package seq2seqex

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/metrics"
)

// safe runs f and turns a panic into an error.
func safe(f func()) error {
	if msg := lessons.Call(f); msg != "" {
		return errors.New(msg)
	}
	return nil
}

type precisionCase struct {
	hyp, ref string
	n        int
}

var precisionCases = []precisionCase{
	{"the cat sat on the mat", "the cat sat on the mat", 1},
	{"the cat sat on a mat", "the cat sat on the mat", 2},
	{"the the the the", "the cat", 1}, // clipping: 1 of 4
	{"the cat the cat", "the cat is on the mat", 2},
	{"a b", "a b c", 3}, // no trigram in the hypothesis: total 0
}

// CheckClippedPrecision checks f(hyp, ref, n), which must return the clipped
// n-gram matches of hyp against ref and the number of n-grams in hyp.
func CheckClippedPrecision(f func(hyp, ref []string, n int) (matches, total int)) *lessons.Feedback {
	const name = "clipped n-gram precision"
	if f == nil {
		return lessons.Fail(name, "no function given")
	}
	for _, c := range precisionCases {
		hyp, ref := strings.Fields(c.hyp), strings.Fields(c.ref)
		want := metrics.BLEU{Tokenize: "none", MaxOrder: c.n, Smooth: metrics.SmoothNone}
		s, err := want.Sentence(c.hyp, c.ref)
		if err != nil {
			return lessons.Fail(name, err.Error())
		}
		wm, wt := s.Counts[c.n-1], s.Totals[c.n-1]
		var gm, gt int
		if err := safe(func() { gm, gt = f(hyp, ref, c.n) }); err != nil {
			return lessons.Fail(name, err.Error(), "a hypothesis shorter than n has no n-grams: check your loop bounds")
		}
		if gt != wt {
			return lessons.Fail(name, fmt.Sprintf("%q, n=%d: total %d n-grams, expected %d", c.hyp, c.n, gt, wt),
				"a sentence of L words has max(0, L−n+1) n-grams")
		}
		if gm != wm {
			hints := []string{"count each n-gram in the hypothesis and in the reference", "matches of an n-gram = min(count in hypothesis, count in reference)"}
			if gm > wm {
				hints = append([]string{"did you clip? an n-gram can match at most as often as it occurs in the reference"}, hints...)
			}
			return lessons.Fail(name, fmt.Sprintf("%q against %q, n=%d: %d matches, expected %d", c.hyp, c.ref, c.n, gm, wm), hints...)
		}
	}
	return lessons.Pass(name, "all %d cases agree with BLEU's clipped counts", len(precisionCases))
}

// bp is BLEU's brevity penalty for a hypothesis of c words and a
// reference of r words.
func bp(c, r int) float64 {
	switch {
	case c == 0:
		return 0
	case c < r:
		return math.Exp(1 - float64(r)/float64(c))
	}
	return 1
}

// CheckBrevityPenalty checks f(c, r), the brevity penalty for a hypothesis
// of c words and a reference of r words.
func CheckBrevityPenalty(f func(c, r int) float64) *lessons.Feedback {
	const name = "brevity penalty"
	if f == nil {
		return lessons.Fail(name, "no function given")
	}
	cases := [][2]int{{10, 10}, {12, 10}, {5, 10}, {9, 10}, {0, 4}}
	got := make([]float64, len(cases))
	for i, cr := range cases {
		if err := safe(func() { got[i] = f(cr[0], cr[1]) }); err != nil {
			return lessons.Fail(name, err.Error())
		}
	}
	// Typical mistakes, recognised on every case where they differ from
	// the right answer: c and r exchanged, or the ratio upside down.
	same := func(g func(c, r int) float64) bool {
		differs := false
		for i, cr := range cases {
			w := g(cr[0], cr[1])
			if math.IsNaN(got[i]) || math.IsInf(w, 0) || math.IsNaN(w) || math.Abs(got[i]-w) > 1e-9 {
				if cr[0] == 0 { // both mistakes divide by c or r = 0 here; ignore it
					continue
				}
				return false
			}
			differs = differs || math.Abs(w-bp(cr[0], cr[1])) > 1e-9
		}
		return differs
	}
	swapped := func(c, r int) float64 { return bp(r, c) }
	upsideDown := func(c, r int) float64 {
		if c == 0 {
			return 0
		}
		if c < r {
			return math.Exp(1 - float64(c)/float64(r))
		}
		return 1
	}
	noCase := func(c, r int) float64 { return math.Exp(1 - float64(c)/float64(r)) }
	for i, cr := range cases {
		c, r := cr[0], cr[1]
		want := bp(c, r)
		if math.IsNaN(got[i]) || math.Abs(got[i]-want) > 1e-9 {
			hints := []string{"BP = 1 if c > r, otherwise exp(1 − r/c)"}
			msg := fmt.Sprintf("c=%d, r=%d: got %.4f, expected %.4f", c, r, got[i], want)
			switch {
			case same(swapped):
				msg += "; your function gives the penalty of a hypothesis of r words against a reference of c words: " +
					"c and r are exchanged (c is the hypothesis length, r the reference length, and it is the short hypothesis that pays)"
			case same(upsideDown) || same(noCase):
				msg += "; you computed exp(1 − c/r): the ratio is upside down, BP = exp(1 − r/c), " +
					"so a hypothesis half as long as the reference gets exp(1 − 2) ≈ 0.37"
			}
			if c > r && got[i] < 1 {
				hints = append(hints, "longer outputs are not penalised by BP (precision already punishes extra words)")
			}
			if c == 0 {
				hints = append(hints, "an empty output gets BP = 0 (avoid dividing by zero)")
			}
			return lessons.Fail(name, msg, hints...)
		}
	}
	return lessons.Pass(name, "right on all %d length pairs", len(cases))
}

// CheckMaskedSoftmax checks f(scores, pad), which must return attention
// weights: a softmax over the positions where pad is false, 0 where it is true.
func CheckMaskedSoftmax(f func(scores []float64, pad []bool) []float64) *lessons.Feedback {
	const name = "masked attention"
	if f == nil {
		return lessons.Fail(name, "no function given")
	}
	cases := []struct {
		s   []float64
		pad []bool
	}{
		{[]float64{1, 2, 3}, []bool{false, false, false}},
		{[]float64{1, 2, 3, 0}, []bool{false, false, false, true}},
		{[]float64{1000, 1001, 5, 7}, []bool{false, false, true, true}}, // needs the max trick
	}
	for _, c := range cases {
		mx := math.Inf(-1)
		for j, v := range c.s {
			if !c.pad[j] {
				mx = math.Max(mx, v)
			}
		}
		want := make([]float64, len(c.s))
		z := 0.0
		for j, v := range c.s {
			if !c.pad[j] {
				want[j] = math.Exp(v - mx)
				z += want[j]
			}
		}
		for j := range want {
			want[j] /= z
		}
		var got []float64
		if err := safe(func() { got = f(c.s, c.pad) }); err != nil {
			return lessons.Fail(name, err.Error())
		}
		if len(got) != len(want) {
			return lessons.Fail(name, fmt.Sprintf("scores %v: %d weights, expected %d", c.s, len(got), len(want)))
		}
		for j := range want {
			if c.pad[j] && got[j] != 0 {
				return lessons.Fail(name, fmt.Sprintf("scores %v, pad %v: padded position %d has weight %.4f", c.s, c.pad, j, got[j]),
					"padded positions must get weight exactly 0 (score −∞), and the softmax runs over the real positions only")
			}
		}
		for j := range want {
			if math.IsNaN(got[j]) || math.Abs(got[j]-want[j]) > 1e-9 {
				hints := []string{"weights are exp(scoreⱼ) / Σₖ exp(scoreₖ) over real positions k"}
				if math.IsNaN(got[j]) || c.s[0] > 100 {
					hints = append(hints, "subtract the largest score before exp to avoid overflow")
				}
				return lessons.Fail(name, fmt.Sprintf("scores %v, pad %v: weight %d is %.4f, expected %.4f", c.s, c.pad, j, got[j], want[j]), hints...)
			}
		}
	}
	return lessons.Pass(name, "right on all %d cases, padding included", len(cases))
}

// CheckLengthPenalty checks f(logP, n, alpha), the length-normalised beam
// score of Wu et al. (2016): logP / lp(n) with lp(n) = ((5 + n)/6)^alpha,
// for a hypothesis of n tokens (</s> included).
func CheckLengthPenalty(f func(logP float64, n int, alpha float64) float64) *lessons.Feedback {
	const name = "length-normalised beam score"
	if f == nil {
		return lessons.Fail(name, "no function given")
	}
	cases := []struct {
		logP  float64
		n     int
		alpha float64
	}{{-3, 1, 0.6}, {-6, 7, 0.6}, {-6, 7, 0}, {-10, 13, 1}, {-2.5, 4, 1}}
	for _, c := range cases {
		want := c.logP / math.Pow((5+float64(c.n))/6, c.alpha)
		var got float64
		if err := safe(func() { got = f(c.logP, c.n, c.alpha) }); err != nil {
			return lessons.Fail(name, err.Error())
		}
		if math.IsNaN(got) || math.Abs(got-want) > 1e-9 {
			hints := []string{"score = log P / ((5 + n)/6)^α; math.Pow does the power"}
			switch {
			case c.alpha == 0 && got != c.logP:
				hints = append(hints, "with α = 0 the score is just log P (no normalisation)")
			case math.Abs(got-c.logP/math.Pow(float64(c.n), c.alpha)) < 1e-9:
				hints = append(hints, "that is log P / n^α; GNMT adds 5 and divides by 6, so short outputs are not favoured as much")
			case math.Abs(got-c.logP*math.Pow((5+float64(c.n))/6, c.alpha)) < 1e-9:
				hints = append(hints, "divide by the penalty: log P is negative, and dividing by lp > 1 makes long outputs less negative")
			}
			return lessons.Fail(name, fmt.Sprintf("log P = %g, n = %d, α = %g: got %.4f, expected %.4f", c.logP, c.n, c.alpha, got, want), hints...)
		}
	}
	return lessons.Pass(name, "right on all %d cases", len(cases))
}
