package lessons

import (
	"fmt"
	"math"
	"strings"
)

// Near reports whether a numeric answer got matches want to within tol,
// absolute for |want| ≤ 1 and relative above: |got−want| ≤ tol·max(1, |want|).
// NaN never matches; an infinity matches only the same infinity.
func Near(got, want, tol float64) bool {
	if math.IsNaN(got) || math.IsNaN(want) {
		return false
	}
	if math.IsInf(want, 0) || math.IsInf(got, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// NearAll is Near for every entry of two slices of the same length.
func NearAll(got, want []float64, tol float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range want {
		if !Near(got[i], want[i], tol) {
			return false
		}
	}
	return true
}

// FormatVector writes a short vector for feedback as [a, b, c], with 4
// significant digits.
func FormatVector[T float32 | float64](v []T) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = fmt.Sprintf("%.4g", float64(x))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
