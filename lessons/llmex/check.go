package llmex

import (
	"math"
)

// close reports whether got equals want within tol (absolute plus
// relative); NaN never matches.
func near(got, want, tol float64) bool {
	return !math.IsNaN(got) && math.Abs(got-want) <= tol*(1+math.Abs(want))
}

// allNear is near for slices of equal length.
func allNear(got, want []float64, tol float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range want {
		if !near(got[i], want[i], tol) {
			return false
		}
	}
	return true
}

// A mistake is a typical wrong answer, recognised by computing it.
type mistake[F any] struct {
	f   F
	msg string
}
