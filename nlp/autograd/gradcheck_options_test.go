package autograd

import (
	"math"
	"strings"
	"testing"
)

// GradCheckOptions rejects what means nothing, naming the field and the
// value. A negative, NaN or infinite step or tolerance used to be replaced
// by the default without a word.
func TestGradCheckOptionsReject(t *testing.T) {
	x := FromSlice([]float64{0.3, -0.2}, 2)
	f := func() *Tensor[float64] { return Mul(x, x) }
	for _, tc := range []struct {
		name string
		o    GradCheckOptions
		want string
	}{
		{"negative Eps", GradCheckOptions{Eps: -1e-6}, "autograd: GradCheckOptions.Eps must be a finite number ≥ 0 (0: the default), got -1e-06"},
		{"NaN Eps", GradCheckOptions{Eps: math.NaN()}, "GradCheckOptions.Eps must be a finite number ≥ 0 (0: the default), got NaN"},
		{"Inf RTol", GradCheckOptions{RTol: math.Inf(1)}, "GradCheckOptions.RTol must be a finite number ≥ 0 (0: the default), got +Inf"},
		{"negative RTol", GradCheckOptions{RTol: -1}, "GradCheckOptions.RTol must be a finite number ≥ 0 (0: the default), got -1"},
		{"NaN ATol", GradCheckOptions{ATol: math.NaN()}, "GradCheckOptions.ATol must be a finite number ≥ 0 (0: the default), got NaN"},
		{"negative ATol", GradCheckOptions{ATol: -1e-7}, "GradCheckOptions.ATol must be a finite number ≥ 0 (0: the default), got -1e-07"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := GradCheck(f, []*Tensor[float64]{x}, &tc.o); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("GradCheck: %v, want an error containing %q", err, tc.want)
			}
		})
	}
	if _, err := GradCheck(f, []*Tensor[float64]{x}, &GradCheckOptions{}); err != nil {
		t.Errorf("zero options: %v", err)
	}
}
