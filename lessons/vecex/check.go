package vecex

import (
	"fmt"
	"math"
	"strings"
)

// near reports whether got equals want to an absolute-or-relative
// tolerance of 1e-6 (float32 inputs give about 7 digits).
func near(got, want float64) bool {
	return math.Abs(got-want) <= 1e-6*math.Max(1, math.Abs(want))
}

// nearAll reports whether two slices have the same length and near entries.
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

// fmtVec formats a short vector as [a, b, c] with 4 significant digits.
func fmtVec[T float32 | float64](v []T) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = fmt.Sprintf("%.4g", float64(x))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
