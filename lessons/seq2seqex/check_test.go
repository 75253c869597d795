package seq2seqex

import (
	"math"
	"strings"
	"testing"
)

func ngramCount(toks []string, n int) map[string]int {
	m := map[string]int{}
	for i := 0; i+n <= len(toks); i++ {
		m[strings.Join(toks[i:i+n], " ")]++
	}
	return m
}

func rightClipped(hyp, ref []string, n int) (int, int) {
	h, r := ngramCount(hyp, n), ngramCount(ref, n)
	m, t := 0, 0
	for g, c := range h {
		m += min(c, r[g])
		t += c
	}
	return m, t
}

func TestCheckClippedPrecision(t *testing.T) {
	if fb := CheckClippedPrecision(rightClipped); !fb.OK {
		t.Fatalf("right answer fails: %v", fb)
	}
	unclipped := func(hyp, ref []string, n int) (int, int) {
		h, r := ngramCount(hyp, n), ngramCount(ref, n)
		m, t := 0, 0
		for g, c := range h {
			if r[g] > 0 {
				m += c
			}
			t += c
		}
		return m, t
	}
	fb := CheckClippedPrecision(unclipped)
	if fb.OK || !strings.Contains(strings.Join(fb.Hints, " "), "clip") {
		t.Errorf("unclipped answer: %v", fb)
	}
	panics := func(hyp, ref []string, n int) (int, int) { return len(hyp[:n+100]), 0 }
	if fb := CheckClippedPrecision(panics); fb.OK || !strings.Contains(fb.Message, "panicked") {
		t.Errorf("panicking answer: %v", fb)
	}
	skeleton := func(hyp, ref []string, n int) (int, int) { return 0, 0 }
	if fb := CheckClippedPrecision(skeleton); fb.OK {
		t.Errorf("skeleton passes")
	}
}

func TestCheckBrevityPenalty(t *testing.T) {
	right := func(c, r int) float64 {
		if c == 0 {
			return 0
		}
		if c > r {
			return 1
		}
		return math.Exp(1 - float64(r)/float64(c))
	}
	if fb := CheckBrevityPenalty(right); !fb.OK {
		t.Fatalf("right answer fails: %v", fb)
	}
	inverted := func(c, r int) float64 { return math.Exp(1 - float64(c)/float64(r)) }
	if fb := CheckBrevityPenalty(inverted); fb.OK || !strings.Contains(fb.Message, "upside down") {
		t.Errorf("inverted ratio: %v", fb)
	}
	// The right formula with the arguments exchanged, as if f were (r, c).
	swapped := func(c, r int) float64 { return right(r, c) }
	if fb := CheckBrevityPenalty(swapped); fb.OK || !strings.Contains(fb.Message, "exchanged") {
		t.Errorf("swapped arguments: %v", fb)
	}
	symmetric := func(c, r int) float64 { return math.Exp(-math.Abs(1 - float64(r)/float64(c))) }
	if fb := CheckBrevityPenalty(symmetric); fb.OK || !strings.Contains(strings.Join(fb.Hints, " "), "longer") {
		t.Errorf("penalising long outputs: %v", fb)
	}
}

func TestCheckMaskedSoftmax(t *testing.T) {
	right := func(s []float64, pad []bool) []float64 {
		mx := math.Inf(-1)
		for j, v := range s {
			if !pad[j] {
				mx = math.Max(mx, v)
			}
		}
		out := make([]float64, len(s))
		z := 0.0
		for j, v := range s {
			if !pad[j] {
				out[j] = math.Exp(v - mx)
				z += out[j]
			}
		}
		for j := range out {
			out[j] /= z
		}
		return out
	}
	if fb := CheckMaskedSoftmax(right); !fb.OK {
		t.Fatalf("right answer fails: %v", fb)
	}
	unmasked := func(s []float64, pad []bool) []float64 { return right(s, make([]bool, len(s))) }
	if fb := CheckMaskedSoftmax(unmasked); fb.OK || !strings.Contains(strings.Join(fb.Hints, " "), "padded") {
		t.Errorf("unmasked answer: %v", fb)
	}
	naive := func(s []float64, pad []bool) []float64 {
		out := make([]float64, len(s))
		z := 0.0
		for j, v := range s {
			if !pad[j] {
				out[j] = math.Exp(v)
				z += out[j]
			}
		}
		for j := range out {
			out[j] /= z
		}
		return out
	}
	if fb := CheckMaskedSoftmax(naive); fb.OK {
		t.Errorf("overflowing answer passes")
	}
}

// The right score passes; the old |y|^α normalisation, multiplying instead
// of dividing, and no normalisation fail with a hint naming the mistake.
func TestCheckLengthPenalty(t *testing.T) {
	right := func(lp float64, n int, a float64) float64 { return lp / math.Pow((5+float64(n))/6, a) }
	if fb := CheckLengthPenalty(right); !fb.OK {
		t.Fatalf("right answer failed: %v", fb)
	}
	for name, c := range map[string]struct {
		f    func(float64, int, float64) float64
		hint string
	}{
		"n^α":      {func(lp float64, n int, a float64) float64 { return lp / math.Pow(float64(n), a) }, "n^α"},
		"multiply": {func(lp float64, n int, a float64) float64 { return lp * math.Pow((5+float64(n))/6, a) }, "divide by the penalty"},
		"raw":      {func(lp float64, n int, a float64) float64 { return lp }, "math.Pow"},
		"panics":   {func(lp float64, n int, a float64) float64 { panic("boom") }, ""},
	} {
		fb := CheckLengthPenalty(c.f)
		if fb.OK {
			t.Errorf("%s: wrong answer passed", name)
			continue
		}
		if !strings.Contains(fb.String(), c.hint) {
			t.Errorf("%s: feedback %q lacks %q", name, fb.String(), c.hint)
		}
	}
	if CheckLengthPenalty(nil).OK {
		t.Error("nil passed")
	}
}
