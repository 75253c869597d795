package ngram

import (
	"math"
	"strings"
	"testing"
)

// TestWithEstimator: re-smoothing the counts with another estimator and
// its settings gives exactly the model Train makes with them.
func TestWithEstimator(t *testing.T) {
	base, err := Train(lecture, Config{Order: 3})
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"oil", "books", "exams", "the", "zebra"}
	ctxs := [][]string{nil, {"the"}, {"opened", "their"}, {"price", "of"}, {"never", "seen"}}
	for _, c := range []Config{
		{Smoothing: Lidstone, K: 0.1},
		{Smoothing: KneserNey, Discount: 0.5},
		{Smoothing: AbsoluteDiscount, Discount: 0.3},
		{Smoothing: StupidBackoff, Alpha: 0.2},
		{Smoothing: ModifiedKneserNey, Discounts: [][3]float64{{0.5, 1, 1.5}, {0.4, 0.8, 1.2}, {0.3, 0.6, 0.9}}},
		{Smoothing: WittenBell},
	} {
		re, err := base.WithEstimator(c)
		if err != nil {
			t.Fatalf("%v: %v", c.Smoothing, err)
		}
		c.Order = 3
		fresh, err := Train(lecture, c)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range ctxs {
			for _, w := range words {
				if a, b := re.Prob(w, h), fresh.Prob(w, h); a != b && !(math.IsNaN(a) && math.IsNaN(b)) {
					t.Errorf("%v: P(%s | %s) = %v re-smoothed, %v trained", c.Smoothing, w, strings.Join(h, " "), a, b)
				}
			}
		}
	}
	for _, c := range []Config{{Order: 4}, {MinCount: 2}, {NLTK: true}, {Smoothing: KneserNey, Discount: 1.5}, {Smoothing: Lidstone, K: -1}} {
		if _, err := base.WithEstimator(c); err == nil || !strings.HasPrefix(err.Error(), "ngram: ") {
			t.Errorf("WithEstimator(%+v): err = %v, want an ngram error", c, err)
		}
	}
}
