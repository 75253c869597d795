package llm

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/corpus"
)

func TestGPT3Epochs(t *testing.T) {
	// Expected: w·N/tokens with the weights of Brown et al. 2020, Table 2.2,
	// renormalised from 101% to 100%, N = 300B; e.g. Common Crawl
	// (60/101)·300/410 = 0.4347. The paper prints 0.44, 2.9, 1.9, 0.43, 3.4.
	r := GPT3Mixture().Epochs(300e9)
	want := map[string]float64{
		"Common Crawl (filtered)": 60.0 / 101 * 300 / 410,
		"WebText2":                22.0 / 101 * 300 / 19,
		"Books1":                  8.0 / 101 * 300 / 12,
		"Books2":                  8.0 / 101 * 300 / 55,
		"Wikipedia":               3.0 / 101 * 300 / 3,
	}
	for _, row := range r.Rows {
		if math.Abs(row.Epochs-want[row.Name]) > 1e-9 {
			t.Errorf("%s: %.4f epochs, want %.4f", row.Name, row.Epochs, want[row.Name])
		}
	}
	s := r.String()
	for _, w := range []string{"Wikipedia", "410B", "0.43", "2.97"} {
		if !strings.Contains(s, w) {
			t.Errorf("table lacks %q:\n%s", w, s)
		}
	}
	if h := r.Render()["text/html"]; !strings.Contains(h, "<table") {
		t.Errorf("no HTML table: %.200s", h)
	}
}

func TestNewMixtureErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		srcs []Source
	}{
		{"none", nil},
		{"negative", []Source{{Name: "a", Weight: -1}}},
		{"NaN", []Source{{Name: "a", Weight: math.NaN()}}},
		{"zero sum", []Source{{Name: "a"}, {Name: "b"}}},
		{"duplicate", []Source{{Name: "a", Weight: 1}, {Name: "a", Weight: 1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := NewMixture(nil, tc.srcs...); err == nil || !strings.HasPrefix(err.Error(), "llm: ") {
				t.Errorf("err = %v, want an llm: error", err)
			}
		})
	}
	m := GPT3Mixture()
	if _, err := m.Sampler(1); err == nil {
		t.Error("sampling a mixture without documents should fail")
	}
}

func docs(n int, words int, w string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = strings.TrimSpace(strings.Repeat(w+" ", words))
	}
	return out
}

func TestSamplerFollowsWeights(t *testing.T) {
	// Source a: 10 docs of 5 words = 50 tokens; b: 100 docs of 5 words = 500.
	// With weights 3:1 and documents of equal length, a gets 75% of the
	// draws; after 8000 tokens that is 6000/50 = 120 epochs of a and
	// 2000/500 = 4 epochs of b (binomial noise: sd of the share ≈ 0.011).
	m, err := NewMixture(nil, Source{Name: "a", Weight: 3, Docs: docs(10, 5, "x")}, Source{Name: "b", Weight: 1, Docs: docs(100, 5, "y")})
	if err != nil {
		t.Fatal(err)
	}
	if m.Sources[0].Tokens != 50 || m.Sources[1].Tokens != 500 {
		t.Fatalf("tokens = %d, %d; want 50, 500", m.Sources[0].Tokens, m.Sources[1].Tokens)
	}
	s, err := m.Sampler(7)
	if err != nil {
		t.Fatal(err)
	}
	draws := s.Take(8000)
	if len(draws) != 1600 {
		t.Errorf("%d draws, want 1600", len(draws))
	}
	r := s.Report()
	if r.TrainTokens != 8000 {
		t.Errorf("TrainTokens = %d", r.TrainTokens)
	}
	exp := m.Epochs(8000)
	for i := range r.Rows {
		got, want := r.Rows[i].Epochs, exp.Rows[i].Epochs
		if math.Abs(got-want)/want > 0.06 {
			t.Errorf("%s: observed %.2f epochs, expected %.2f", r.Rows[i].Name, got, want)
		}
	}
	// Same seed, same draws.
	s2, _ := m.Sampler(7)
	for i, d := range s2.Take(8000) {
		if d != draws[i] {
			t.Fatalf("draw %d differs with the same seed", i)
		}
	}
}

func TestSamplerPassesWithoutReplacement(t *testing.T) {
	// One source of 4 documents: every block of 4 draws is a permutation.
	m, _ := NewMixture(nil, Source{Name: "a", Weight: 1, Docs: []string{"a", "b b", "c", "d"}})
	s, _ := m.Sampler(3)
	for pass := 0; pass < 5; pass++ {
		seen := map[int]bool{}
		for range 4 {
			seen[s.Next().Doc] = true
		}
		if len(seen) != 4 {
			t.Fatalf("pass %d visited %d distinct documents, want 4", pass, len(seen))
		}
	}
	if r := s.Report(); r.Rows[0].Epochs != 5 {
		t.Errorf("epochs = %g after 5 passes", r.Rows[0].Epochs)
	}
}

type byteEncoder struct{}

func (byteEncoder) Encode(s string) []int { return make([]int, len(s)) }

func TestMixtureEncoder(t *testing.T) {
	m, _ := NewMixture(byteEncoder{}, Source{Name: "a", Weight: 1, Docs: []string{"hello", "hi"}})
	if m.Sources[0].Tokens != 7 {
		t.Errorf("tokens = %d, want 7 bytes", m.Sources[0].Tokens)
	}
}

func TestCorpusSource(t *testing.T) {
	src, err := CorpusSource("default", 1, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(src.Docs) == 0 || len(src.Docs) > 3 {
		t.Errorf("%d documents, want 1–3", len(src.Docs))
	}
	if _, err := CorpusSource("no-such-corpus", 1, 0); err == nil {
		t.Error("unknown corpus: no error")
	}
	if c, _ := corpus.Get("sotu"); c != nil && !c.Installed() {
		if _, err := CorpusSource("sotu", 1, 0); !errors.Is(err, corpus.ErrNotInstalled) {
			t.Errorf("missing corpus: err = %v", err)
		}
	}
}

func TestHumanCount(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{{3e9, "3B"}, {1.4e12, "1.4T"}, {340e6, "340M"}, {1500, "1.5K"}, {12, "12"}} {
		if got := HumanCount(tc.x); got != tc.want {
			t.Errorf("HumanCount(%g) = %q, want %q", tc.x, got, tc.want)
		}
	}
}
