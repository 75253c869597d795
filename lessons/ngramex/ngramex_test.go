package ngramex

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/ngram"
)

// toy is a small corpus in the lecture's spirit; the expected counts in the
// tests below are read off it by hand.
var toy = [][]string{
	strings.Fields("today the price of oil rose"),
	strings.Fields("today the company said the price of gold fell"),
	strings.Fields("the students opened their books"),
	strings.Fields("the students opened their exams today"),
	strings.Fields("today the bank opened"),
	strings.Fields("we must act"),
	strings.Fields("we must not wait"),
	strings.Fields("they opened their doors"),
	strings.Fields("the value of money"),
	strings.Fields("we must read books"),
}

var heldOut = [][]string{
	strings.Fields("the students opened their minds"),
	strings.Fields("today the price of oil fell"),
}

func train(t *testing.T, order int, s ngram.Smoothing) *ngram.Model {
	t.Helper()
	m, err := ngram.Train(toy, ngram.Config{Order: order, Smoothing: s})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// mleRef is the reference solution of the first exercise.
func mleRef(m *ngram.Model, word string, context []string) float64 {
	ch := m.Count(context)
	if ch == 0 {
		return 0
	}
	return float64(m.Count(append(context, word))) / float64(ch)
}

func TestMLECases(t *testing.T) {
	m := train(t, 4, ngram.ModifiedKneserNey)
	cases := MLECases(m)
	// "students opened their" is seen twice, followed by books and exams
	// (1/2 each); "price of" (cut from "today the price of") twice, by oil
	// and gold; after each context comes a word never seen there, and last
	// "zebras opened" is an unseen context.
	if len(cases) < 4 || !slices.Equal(cases[0].Context, []string{"students", "opened", "their"}) {
		t.Fatalf("cases = %v", cases)
	}
	if got := m.Count(append(slices.Clone(cases[0].Context), cases[0].Word)); got != 1 {
		t.Errorf("c(%v %s) = %d, want 1", cases[0].Context, cases[0].Word, got)
	}
	last := cases[len(cases)-1]
	if m.Count(last.Context) != 0 {
		t.Errorf("last case %v should have an unseen context", last)
	}
}

func TestCheckMLE(t *testing.T) {
	tests := []struct {
		name string
		f    func(m *ngram.Model, word string, context []string) float64
		ok   bool
		want string // part of the message
	}{
		{"reference", mleRef, true, "right on all"},
		{"library", func(m *ngram.Model, w string, h []string) float64 {
			mle, _ := m.WithSmoothing(ngram.MLE)
			return mle.Prob(w, h)
		}, true, "right"},
		{"skeleton", func(m *ngram.Model, w string, h []string) float64 { return 0 }, false, "int division"},
		{"int division", func(m *ngram.Model, w string, h []string) float64 {
			if m.Count(h) == 0 {
				return 0
			}
			return float64(m.Count(append(h, w)) / m.Count(h))
		}, false, "int division"},
		{"unigram", func(m *ngram.Model, w string, h []string) float64 {
			return float64(m.Count([]string{w})) / float64(m.Count(nil))
		}, false, "unigram probability"},
		{"bigram", func(m *ngram.Model, w string, h []string) float64 {
			if m.Count(h) == 0 {
				return 0
			}
			return mleRef(m, w, h[len(h)-1:])
		}, false, "last context word only"},
		{"joint", func(m *ngram.Model, w string, h []string) float64 {
			return float64(m.Count(append(h, w))) / float64(m.Count(nil))
		}, false, "probability of the whole n-gram"},
		{"laplace", func(m *ngram.Model, w string, h []string) float64 {
			return (float64(m.Count(append(h, w))) + 1) / (float64(m.Count(h)) + m.V)
		}, false, "Laplace"},
		{"NaN on unseen context", func(m *ngram.Model, w string, h []string) float64 {
			return float64(m.Count(append(h, w))) / float64(m.Count(h))
		}, false, "never seen"},
		{"panics", func(m *ngram.Model, w string, h []string) float64 { return float64(h[5:][0][0]) }, false, "panicked"},
		{"nil", nil, false, "no function"},
	}
	m := train(t, 4, ngram.ModifiedKneserNey)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fb := CheckMLE(m, tt.f)
			if fb.OK != tt.ok || !strings.Contains(fb.Message, tt.want) {
				t.Errorf("got %v %q, want %v and a message containing %q", fb.OK, fb.Message, tt.ok, tt.want)
			}
			if !fb.OK && tt.f != nil && len(fb.Hints) == 0 {
				t.Errorf("a failing answer gets no hints")
			}
		})
	}
	// Other orders and a model whose contexts are not in MLEContexts.
	for _, order := range []int{2, 3, 5} {
		if fb := CheckMLE(train(t, order, ngram.Laplace), mleRef); !fb.OK {
			t.Errorf("order %d: %s", order, fb)
		}
	}
	other, _ := ngram.Train([][]string{{"a", "b", "a", "c"}}, ngram.Config{Order: 2})
	if fb := CheckMLE(other, mleRef); !fb.OK || len(MLECases(other)) == 0 {
		t.Errorf("other corpus: %s", fb)
	}
	if fb := CheckMLE(nil, mleRef); fb.OK {
		t.Errorf("nil model passed")
	}
	if fb := CheckMLE(train(t, 1, ngram.MLE), mleRef); fb.OK {
		t.Errorf("unigram model passed")
	}
}

// logProbsRef is the reference solution of the second exercise.
func logProbsRef(m *ngram.Model, sentence []string) []float64 {
	history := []string{ngram.BOS}
	var out []float64
	for _, w := range append(sentence, ngram.EOS) {
		out = append(out, m.LogProb(w, history))
		history = append(history, w)
	}
	return out
}

func TestCheckSentenceLogProbs(t *testing.T) {
	tests := []struct {
		name string
		f    func(m *ngram.Model, s []string) []float64
		ok   bool
		want string
	}{
		{"reference", logProbsRef, true, "sum to"},
		{"skeleton", func(m *ngram.Model, s []string) []float64 { return nil }, false, "you return 0 log-probabilities, expected 6"},
		{"no </s>", func(m *ngram.Model, s []string) []float64 { return logProbsRef(m, s)[:len(s)] }, false, "final </s> is missing"},
		{"scores <s>", func(m *ngram.Model, s []string) []float64 {
			return append([]float64{0}, logProbsRef(m, s)...)
		}, false, "never predicted"},
		{"probabilities", func(m *ngram.Model, s []string) []float64 {
			lp := logProbsRef(m, s)
			for i := range lp {
				lp[i] = math.Exp(lp[i])
			}
			return lp
		}, false, "not its logarithm"},
		{"log10", func(m *ngram.Model, s []string) []float64 {
			lp := logProbsRef(m, s)
			for i := range lp {
				lp[i] /= math.Ln10
			}
			return lp
		}, false, "log10"},
		{"no <s>", func(m *ngram.Model, s []string) []float64 {
			var out []float64
			for i, w := range append(s, ngram.EOS) {
				out = append(out, m.LogProb(w, s[:min(i, len(s))]))
			}
			return out
		}, false, "start with <s>"},
		{"panics", func(m *ngram.Model, s []string) []float64 { return []float64{float64(s[99:][0][0])} }, false, "panicked"},
	}
	m := train(t, 3, ngram.ModifiedKneserNey)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fb := CheckSentenceLogProbs(m, heldOut, tt.f)
			if fb.OK != tt.ok || !strings.Contains(fb.Message, tt.want) {
				t.Errorf("got %v %q, want %v and a message containing %q", fb.OK, fb.Message, tt.ok, tt.want)
			}
		})
	}
	// The reference sums to Evaluate's LogProb (Σ ln P over 6 + 7 tokens).
	var sum float64
	for _, s := range heldOut {
		for _, x := range logProbsRef(m, s) {
			sum += x
		}
	}
	if ev := m.Evaluate(heldOut); math.Abs(sum-ev.LogProb) > 1e-9 || ev.Tokens != 13 {
		t.Errorf("sum %v, Evaluate %v over %d tokens", sum, ev.LogProb, ev.Tokens)
	}
	if fb := CheckSentenceLogProbs(m, nil, logProbsRef); fb.OK {
		t.Errorf("no sentences passed")
	}
}

func perplexityRef(lp []float64) float64 {
	var sum float64
	for _, x := range lp {
		sum += x
	}
	return math.Exp(-sum / float64(len(lp)))
}

func TestCheckPerplexity(t *testing.T) {
	mean := func(lp []float64) float64 { return -math.Log(perplexityRef(lp)) }
	tests := []struct {
		name string
		f    func(lp []float64) float64
		ok   bool
		want string
	}{
		{"reference", perplexityRef, true, "right on all 3"},
		{"skeleton", func(lp []float64) float64 { return 0 }, false, "toy list"},
		{"no minus", func(lp []float64) float64 { return math.Exp(mean(lp)) }, false, "minus sign"},
		{"cross-entropy nats", func(lp []float64) float64 { return -mean(lp) }, false, "in nats"},
		{"cross-entropy bits", func(lp []float64) float64 { return -mean(lp) / math.Ln2 }, false, "in bits"},
		{"sum", func(lp []float64) float64 {
			return math.Pow(perplexityRef(lp), float64(len(lp)))
		}, false, "divide the sum"},
		{"exp2", func(lp []float64) float64 { return math.Exp2(-mean(lp)) }, false, "math.Exp2"},
		{"mean probability", func(lp []float64) float64 {
			var s float64
			for _, x := range lp {
				s += math.Exp(x)
			}
			return float64(len(lp)) / s
		}, false, "not probabilities"},
		// Dropping zero-probability tokens hides MLE's +Inf.
		{"skips -Inf", func(lp []float64) float64 {
			return perplexityRef(slices.DeleteFunc(lp, func(x float64) bool { return math.IsInf(x, -1) }))
		}, false, "under MLE: "},
	}
	m := train(t, 3, ngram.KneserNey)
	// Toy case: cross-entropy (1+2+3)/3 = 2 bits, PP = 2² = 4; the held-out
	// text contains "opened their minds", unseen, so MLE's PP is +Inf.
	cases := PerplexityCases(m, heldOut)
	if len(cases) != 3 || cases[0].Want != 4 || !math.IsInf(cases[2].Want, 1) || math.IsInf(cases[1].Want, 0) {
		t.Fatalf("cases: %+v", cases)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fb := CheckPerplexity(m, heldOut, tt.f)
			if fb.OK != tt.ok || !strings.Contains(fb.Message, tt.want) {
				t.Errorf("got %v %q, want %v and a message containing %q", fb.OK, fb.Message, tt.ok, tt.want)
			}
		})
	}
	if fb := CheckPerplexity(nil, nil, perplexityRef); !fb.OK {
		t.Errorf("toy case alone: %s", fb)
	}
}
