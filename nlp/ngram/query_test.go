package ngram

import (
	"math"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/plots"
)

func TestNextWords(t *testing.T) {
	m, err := Train(lecture, Config{Order: 3, Smoothing: MLE})
	if err != nil {
		t.Fatal(err)
	}
	// "today the ___" in the corpus: price 1, company 1, bank 1, students 1
	// (four trigrams "today the x"), so MLE gives each 1/4, ties in
	// vocabulary (frequency) order.
	nw := m.NextWords([]string{"today", "the"}, 3)
	if len(nw.Words) != 3 {
		t.Fatalf("got %d rows", len(nw.Words))
	}
	for _, c := range nw.Words {
		if c.Prob != 0.25 || c.Count != 1 || c.Order != 3 {
			t.Errorf("%+v", c)
		}
	}
	if nw.Words[0].Word != "price" { // "price" (5) is more frequent than "students" (4), "company" (2), "bank" (2)
		t.Errorf("first = %q", nw.Words[0].Word)
	}
	b := nw.Render()
	if !strings.Contains(b[plots.MIMEHTML], `class="bar"`) || !strings.Contains(b[plots.MIMEText], "price") {
		t.Errorf("render: %v", b)
	}
	// All words: probabilities of an MLE row sum to one.
	sum := 0.0
	for _, c := range m.NextWords([]string{"the"}, 0).Words {
		sum += c.Prob
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Errorf("Σ = %v", sum)
	}
}

func TestExplain(t *testing.T) {
	m, _ := Train(toy, Config{Order: 3, Discounts: [][3]float64{{0.5, 1.0, 1.5}, {0.6, 1.1, 1.7}, {0.7, 1.2, 1.8}}})
	tr := m.Explain("c", []string{"<s>", "a"})
	// Values from TestModifiedKneserNeyByHand.
	if len(tr.Steps) != 3 || tr.Answered != 3 || math.Abs(tr.Prob-(0.1+1.9*0.7825/9)) > 1e-12 {
		t.Fatalf("%+v", tr)
	}
	s := tr.Steps[2]
	if s.Order != 3 || s.Count != 1 || s.ContextCount != 3 || math.Abs(s.Alpha-0.1) > 1e-12 || math.Abs(s.Gamma-1.9/3) > 1e-12 {
		t.Errorf("top step %+v", s)
	}
	// "a" after "a b" was seen only as a trigram? No: "b a" is a bigram, "a b a" a trigram.
	if tr := m.Explain("zebra", []string{"a", "b"}); tr.Answered != 0 || tr.Word != Unk {
		t.Errorf("unseen word answered by %d", tr.Answered)
	}
	if tr := m.Explain("c", []string{"c", "c"}); tr.Answered != 1 {
		t.Errorf("c after c c answered by %d, want 1 (only the unigram c is seen)", tr.Answered)
	}
	if b := tr.Render(); !strings.Contains(b[plots.MIMEHTML], "<table") {
		t.Error("no table")
	}
	// Stupid backoff: "c" after "b a" is unseen, "a c" seen: 0.4 · c(a c)/c(a •) = 0.4 · 1/5.
	sb, _ := m.WithSmoothing(StupidBackoff)
	if tr := sb.Explain("c", []string{"b", "a"}); tr.Answered != 2 || math.Abs(tr.Prob-0.4/5) > 1e-15 {
		t.Errorf("stupid backoff: %+v", tr)
	}
}
