package autograd

import (
	"math"
	"slices"
	"testing"
)

// The slice kernels (16-lane under GOEXPERIMENT=simd) agree with their
// scalar twins, including ±Inf, NaN and the overflow/underflow edges.
func TestKernelsMatchScalar(t *testing.T) {
	var xs []float32
	for x := -100.0; x <= 100; x += 0.0371 {
		xs = append(xs, float32(x))
	}
	xs = append(xs, float32(math.Inf(-1)), float32(math.Inf(1)), float32(math.NaN()), 88.7, 88.72, 88.73, -87.29, -87.31, 0, -0)
	for len(xs)%16 != 3 { // leave a scalar tail too
		xs = append(xs, 1)
	}
	same := func(a, b float32, rel float64) bool {
		if a != a || b != b {
			return a != a && b != b
		}
		if math.IsInf(float64(a), 0) || math.IsInf(float64(b), 0) {
			return a == b
		}
		return math.Abs(float64(a-b)) <= rel*math.Max(math.Abs(float64(b)), 1e-30)
	}
	got, want := make([]float32, len(xs)), make([]float32, len(xs))
	exp32(got, xs)
	exp32Scalar(want, xs)
	for i := range xs {
		if !same(got[i], want[i], 1e-6) {
			t.Fatalf("exp(%v) = %v, scalar %v", xs[i], got[i], want[i])
		}
	}
	tanh32(got, xs)
	tanh32Scalar(want, xs)
	for i := range xs {
		if !same(got[i], want[i], 1e-6) && math.Abs(float64(got[i]-want[i])) > 1e-7 {
			t.Fatalf("tanh(%v) = %v, scalar %v", xs[i], got[i], want[i])
		}
	}
	g := make([]float32, len(xs))
	for i := range g {
		g[i] = float32(i%7) - 3
	}
	y1, t1, y2, t2 := make([]float32, len(xs)), make([]float32, len(xs)), make([]float32, len(xs)), make([]float32, len(xs))
	gelu32(y1, t1, xs)
	gelu32Scalar(y2, t2, xs)
	for _, overwrite := range []bool{false, true} {
		d1, d2 := make([]float32, len(xs)), make([]float32, len(xs))
		for i := range d1 { // adding to 0.5, or overwriting a stale NaN
			d1[i], d2[i] = 0.5, 0.5
			if overwrite {
				d1[i], d2[i] = float32(math.NaN()), float32(math.NaN())
			}
		}
		geluGrad32(d1, g, xs, t1, overwrite)
		geluGrad32Scalar(d2, g, xs, t2, overwrite)
		for i := range xs {
			if !same(y1[i], y2[i], 1e-5) && math.Abs(float64(y1[i]-y2[i])) > 1e-6 || !same(d1[i], d2[i], 1e-5) && math.Abs(float64(d1[i]-d2[i])) > 1e-5 {
				t.Fatalf("gelu at %v (overwrite %v): %v %v vs scalar %v %v", xs[i], overwrite, y1[i], d1[i], y2[i], d2[i])
			}
		}
	}
}

// The layer-norm row kernels agree with the scalar ones (C = 48, a
// multiple of the 16 lanes).
func TestLayerNormKernelsMatchScalar(t *testing.T) {
	const C = 48
	row := func(seed float64) []float32 {
		s := make([]float32, C)
		for i := range s {
			s[i] = float32(math.Sin(1.3*float64(i) + seed))
		}
		return s
	}
	x, gamma, beta, g := row(1), row(2), row(3), row(4)
	y1, y2 := make([]float32, C), make([]float32, C)
	mu1, r1 := lnForward32(y1, x, gamma, beta, 1e-5)
	mu2, r2 := lnForwardScalar(y2, x, gamma, beta, 1e-5)
	if math.Abs(float64(mu1-mu2)) > 1e-6 || math.Abs(float64(r1-r2)) > 1e-5 {
		t.Fatalf("stats %v %v vs %v %v", mu1, r1, mu2, r2)
	}
	for _, overwrite := range []bool{false, true} {
		dx1, gg1, gb1 := row(5), make([]float32, C), make([]float32, C)
		dx2, gg2, gb2 := row(5), make([]float32, C), make([]float32, C)
		if overwrite { // stale values must not leak into the result
			for i := range dx1 {
				dx1[i], dx2[i] = float32(math.NaN()), float32(math.Inf(1))
			}
		}
		lnBackward32(dx1, gg1, gb1, x, g, gamma, mu2, r2, overwrite)
		lnBackwardScalar(dx2, gg2, gb2, x, g, gamma, mu2, r2, overwrite)
		for i := range C {
			for _, p := range [][2]float32{{y1[i], y2[i]}, {dx1[i], dx2[i]}, {gg1[i], gg2[i]}, {gb1[i], gb2[i]}} {
				if !(math.Abs(float64(p[0]-p[1])) <= 1e-5) {
					t.Fatalf("element %d (overwrite %v): %v vs scalar %v", i, overwrite, p[0], p[1])
				}
			}
		}
	}
}

// The softmax row kernels (16-lane under GOEXPERIMENT=simd) agree with
// softmaxScalar for every length around the lane width, in place or not,
// with −Inf (masked) entries and for a fully masked row, and so do the
// softmax gradient kernels.
func TestSoftmaxKernelsMatchScalar(t *testing.T) {
	ninf := float32(math.Inf(-1))
	for n := 1; n <= 70; n++ {
		x := make([]float32, n)
		for i := range x {
			x[i] = float32(math.Sin(float64(i)*1.7)) * 8
			if i%11 == 5 {
				x[i] = ninf
			}
		}
		for _, row := range [][]float32{x, slices.Repeat([]float32{ninf}, n)} {
			got, want := make([]float32, n), make([]float32, n)
			m1, z1 := softmax32(got, row)
			m2, z2 := softmax32Scalar(want, row)
			inPlace := slices.Clone(row)
			m3, z3 := softmax32(inPlace, inPlace)
			if m1 != m2 || m3 != m1 || math.Abs(float64(z1-z2)) > 1e-5*float64(z2) || z3 != z1 {
				t.Fatalf("n=%d: max, z = %v %v (in place %v %v), scalar %v %v", n, m1, z1, m3, z3, m2, z2)
			}
			for i := range got {
				if math.Abs(float64(got[i]-want[i])) > 1e-6 || got[i] != inPlace[i] {
					t.Fatalf("n=%d: softmax[%d] = %v (in place %v), scalar %v", n, i, got[i], inPlace[i], want[i])
				}
			}
			g1, g2 := make([]float32, n), make([]float32, n)
			for i := range g1 {
				g1[i] = float32(i%5) - 2
				g2[i] = g1[i]
			}
			softmaxGrad32(g1, want)
			softmaxGrad32Scalar(g2, want)
			for i := range g1 {
				if math.Abs(float64(g1[i]-g2[i])) > 1e-5 {
					t.Fatalf("n=%d: softmax grad[%d] = %v, scalar %v", n, i, g1[i], g2[i])
				}
			}
		}
	}
}
