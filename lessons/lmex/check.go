package lmex

import (
	"fmt"
	"math"
)

// compare returns "" if got matches want within tol (absolute plus
// relative), otherwise the first difference.
func compare(what string, got, want []float64, tol float64) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%s has %d values, expected %d", what, len(got), len(want))
	}
	for i := range want {
		if math.IsNaN(got[i]) || math.Abs(got[i]-want[i]) > tol*(1+math.Abs(want[i])) {
			return fmt.Sprintf("%s[%d] = %.6g, expected %.6g", what, i, got[i], want[i])
		}
	}
	return ""
}

func to64(xs []float32) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(x)
	}
	return out
}
