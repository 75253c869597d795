package ngram

import (
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/plots"
)

func TestGenerate(t *testing.T) {
	m, _ := Train(lecture, Config{Order: 3})
	a := m.Generate(nil, 30, Sampling{Seed: 7})
	b := m.Generate(nil, 30, Sampling{Seed: 7})
	if strings.Join(a.Tokens, " ") != strings.Join(b.Tokens, " ") || len(a.Tokens) == 0 {
		t.Fatalf("not reproducible: %v vs %v", a.Tokens, b.Tokens)
	}
	if a.Tokens[len(a.Tokens)-1] != EOS && len(a.Tokens) != 30 {
		t.Errorf("stopped early without </s>: %v", a.Tokens)
	}
	for i, p := range a.Probs {
		if !(p > 0 && p <= 1) || a.Tokens[i] == Unk || a.Tokens[i] == BOS {
			t.Errorf("token %q p=%v", a.Tokens[i], p)
		}
	}
	// Greedy limit: top-1 always takes the most probable word.
	g := m.Generate([]string{"today", "the"}, 1, Sampling{TopK: 1})
	if want := m.NextWords([]string{"today", "the"}, 1).Words[0].Word; g.Tokens[0] != want {
		t.Errorf("top-1 = %q, want %q", g.Tokens[0], want)
	}
	// A tiny temperature is greedy too, and must not underflow.
	g = m.Generate([]string{"today", "the"}, 1, Sampling{Temperature: 1e-6, Seed: 3})
	if want := m.NextWords([]string{"today", "the"}, 1).Words[0].Word; g.Tokens[0] != want {
		t.Errorf("T→0 gives %q, want %q", g.Tokens[0], want)
	}
	if h := a.Render()[plots.MIMEHTML]; !strings.Contains(h, "hsl(") {
		t.Error("no colours")
	}
}
