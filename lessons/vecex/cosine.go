package vecex

import (
	"fmt"
	"math"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/vec"
)

const cosineName = "cosine similarity"

var cosineHints = []string{
	"cos(u, v) = u·v / (‖u‖ ‖v‖): the dot product divided by the product of the two lengths",
	"‖u‖ = √(Σ u_i²); accumulate in float64 (float64(u[i])*float64(v[i])) for accuracy",
	"if either vector is all zeros its length is 0: return 0 rather than dividing by zero (vec.Cosine does the same)",
}

// cosineCases are the pairs tried, from the one-hot case to the zero vector.
var cosineCases = []struct {
	name string
	u, v []float32
}{
	{"two one-hot vectors e_1, e_3", vec.OneHot(1, 5), vec.OneHot(3, 5)},
	{"a vector and itself scaled by 3", []float32{1, 2, 2}, []float32{3, 6, 6}},
	{"opposite vectors", []float32{1, -2, 0.5}, []float32{-2, 4, -1}},
	{"u = (1, 2, 3), v = (4, 5, 6)", []float32{1, 2, 3}, []float32{4, 5, 6}},
	{"u = (3, 0, 4, 0), v = (0, 2, 0, 0)", []float32{3, 0, 4, 0}, []float32{0, 2, 0, 0}},
	{"u = (0.5, −1, 2, 0.25), v = (1, 1, −0.5, 4)", []float32{0.5, -1, 2, 0.25}, []float32{1, 1, -0.5, 4}},
	{"the zero vector and (1, 1)", []float32{0, 0}, []float32{1, 1}},
}

// CheckCosine checks a cosine-similarity function against vec.Cosine on a
// few pairs: orthogonal one-hot vectors (0), parallel (1) and opposite (−1)
// vectors, general pairs and the zero vector (0 by convention).
func CheckCosine(f func(u, v []float32) float64) *lessons.Feedback {
	if f == nil {
		return lessons.Fail(cosineName, "no function to check", cosineHints...)
	}
	for _, c := range cosineCases {
		var got float64
		if msg := lessons.Call(func() { got = f(append([]float32(nil), c.u...), append([]float32(nil), c.v...)) }); msg != "" {
			return lessons.Fail(cosineName, fmt.Sprintf("for %s: %s", c.name, msg), cosineHints...)
		}
		want := vec.Cosine(c.u, c.v)
		if near(got, want) {
			continue
		}
		msg := fmt.Sprintf("for %s you return %.6g, expected %.6g", c.name, got, want)
		dot, nu, nv := vec.Dot(c.u, c.v), vec.Norm(c.u), vec.Norm(c.v)
		switch {
		case math.IsNaN(got) || math.IsInf(got, 0):
			msg += " (a division by zero: a zero vector has cosine 0 with everything)"
		case near(got, dot) && !near(dot, want):
			msg += " (that is the dot product u·v: divide it by ‖u‖ ‖v‖)"
		case nu*nu*nv*nv != 0 && near(got, dot/(nu*nu*nv*nv)):
			msg += " (you divided by the squared lengths: take the square roots, ‖u‖ = √(u·u))"
		case nu != 0 && near(got, dot/nu) || nv != 0 && near(got, dot/nv):
			msg += " (only one length is in the denominator: divide by both ‖u‖ and ‖v‖)"
		case near(got, math.Abs(want)):
			msg += " (the sign is lost: cosine is negative for vectors pointing apart)"
		case near(got, 1-want) && !near(want, 1):
			msg += " (that is the cosine distance 1 − cos, not the similarity)"
		}
		return lessons.Fail(cosineName, msg, cosineHints...)
	}
	return lessons.Pass(cosineName, "right on all %d pairs, from one-hot vectors (0) to opposite ones (−1)", len(cosineCases))
}
