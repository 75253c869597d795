package lessons

import (
	"math"
	"testing"
)

func TestNear(t *testing.T) {
	inf := math.Inf(1)
	cases := []struct {
		got, want, tol float64
		ok             bool
	}{
		{0.1 + 0.2, 0.3, 1e-9, true},
		{0.5, 0.5001, 1e-6, false},   // absolute below 1
		{1e6 + 0.5, 1e6, 1e-6, true}, // relative above 1
		{1e6 + 2, 1e6, 1e-6, false},
		{math.NaN(), math.NaN(), 1, false}, // NaN never matches
		{inf, inf, 1e-9, true},             // the same infinity
		{-inf, inf, 1e-9, false},
		{1e300, inf, 1e-9, false},
	}
	for _, c := range cases {
		if got := Near(c.got, c.want, c.tol); got != c.ok {
			t.Errorf("Near(%v, %v, %v) = %v, want %v", c.got, c.want, c.tol, got, c.ok)
		}
	}
	if !NearAll([]float64{1, 2}, []float64{1, 2 + 1e-12}, 1e-9) || NearAll([]float64{1}, []float64{1, 2}, 1) {
		t.Error("NearAll: equal-length near slices must match, different lengths must not")
	}
	if s := FormatVector([]float32{1, 0.123456, -2e-7}); s != "[1, 0.1235, -2e-07]" {
		t.Errorf("FormatVector = %q", s)
	}
}
