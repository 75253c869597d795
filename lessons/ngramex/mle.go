package ngramex

import (
	"fmt"
	"slices"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/ngram"
)

// MLEContexts are the contexts CheckMLE tries first (cut to the model's
// last Order−1 words, kept when the model has seen them): the lecture's
// "students opened their" and "today the price of", and phrases frequent
// in the State of the Union.
var MLEContexts = [][]string{
	{"students", "opened", "their"},
	{"today", "the", "price", "of"},
	{"the", "state", "of", "the"},
	{"we", "must"},
	{"the", "american"},
}

const mleName = "MLE by hand"

var mleHints = []string{
	"P_MLE(w | h) = c(h w) / c(h •): the count of the whole n-gram (context then word) over the count of the context",
	"m.Count(append(slices.Clone(context), word)) is c(h w); m.Count(context) is c(h •), since every occurrence of h is followed by a word or </s>",
	"convert the counts to float64 before dividing (Go's int division rounds down to 0), and return 0 when c(h) = 0",
}

// MLECase is one question of CheckMLE: P_MLE(Word | Context).
type MLECase struct {
	Word    string
	Context []string
}

// MLECases returns the cases CheckMLE asks about m: for each of
// MLEContexts the model has seen (cut to its Order−1 words), the two most
// probable next words and one word never seen after it; then a context
// never seen. When none of MLEContexts occurs (another corpus), the most
// frequent word serves as context.
func MLECases(m *ngram.Model) []MLECase {
	mle, err := m.WithSmoothing(ngram.MLE)
	if err != nil {
		return nil
	}
	n := m.Order() - 1
	if n < 1 {
		return nil
	}
	var contexts [][]string
	for _, h := range MLEContexts {
		if len(h) > n {
			h = h[len(h)-n:]
		}
		if m.Count(h) > 0 && !slices.ContainsFunc(contexts, func(c []string) bool { return slices.Equal(c, h) }) {
			contexts = append(contexts, h)
		}
	}
	if len(contexts) == 0 && m.Vocab().Len() > 3 {
		contexts = append(contexts, []string{m.Vocab().Word(3)}) // ids 0–2 are <unk>, <s>, </s>
	}
	var cases []MLECase
	for _, h := range contexts {
		next := mle.NextWords(h, 0).Words
		for i := 0; i < len(next) && i < 2; i++ {
			cases = append(cases, MLECase{next[i].Word, h})
		}
		// an unseen continuation: the most frequent word not seen after h
		for _, w := range m.Vocab().Words()[3:] {
			if mle.Prob(w, h) == 0 {
				cases = append(cases, MLECase{w, h})
				break
			}
		}
	}
	unseen := []string{"zebras", "opened"}
	if len(unseen) > n {
		unseen = unseen[len(unseen)-n:]
	}
	if m.Count(unseen) == 0 {
		cases = append(cases, MLECase{"their", unseen})
	}
	return cases
}

// CheckMLE checks a function computing the maximum-likelihood estimate
// P(word | context) = c(context word) / c(context) from m.Count alone,
// on MLECases(m). m may use any smoothing: the answer is compared with
// its counts re-smoothed as ngram.MLE.
func CheckMLE(m *ngram.Model, mle func(m *ngram.Model, word string, context []string) float64) *lessons.Feedback {
	if m == nil {
		return lessons.Fail(mleName, "no model: pass the *ngram.Model you trained")
	}
	if mle == nil {
		return lessons.Fail(mleName, "no function to check", mleHints...)
	}
	ref, err := m.WithSmoothing(ngram.MLE)
	if err != nil {
		return lessons.Fail(mleName, fmt.Sprintf("this model has no counts (%v): train one with ngram.Train", err))
	}
	cases := MLECases(m)
	if len(cases) == 0 {
		return lessons.Fail(mleName, "the model is too small to ask about (train an order ≥ 2 model)")
	}
	// Run every case, then report the first wrong one with the slip that
	// explains all the wrong ones (one case alone can be ambiguous: when
	// c(w) = c(h w), the unigram and the joint probability coincide).
	var wrong []MLECase
	var gots []float64
	for _, c := range cases {
		var got float64
		if msg := lessons.Call(func() { got = mle(m, c.Word, slices.Clone(c.Context)) }); msg != "" {
			return lessons.Fail(mleName, fmt.Sprintf("for P(%s | %s): %s", c.Word, quote(c.Context), msg), mleHints...)
		}
		if !near(got, ref.Prob(c.Word, c.Context)) {
			wrong, gots = append(wrong, c), append(gots, got)
		}
	}
	if len(wrong) == 0 {
		return lessons.Pass(mleName, "right on all %d cases, e.g. P(%s | %s) = %.4g", len(cases), cases[0].Word, quote(cases[0].Context), ref.Prob(cases[0].Word, cases[0].Context))
	}
	c := wrong[0]
	return lessons.Fail(mleName, fmt.Sprintf("P(%s | %s) = %.6g, expected %d/%d = %.6g%s",
		c.Word, quote(c.Context), gots[0], m.Count(append(slices.Clone(c.Context), c.Word)), m.Count(c.Context),
		ref.Prob(c.Word, c.Context), diagnoseMLE(m, wrong, gots)), mleHints...)
}

// mleSlips are the usual wrong formulas: what each computes, and what to
// tell the student.
var mleSlips = []struct {
	f   func(m *ngram.Model, c MLECase) float64
	msg string
}{
	{func(m *ngram.Model, c MLECase) float64 { return ratio(m.Count([]string{c.Word}), m.Count(nil)) },
		"this is P(w) = c(w)/N, the unigram probability: divide c(h w) by c(h) instead"},
	{func(m *ngram.Model, c MLECase) float64 {
		last := c.Context[len(c.Context)-1:]
		return ratio(m.Count(append(slices.Clone(last), c.Word)), m.Count(last))
	}, "this is the bigram estimate from the last context word only: use the whole context"},
	{func(m *ngram.Model, c MLECase) float64 { return ratio(m.Count(hw(c)), m.Count(nil)) },
		"this is c(h w)/N, the probability of the whole n-gram: divide by c(h) instead"},
	{func(m *ngram.Model, c MLECase) float64 { return ratio(m.Count(c.Context), m.Count(hw(c))) },
		"numerator and denominator are swapped"},
	{func(m *ngram.Model, c MLECase) float64 {
		return (float64(m.Count(hw(c))) + 1) / (float64(m.Count(c.Context)) + m.V)
	}, "this is add-one, Laplace: MLE adds nothing"},
}

func hw(c MLECase) []string { return append(slices.Clone(c.Context), c.Word) }

func ratio(num, den int) float64 {
	if den == 0 {
		return 0
	}
	return float64(num) / float64(den)
}

// diagnoseMLE names the slip that explains every wrong answer, or "".
func diagnoseMLE(m *ngram.Model, wrong []MLECase, gots []float64) string {
	c, got := wrong[0], gots[0]
	if m.Count(c.Context) == 0 {
		return " (the context was never seen: c(h) = 0, return 0)"
	}
	if got == 0 {
		return " (0: an int division? convert the counts to float64 first)"
	}
slips:
	for _, s := range mleSlips {
		for i, c := range wrong {
			if m.Count(c.Context) > 0 && !near(gots[i], s.f(m, c)) {
				continue slips
			}
		}
		return " (" + s.msg + ")"
	}
	return ""
}
