package llmex

import (
	"math"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/instruct"
)

// expect checks a feedback's verdict and that its message contains want.
func expect(t *testing.T, name string, f *lessons.Feedback, ok bool, want string) {
	t.Helper()
	if f.OK != ok || !strings.Contains(f.Message, want) {
		t.Errorf("%s: OK = %v, message %q; want OK = %v and a message containing %q", name, f.OK, f.Message, ok, want)
	}
}

func TestCheckResponseMask(t *testing.T) {
	right := func(p, r int) []bool {
		m := make([]bool, p+r)
		for i := p; i < p+r; i++ {
			m[i] = true
		}
		return m
	}
	for _, tc := range []struct {
		name string
		f    func(p, r int) []bool
		ok   bool
		want string
	}{
		{"right", right, true, "only the response"},
		{"inverted", func(p, r int) []bool { return invert(right(p, r)) }, false, "inverted"},
		{"all true", func(p, r int) []bool { return invert(make([]bool, p+r)) }, false, "every token counts"},
		{"off by one", func(p, r int) []bool {
			m := make([]bool, p+r)
			for i := p - 1; i < p+r-1; i++ {
				if i >= 0 {
					m[i] = true
				}
			}
			return m
		}, false, "off by one"},
		{"only response length", func(p, r int) []bool { return invert(make([]bool, r)) }, false, "one per token"},
		{"panics", func(p, r int) []bool { return []bool{}[:p] }, false, "panicked"},
		{"nil", nil, false, "no function"},
	} {
		expect(t, tc.name, CheckResponseMask(tc.f), tc.ok, tc.want)
	}
}

func TestCheckBradleyTerry(t *testing.T) {
	sig := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	stable := func(p, n float64) float64 {
		d := p - n
		if d >= 0 {
			return math.Log1p(math.Exp(-d))
		}
		return -d + math.Log1p(math.Exp(d))
	}
	for _, tc := range []struct {
		name string
		f    func(p, n float64) float64
		ok   bool
		want string
	}{
		{"right and stable", stable, true, "stable"},
		{"naive overflows", func(p, n float64) float64 { return -math.Log(sig(p - n)) }, false, "overflows"},
		{"reversed", func(p, n float64) float64 { return stable(n, p) }, false, "reversed"},
		{"no minus", func(p, n float64) float64 { return -stable(p, n) }, false, "sign is missing"},
		{"one minus sigma", func(p, n float64) float64 { return 1 - sig(p-n) }, false, "1 − σ(d)"},
		{"separate", func(p, n float64) float64 { return stable(p, 0) + stable(0, n) }, false, "separately"},
		{"something else", func(p, n float64) float64 { return p * n }, false, "expected"},
	} {
		expect(t, tc.name, CheckBradleyTerry(tc.f), tc.ok, tc.want)
	}
}

func TestCheckGAE(t *testing.T) {
	gae := func(gl func(g, l float64) float64, forward bool) func(r, v []float64, g, l float64) []float64 {
		return func(r, v []float64, g, l float64) []float64 {
			T := len(r)
			a := make([]float64, T)
			next, acc := 0.0, 0.0
			for t := T - 1; t >= 0; t-- {
				acc = r[t] + g*next - v[t] + gl(g, l)*acc
				a[t] = acc
				next = v[t]
			}
			if forward {
				return forwardGAE(r, v, g, l)
			}
			return a
		}
	}
	gamLam := func(g, l float64) float64 { return g * l }
	for _, tc := range []struct {
		name string
		f    func(r, v []float64, g, l float64) []float64
		ok   bool
		want string
	}{
		{"right", gae(gamLam, false), true, "equal llm.GAE"},
		{"λ only", gae(func(g, l float64) float64 { return l }, false), false, "by λ only"},
		{"TD only", gae(func(g, l float64) float64 { return 0 }, false), false, "one-step"},
		{"forwards", gae(gamLam, true), false, "forwards"},
		{"short", func(r, v []float64, g, l float64) []float64 { return nil }, false, "one per step"},
	} {
		expect(t, tc.name, CheckGAE(tc.f), tc.ok, tc.want)
	}
}

func TestCheckDPO(t *testing.T) {
	logSig := func(x float64) float64 { return -math.Log1p(math.Exp(-x)) }
	dpo := func(pp, pn, rp, rn, b float64) float64 { return -logSig(b * ((pp - rp) - (pn - rn))) }
	for _, tc := range []struct {
		name string
		f    func(pp, pn, rp, rn, b float64) float64
		ok   bool
		want string
	}{
		{"right", dpo, true, "0.5544"},
		{"no reference", func(pp, pn, rp, rn, b float64) float64 { return dpo(pp, pn, 0, 0, b) }, false, "reference model is missing"},
		{"no beta", func(pp, pn, rp, rn, b float64) float64 { return dpo(pp, pn, rp, rn, 1) }, false, "β is missing"},
		{"reversed", func(pp, pn, rp, rn, b float64) float64 { return dpo(pn, pp, rn, rp, b) }, false, "sign is reversed"},
		{"NaN", func(pp, pn, rp, rn, b float64) float64 { return math.NaN() }, false, "not a finite number"},
	} {
		expect(t, tc.name, CheckDPO(tc.f), tc.ok, tc.want)
	}
}

func TestCheckEpochs(t *testing.T) {
	right := func(w, tok []float64, n float64) []float64 {
		sum := 0.0
		for _, x := range w {
			sum += x
		}
		out := make([]float64, len(w))
		for i := range w {
			out[i] = w[i] / sum * n / tok[i]
		}
		return out
	}
	unnormalised := func(w, tok []float64, n float64) []float64 {
		out := make([]float64, len(w))
		for i := range w {
			out[i] = w[i] / 100 * n / tok[i]
		}
		return out
	}
	for _, tc := range []struct {
		name string
		f    func(w, tok []float64, n float64) []float64
		ok   bool
		want string
	}{
		{"right", right, true, "normalised weights"},
		{"unnormalised", unnormalised, false, "not normalised"},
		{"inverted", func(w, tok []float64, n float64) []float64 {
			r := right(w, tok, n)
			for i := range r {
				r[i] = 1 / r[i]
			}
			return r
		}, false, "expected"},
		{"panics", func(w, tok []float64, n float64) []float64 { return []float64{w[10]} }, false, "panicked"},
		{"nil", nil, false, "no function"},
	} {
		expect(t, tc.name, CheckEpochs(tc.f), tc.ok, tc.want)
	}
}

func TestCheckAnswer(t *testing.T) {
	right := func(r string) string {
		if i := strings.Index(r, "\n"); i >= 0 {
			r = r[:i]
		}
		if i := strings.LastIndex(r, "The answer is "); i >= 0 {
			r = r[i+len("The answer is "):]
		}
		return strings.TrimSuffix(strings.TrimSpace(r), ".")
	}
	for _, tc := range []struct {
		name string
		f    func(string) string
		ok   bool
		want string
	}{
		{"right", right, true, "chain of thought or not"},
		{"no newline cut", func(r string) string { return strings.TrimSpace(r) }, false, "expected"},
		{"first marker", func(r string) string {
			if i := strings.Index(r, "The answer is "); i >= 0 {
				r = r[i+14:]
			}
			if i := strings.Index(r, "\n"); i >= 0 {
				r = r[:i]
			}
			return strings.TrimSuffix(strings.TrimSpace(r), ".")
		}, false, "expected"},
		{"panics", func(r string) string { return r[100:] }, false, "panicked"},
		{"nil", nil, false, "no function"},
	} {
		expect(t, tc.name, CheckAnswer(tc.f), tc.ok, tc.want)
	}
}

func TestCheckChatPrompt(t *testing.T) {
	markers := map[string]string{"system": "System: ", "user": "Instruction: ", "assistant": "Answer:"}
	right := func(turns []instruct.Message) string {
		var b strings.Builder
		for _, m := range turns {
			lead := ""
			if m.Role == "assistant" {
				lead = " "
			}
			b.WriteString(markers[m.Role] + lead + m.Content + "\n")
		}
		return b.String() + "Answer:"
	}
	for _, tc := range []struct {
		name string
		f    func([]instruct.Message) string
		ok   bool
		want string
	}{
		{"right", right, true, "earlier turns included"},
		{"last only", func(turns []instruct.Message) string { return right(turns[len(turns)-1:]) }, false, "only the last turn"},
		{"no marker", func(turns []instruct.Message) string { return strings.TrimSuffix(right(turns), "Answer:") }, false, "assistant marker"},
		{"panics", func(turns []instruct.Message) string { return turns[9].Content }, false, "panicked"},
		{"nil", nil, false, "no function"},
	} {
		expect(t, tc.name, CheckChatPrompt(tc.f), tc.ok, tc.want)
	}
}

func TestCheckMeanPool(t *testing.T) {
	right := func(lens []int, T int) [][]float64 {
		S := make([][]float64, len(lens))
		for b, n := range lens {
			S[b] = make([]float64, len(lens)*T)
			for t := range n {
				S[b][b*T+t] = 1 / float64(n)
			}
		}
		return S
	}
	for _, tc := range []struct {
		name string
		f    func([]int, int) [][]float64
		ok   bool
		want string
	}{
		{"right", right, true, "ignores the padding"},
		{"divides by T", func(lens []int, T int) [][]float64 {
			S := right(lens, T)
			for b := range lens {
				for t := range T {
					S[b][b*T+t] = 1 / float64(T)
				}
			}
			return S
		}, false, "own length"},
		{"square", func(lens []int, T int) [][]float64 {
			S := make([][]float64, len(lens))
			for b := range S {
				S[b] = make([]float64, len(lens))
			}
			return S
		}, false, "columns"},
		{"panics", func(lens []int, T int) [][]float64 { return [][]float64{{float64(lens[7])}} }, false, "panicked"},
		{"nil", nil, false, "no function"},
	} {
		expect(t, tc.name, CheckMeanPool(tc.f), tc.ok, tc.want)
	}
}
