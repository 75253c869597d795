package seq2seq

import (
	"testing"

	"github.com/lingo-nlp/lingo/nlp/ngram"
)

// A hand-made corpus in which "haus" always comes with "house" and "das"
// with "the": Model 1's EM must learn t(haus | house) > t(das | house), and
// the noisy channel must prefer the fluent, faithful candidate.
func TestNoisyChannel(t *testing.T) {
	pairs := []Pair{
		{[]string{"das", "haus"}, []string{"the", "house"}},
		{[]string{"das", "buch"}, []string{"the", "book"}},
		{[]string{"ein", "buch"}, []string{"a", "book"}},
		{[]string{"ein", "haus"}, []string{"a", "house"}},
		{[]string{"das", "kleine", "haus"}, []string{"the", "small", "house"}},
	}
	tm, err := TrainIBM1(pairs, 10)
	if err != nil {
		t.Fatal(err)
	}
	if tm.Prob("haus", "house") <= tm.Prob("das", "house") {
		t.Errorf("t(haus|house) = %.3f ≤ t(das|house) = %.3f", tm.Prob("haus", "house"), tm.Prob("das", "house"))
	}
	if b := tm.Best("book", 1); len(b) != 1 || b[0] != "buch" {
		t.Errorf("Best(book) = %v, want [buch]", b)
	}
	sents := [][]string{{"the", "house", "is", "small"}, {"i", "see", "the", "house"}}
	for _, p := range pairs {
		sents = append(sents, p.Tgt)
	}
	lm, err := ngram.Train(sents, ngram.Config{Order: 2})
	if err != nil {
		t.Fatal(err)
	}
	r, err := NoisyChannel{tm, lm}.Rank([]string{"das", "haus"}, [][]string{
		{"house", "the"}, {"the", "book"}, {"the", "house"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.Candidates[0].Text != "the house" {
		t.Errorf("best candidate %q, want \"the house\"\n%v", r.Candidates[0].Text, r.Table())
	}
	// The wrong word order is as faithful (Model 1 ignores order) but less fluent.
	for _, c := range r.Candidates {
		if c.Text == "house the" && c.LM >= r.Candidates[0].LM {
			t.Errorf("LM prefers %q", c.Text)
		}
	}
}
