package vec

import (
	"fmt"
	"math"
)

// Dot returns the dot product u·v, accumulated in float64.
// It panics if len(u) != len(v).
func Dot(u, v []float32) float64 {
	if len(u) != len(v) {
		panic(fmt.Sprintf("vec: Dot of lengths %d and %d", len(u), len(v)))
	}
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(u); i += 4 {
		s0 += float64(u[i]) * float64(v[i])
		s1 += float64(u[i+1]) * float64(v[i+1])
		s2 += float64(u[i+2]) * float64(v[i+2])
		s3 += float64(u[i+3]) * float64(v[i+3])
	}
	for ; i < len(u); i++ {
		s0 += float64(u[i]) * float64(v[i])
	}
	return (s0 + s1) + (s2 + s3)
}

// Norm returns the Euclidean length ‖v‖.
func Norm(v []float32) float64 {
	return math.Sqrt(Dot(v, v))
}

// Cosine returns u·v / (‖u‖ ‖v‖), or 0 if either vector is zero.
// It panics if len(u) != len(v).
func Cosine(u, v []float32) float64 {
	nu, nv := Norm(u), Norm(v)
	if nu == 0 || nv == 0 {
		return 0
	}
	return Dot(u, v) / (nu * nv)
}

// Unit returns v/‖v‖ as a new slice; the zero vector is returned as a copy.
func Unit(v []float32) []float32 {
	out := make([]float32, len(v))
	n := Norm(v)
	if n == 0 {
		copy(out, v)
		return out
	}
	for i, x := range v {
		out[i] = float32(float64(x) / n)
	}
	return out
}

// OneHot returns the one-hot vector e_i of length n: all zeros but a 1 at i.
// Two different one-hot vectors are orthogonal, which is why one-hot
// encodings carry no notion of similarity.
// It panics if i is not in [0, n).
func OneHot(i, n int) []float32 {
	if i < 0 || i >= n {
		panic(fmt.Sprintf("vec: OneHot index %d out of range [0,%d)", i, n))
	}
	v := make([]float32, n)
	v[i] = 1
	return v
}

// OneHotEncoding maps each word of a vocabulary to its one-hot vector.
type OneHotEncoding struct {
	Words []string       // index → word
	Index map[string]int // word → index
}

// NewOneHot builds a one-hot encoding of the distinct words, in order of
// first appearance.
func NewOneHot(words []string) *OneHotEncoding {
	e := &OneHotEncoding{Index: make(map[string]int)}
	for _, w := range words {
		if _, ok := e.Index[w]; !ok {
			e.Index[w] = len(e.Words)
			e.Words = append(e.Words, w)
		}
	}
	return e
}

// Encode returns the one-hot vector of word.
func (e *OneHotEncoding) Encode(word string) ([]float32, error) {
	i, ok := e.Index[word]
	if !ok {
		return nil, fmt.Errorf("vec: word %q not in the one-hot vocabulary", word)
	}
	return OneHot(i, len(e.Words)), nil
}
