package word2vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

func randMat(r *rand.Rand, n, d int) [][]float64 {
	m := make([][]float64, n)
	for i := range m {
		m[i] = make([]float64, d)
		for j := range m[i] {
			m[i][j] = r.NormFloat64() * 0.5
		}
	}
	return m
}

// TestObjectiveGradients checks both objectives' analytic gradients
// against central finite differences (J(x+h) − J(x−h)) / 2h.
func TestObjectiveGradients(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const V, d, h = 6, 4, 1e-6
	vc, U := randMat(r, 1, d)[0], randMat(r, V, d)
	objectives := []struct {
		name string
		f    func(vc []float64, U [][]float64) (float64, []float64, [][]float64, error)
	}{
		{"softmax", func(vc []float64, U [][]float64) (float64, []float64, [][]float64, error) {
			return SoftmaxLoss(vc, U, 2)
		}},
		{"negative sampling", func(vc []float64, U [][]float64) (float64, []float64, [][]float64, error) {
			return NegSamplingLoss(vc, U, 2, []int{0, 4, 4, 5})
		}},
	}
	for _, obj := range objectives {
		t.Run(obj.name, func(t *testing.T) {
			_, gvc, gU, err := obj.f(vc, U)
			if err != nil {
				t.Fatal(err)
			}
			numeric := func(x *float64) float64 {
				old := *x
				*x = old + h
				jp, _, _, _ := obj.f(vc, U)
				*x = old - h
				jm, _, _, _ := obj.f(vc, U)
				*x = old
				return (jp - jm) / (2 * h)
			}
			for i := range vc {
				if n := numeric(&vc[i]); math.Abs(n-gvc[i]) > 1e-6 {
					t.Errorf("∂J/∂v_c[%d] = %v, finite difference %v", i, gvc[i], n)
				}
			}
			for w := range U {
				for i := range U[w] {
					if n := numeric(&U[w][i]); math.Abs(n-gU[w][i]) > 1e-6 {
						t.Errorf("∂J/∂u_%d[%d] = %v, finite difference %v", w, i, gU[w][i], n)
					}
				}
			}
		})
	}
}

func TestSoftmaxProbs(t *testing.T) {
	// With v_c = 0 every word is equally likely: 1/|V|.
	p := SoftmaxProbs([]float64{0, 0}, [][]float64{{1, 2}, {3, 4}, {5, 6}, {7, 8}})
	for _, x := range p {
		if math.Abs(x-0.25) > 1e-12 {
			t.Fatalf("P = %v, want all 0.25", p)
		}
	}
	// Two words, scores 0 and log 3: P = 1/4, 3/4 (by hand).
	p = SoftmaxProbs([]float64{1}, [][]float64{{0}, {math.Log(3)}})
	if math.Abs(p[0]-0.25) > 1e-12 || math.Abs(p[1]-0.75) > 1e-12 {
		t.Errorf("P = %v, want [0.25 0.75]", p)
	}
	if _, _, _, err := SoftmaxLoss([]float64{1}, [][]float64{{1}}, 3); err == nil {
		t.Error("out-of-range outside word: no error")
	}
	if _, _, _, err := NegSamplingLoss([]float64{1}, [][]float64{{1, 2}}, 0, nil); err == nil {
		t.Error("mismatched dimensions: no error")
	}
}

// TestKernels compares the unrolled loops (the dispatched ones, and the
// generic ones) with plain ones at lengths that exercise the tails,
// including next aliasing u.
func TestKernels(t *testing.T) {
	t.Run("dispatched", func(t *testing.T) { testKernels(t, dot, update, flush) })
	t.Run("generic", func(t *testing.T) { testKernels(t, dotGeneric, updateGeneric, flushGeneric) })
}

func testKernels(t *testing.T, dot func(a, b []float32) float32,
	update func(g float32, h, u, e, next []float32) float32, flush func(x, y, a, b []float32) float32) {
	r := rand.New(rand.NewPCG(3, 4))
	vecf := func(n int) []float32 {
		v := make([]float32, n)
		for i := range v {
			v[i] = float32(r.NormFloat64())
		}
		return v
	}
	for n := 0; n <= 40; n++ {
		h, u, e, nx := vecf(n), vecf(n), vecf(n), vecf(n)
		var want float64
		for i := range h {
			want += float64(h[i]) * float64(nx[i])
		}
		if got := dot(h, nx); math.Abs(float64(got)-want) > 1e-4 {
			t.Errorf("n=%d: dot %v, want %v", n, got, want)
		}
		const g = 0.3
		for _, alias := range []bool{false, true} {
			u2, e2 := append([]float32(nil), u...), append([]float32(nil), e...)
			next := nx
			if alias {
				next = u2
			}
			wantE, wantU := make([]float32, n), make([]float32, n)
			var wantS float64
			for i := range h {
				wantE[i] = e[i] + g*u[i]
				wantU[i] = u[i] + g*h[i]
				ni := nx[i]
				if alias {
					ni = wantU[i]
				}
				wantS += float64(h[i]) * float64(ni)
			}
			s := update(g, h, u2, e2, next)
			for i := range h {
				if math.Abs(float64(e2[i]-wantE[i])) > 1e-5 || math.Abs(float64(u2[i]-wantU[i])) > 1e-5 {
					t.Fatalf("n=%d alias=%v: update wrong at %d", n, alias, i)
				}
			}
			if math.Abs(float64(s)-wantS) > 1e-4 {
				t.Errorf("n=%d alias=%v: fused dot %v, want %v", n, alias, s, wantS)
			}
		}
		x, y := vecf(n), vecf(n)
		y0 := append([]float32(nil), y...)
		ya, yb := append([]float32(nil), y...), append([]float32(nil), y...)
		add(x, ya)
		addGeneric(x, yb)
		axpyGeneric(2, x, y0)
		axpy(-1, x, y0)
		for i := range x {
			if math.Abs(float64(ya[i]-(y[i]+x[i]))) > 1e-6 || math.Abs(float64(yb[i]-(y[i]+x[i]))) > 1e-6 || math.Abs(float64(y0[i]-(y[i]+x[i]))) > 1e-5 {
				t.Fatalf("n=%d: add/axpy wrong at %d", n, i)
			}
		}
		y0 = append(y0[:0], y...)
		var wantF float64
		for i := range x {
			wantF += float64(x[i]+y0[i]) * float64(nx[i])
		}
		if s := flush(x, y, y, nx); math.Abs(float64(s)-wantF) > 1e-4 {
			t.Errorf("n=%d: flush dot %v, want %v", n, s, wantF)
		}
		for i := range x {
			if x[i] != 0 {
				t.Fatalf("n=%d: flush left x[%d] = %v", n, i, x[i])
			}
		}
	}
}
