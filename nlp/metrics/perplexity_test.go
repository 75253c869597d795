package metrics

import (
	"math"
	"testing"
)

func TestPerplexity(t *testing.T) {
	// A uniform choice among 4 words has perplexity 4 (by definition).
	lp := math.Log(0.25)
	got, err := Perplexity([]float64{lp, lp, lp})
	if err != nil || math.Abs(got-4) > 1e-12 {
		t.Errorf("Perplexity = %v, %v; want 4", got, err)
	}
	if got, _ := Perplexity([]float64{math.Inf(-1)}); !math.IsInf(got, 1) {
		t.Errorf("Perplexity of a zero probability = %v, want +Inf", got)
	}
	if _, err := Perplexity(nil); err == nil {
		t.Error("no error for no tokens")
	}
	if got := PerplexityFromLoss(math.Log(7)); math.Abs(got-7) > 1e-12 {
		t.Errorf("PerplexityFromLoss = %v, want 7", got)
	}
}

func TestAccuracy(t *testing.T) {
	tests := []struct {
		name      string
		got, want []string
		acc       float64
	}{
		{"all right", []string{"a", "b"}, []string{"a", "b"}, 1},
		{"half", []string{"a", "c"}, []string{"a", "b"}, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Accuracy(tt.got, tt.want)
			if err != nil || a != tt.acc {
				t.Errorf("Accuracy = %v, %v; want %v", a, err, tt.acc)
			}
		})
	}
	if _, err := Accuracy([]int{1}, []int{1, 2}); err == nil {
		t.Error("no error for different lengths")
	}
	em, err := ExactMatch([][]int{{1, 2}, {3}, {4, 5}}, [][]int{{1, 2}, {3, 4}, {4, 5}})
	if err != nil || math.Abs(em-2.0/3) > 1e-15 {
		t.Errorf("ExactMatch = %v, %v; want 2/3", em, err)
	}
}
