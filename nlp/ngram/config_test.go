package ngram

import (
	"math"
	"strings"
	"testing"
)

// Config rejects what means nothing, naming the field and the value.
func TestConfigRejects(t *testing.T) {
	corpus := [][]string{{"a", "b"}}
	for _, tc := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"negative Order", Config{Order: -1}, "order must be in 1…255, got -1"},
		{"huge Order", Config{Order: 300}, "order must be in 1…255, got 300"},
		{"unknown Smoothing", Config{Smoothing: 42}, "cannot train with smoothing"},
		{"negative K", Config{Smoothing: Lidstone, K: -1}, "k must be positive, got -1"},
		{"NaN K", Config{Smoothing: Lidstone, K: math.NaN()}, "k must be positive, got NaN"},
		{"Inf K", Config{Smoothing: Lidstone, K: math.Inf(1)}, "k must be positive, got +Inf"},
		{"negative Alpha", Config{Smoothing: StupidBackoff, Alpha: -0.4}, "alpha must be in (0, 1], got -0.4"},
		{"NaN Alpha", Config{Smoothing: StupidBackoff, Alpha: math.NaN()}, "alpha must be in (0, 1], got NaN"},
		{"negative MinCount", Config{MinCount: -2}, "MinCount must be ≥ 0, got -2"},
		{"negative Discount", Config{Smoothing: AbsoluteDiscount, Discount: -0.1}, "discount must be in [0, 1], got -0.1"},
		{"NaN Discount", Config{Smoothing: AbsoluteDiscount, Discount: math.NaN()}, "discount must be in [0, 1], got NaN"},
		{"Discounts of another order", Config{Order: 2, Discounts: [][3]float64{{0.5, 1, 1.5}}}, "one triple per order (2), got 1"},
		{"NaN in Discounts", Config{Order: 1, Discounts: [][3]float64{{math.NaN(), 1, 1.5}}}, "must be in [0, 1], got NaN"},
		{"negative in Discounts", Config{Order: 1, Discounts: [][3]float64{{0.5, -1, 1.5}}}, "must be in [0, 2], got -1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Train(corpus, tc.cfg)
			if err == nil || !strings.HasPrefix(err.Error(), "ngram: ") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Train(%+v): %v, want an error containing %q", tc.cfg, err, tc.want)
			}
		})
	}
}

// Sampling rejects what means nothing, naming the field and the value. A
// negative or NaN temperature used to mean 1 without saying so, and a
// negative TopK to keep every word.
func TestSamplingRejects(t *testing.T) {
	m, err := Train([][]string{{"a", "b", "a", "c"}}, Config{Order: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		s    Sampling
		want string
	}{
		{"negative Temperature", Sampling{Temperature: -1}, "ngram: Sampling.Temperature must be a finite number ≥ 0 (0: 1), got -1"},
		{"NaN Temperature", Sampling{Temperature: math.NaN()}, "got NaN"},
		{"Inf Temperature", Sampling{Temperature: math.Inf(1)}, "got +Inf"},
		{"negative TopK", Sampling{TopK: -2}, "ngram: Sampling.TopK must be ≥ 0 (0: all), got -2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := m.Generate(nil, 5, tc.s)
			if g.Err == nil || !strings.Contains(g.Err.Error(), tc.want) || len(g.Tokens) != 0 {
				t.Errorf("Generate: %d tokens, error %v, want one containing %q", len(g.Tokens), g.Err, tc.want)
			}
			if txt := g.Render()["text/plain"]; !strings.Contains(txt, tc.want) {
				t.Errorf("Render shows %q, not the error", txt)
			}
		})
	}
}
