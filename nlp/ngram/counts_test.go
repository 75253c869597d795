package ngram

import (
	"strings"
	"testing"
)

func TestCounts(t *testing.T) {
	m, _ := Train(toy, Config{Order: 3})
	tests := []struct {
		g    string
		want int
	}{{"a b", 4}, {"<s> a b", 2}, {"a", 5}, {"</s>", 4}, {"b a b", 2}, {"c c", 0}, {"a b c d", 0}}
	for _, tc := range tests {
		if got := m.Count(strings.Fields(tc.g)); got != tc.want {
			t.Errorf("Count(%s) = %d, want %d", tc.g, got, tc.want)
		}
	}
	// Counted tokens: 12 words + 4 </s> (<s> is not an event).
	if got := m.Count(nil); got != 16 {
		t.Errorf("Count(nil) = %d", got)
	}
	// Trigram counts 2,1,2,2,1,1,1,1,1: n1 = 6, n2 = 3.
	if got := m.CountsOfCounts(3, false, 3); got[1] != 6 || got[2] != 3 || got[3] != 0 {
		t.Errorf("counts of counts = %v", got)
	}
	if m.NumNGrams(2) != 8 || m.NumNGrams(3) != 9 {
		t.Errorf("NumNGrams = %d, %d", m.NumNGrams(2), m.NumNGrams(3))
	}
}

// TestCompiledMatchesRecursion: the compiled back-off form gives exactly
// (bit for bit) the probabilities of the interpolation recursion.
func TestCompiledMatchesRecursion(t *testing.T) {
	contexts := [][]string{nil, {"<s>"}, {"<s>", "<s>", "<s>"}, {"today", "the"}, {"the", "price", "of"}, {"zebra", "the"}, {"the", "zebra"}, {"</s>", "</s>"}, {"students", "opened", "their"}}
	for _, n := range []int{1, 2, 3, 4} {
		for _, s := range []Smoothing{ModifiedKneserNey, KneserNey, WittenBell, AbsoluteDiscount} {
			for _, nltk := range []bool{false, true} {
				m, err := Train(lecture, Config{Order: n, Smoothing: s, NLTK: nltk})
				if err != nil {
					continue // NLTK KN needs n ≥ 2
				}
				if m.cp == nil {
					t.Fatalf("n=%d %v: not compiled", n, s)
				}
				var buf [16]uint32
				for _, ctx := range contexts {
					ids := m.ctxIDs(ctx, buf[:0])
					for w := range m.vocab.Len() {
						var steps []step
						slow := m.probIDs(uint32(w), ids, &steps) // the trace forces the recursion
						if fast := m.probIDs(uint32(w), ids, nil); fast != slow {
							t.Fatalf("n=%d %v nltk=%v: P(%s | %v) compiled %v, recursion %v", n, s, nltk, m.vocab.Word(uint32(w)), ctx, fast, slow)
						}
					}
				}
			}
		}
	}
}

// TestEmpty: no sentences, or empty ones, give a model whose every
// smoothed distribution is uniform-ish and finite; nothing panics.
func TestEmpty(t *testing.T) {
	for _, data := range [][][]string{nil, {{}}, {{}, {"a"}}} {
		for _, s := range allSmoothings {
			for _, n := range []int{1, 3} {
				m, err := Train(data, Config{Order: n, Smoothing: s})
				if err != nil {
					t.Fatal(err)
				}
				p := m.Prob("a", []string{"<s>"})
				if s != MLE && s != StupidBackoff && !(p > 0 && p <= 1) {
					t.Errorf("%v n=%d data=%v: P = %v", s, n, data, p)
				}
				m.NextWords(nil, 3)
				m.Generate(nil, 3, Sampling{})
				m.Evaluate([][]string{{"a", "b"}})
			}
		}
	}
}
