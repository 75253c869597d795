package word2vecex

import (
	"fmt"
	"math"
	"strings"
)

// near reports whether got equals want to a tolerance of 1e-6, absolute
// for small values and relative for large ones.
func near(got, want float64) bool {
	return math.Abs(got-want) <= 1e-6*math.Max(1, math.Abs(want))
}

func nearAll(got, want []float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range want {
		if !near(got[i], want[i]) {
			return false
		}
	}
	return true
}

func fmtVec(v []float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = fmt.Sprintf("%.4g", x)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func cloneU(U [][]float64) [][]float64 {
	out := make([][]float64, len(U))
	for i, r := range U {
		out[i] = append([]float64(nil), r...)
	}
	return out
}
