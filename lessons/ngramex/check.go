package ngramex

import (
	"math"
	"strings"
)

// near reports whether got equals want to a relative tolerance of 1e-9
// (exact for infinities).
func near(got, want float64) bool {
	if math.IsInf(want, 0) || math.IsInf(got, 0) {
		return got == want
	}
	return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want))
}

// quote shows an n-gram as the lecture writes it.
func quote(words []string) string { return `"` + strings.Join(words, " ") + `"` }
