package vecex

import (
	"math"
	"strings"
	"testing"
)

// Reference solutions of the three exercises.

func cosineRef(u, v []float32) float64 {
	var d, nu, nv float64
	for i := range u {
		d += float64(u[i]) * float64(v[i])
		nu += float64(u[i]) * float64(u[i])
		nv += float64(v[i]) * float64(v[i])
	}
	if nu == 0 || nv == 0 {
		return 0
	}
	return d / math.Sqrt(nu*nv)
}

func softmaxRef(vc []float64, U [][]float64) []float64 {
	s := make([]float64, len(U))
	m := math.Inf(-1)
	for w, u := range U {
		s[w] = dot(u, vc)
		m = math.Max(m, s[w])
	}
	var z float64
	for w := range s {
		s[w] = math.Exp(s[w] - m)
		z += s[w]
	}
	for w := range s {
		s[w] /= z
	}
	return s
}

func gradRef(vc []float64, U [][]float64, o int) []float64 {
	p := softmaxRef(vc, U)
	g := make([]float64, len(vc))
	for i := range g {
		g[i] = -U[o][i]
		for w := range U {
			g[i] += p[w] * U[w][i]
		}
	}
	return g
}

func TestReferenceSolutionsPass(t *testing.T) {
	if fb := CheckCosine(cosineRef); !fb.OK {
		t.Errorf("cosine: %v", fb)
	}
	if fb := CheckSoftmax(softmaxRef); !fb.OK {
		t.Errorf("softmax: %v", fb)
	}
	if fb := CheckGradVc(gradRef); !fb.OK {
		t.Errorf("gradient: %v", fb)
	}
}

func TestCosineMistakes(t *testing.T) {
	tests := []struct {
		name string
		f    func(u, v []float32) float64
		want string // a piece of the message
	}{
		{"skeleton returns 0", func(u, v []float32) float64 { return 0 }, "a vector and itself scaled by 3"},
		{"dot product only", func(u, v []float32) float64 {
			var d float64
			for i := range u {
				d += float64(u[i] * v[i])
			}
			return d
		}, "that is the dot product"},
		{"squared norms", func(u, v []float32) float64 {
			var d, nu, nv float64
			for i := range u {
				d += float64(u[i] * v[i])
				nu += float64(u[i] * u[i])
				nv += float64(v[i] * v[i])
			}
			return d / (nu * nv)
		}, "squared lengths"},
		{"absolute value", func(u, v []float32) float64 { return math.Abs(cosineRef(u, v)) }, "sign is lost"},
		{"distance", func(u, v []float32) float64 { return 1 - cosineRef(u, v) }, "cosine distance"},
		{"no zero check", func(u, v []float32) float64 {
			var d, nu, nv float64
			for i := range u {
				d += float64(u[i] * v[i])
				nu += float64(u[i] * u[i])
				nv += float64(v[i] * v[i])
			}
			return d / math.Sqrt(nu*nv)
		}, "division by zero"},
		{"panics", func(u, v []float32) float64 { return float64(u[10]) }, "panicked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fb := CheckCosine(tt.f)
			if fb.OK || !strings.Contains(fb.Message, tt.want) || len(fb.Hints) == 0 {
				t.Errorf("got %v, want a failure mentioning %q", fb, tt.want)
			}
		})
	}
}

func TestSoftmaxMistakes(t *testing.T) {
	scores := func(vc []float64, U [][]float64) []float64 {
		s := make([]float64, len(U))
		for w, u := range U {
			s[w] = dot(u, vc)
		}
		return s
	}
	naive := func(vc []float64, U [][]float64) []float64 {
		s := scores(vc, U)
		var z float64
		for w := range s {
			s[w] = math.Exp(s[w])
			z += s[w]
		}
		for w := range s {
			s[w] /= z
		}
		return s
	}
	tests := []struct {
		name string
		f    func(vc []float64, U [][]float64) []float64
		want string
	}{
		{"skeleton nil", func(vc []float64, U [][]float64) []float64 { return nil }, "you return 0 numbers, expected 3"},
		{"scores only", scores, "those are the scores"},
		{"exp without normalising", func(vc []float64, U [][]float64) []float64 {
			s := scores(vc, U)
			for w := range s {
				s[w] = math.Exp(s[w])
			}
			return s
		}, "without the normalisation"},
		// The naive version is right on the first two cases and overflows on the third.
		{"overflow", naive, "exp overflowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fb := CheckSoftmax(tt.f)
			if fb.OK || !strings.Contains(fb.Message, tt.want) {
				t.Errorf("got %v, want a failure mentioning %q", fb, tt.want)
			}
		})
	}
}

func TestGradMistakes(t *testing.T) {
	tests := []struct {
		name string
		f    func(vc []float64, U [][]float64, o int) []float64
		want string
	}{
		{"skeleton", func(vc []float64, U [][]float64, o int) []float64 { return make([]float64, len(vc)) }, "you return [0, 0], expected"},
		{"sign flipped", func(vc []float64, U [][]float64, o int) []float64 {
			g := gradRef(vc, U, o)
			for i := range g {
				g[i] = -g[i]
			}
			return g
		}, "sign is flipped"},
		{"only −u_o", func(vc []float64, U [][]float64, o int) []float64 {
			g := make([]float64, len(vc))
			for i := range g {
				g[i] = -U[o][i]
			}
			return g
		}, "expected vector"},
		{"only expectation", func(vc []float64, U [][]float64, o int) []float64 {
			g := gradRef(vc, U, o)
			for i := range g {
				g[i] += U[o][i]
			}
			return g
		}, "observed term −u_o is missing"},
		{"per word", func(vc []float64, U [][]float64, o int) []float64 { return make([]float64, len(U)) }, "the dimension of v_c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fb := CheckGradVc(tt.f)
			if fb.OK || !strings.Contains(fb.Message, tt.want) {
				t.Errorf("got %v, want a failure mentioning %q", fb, tt.want)
			}
		})
	}
}

func TestNilFunctions(t *testing.T) {
	if CheckCosine(nil).OK || CheckSoftmax(nil).OK || CheckGradVc(nil).OK {
		t.Error("a nil function passed")
	}
}
