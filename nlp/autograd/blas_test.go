package autograd

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/gonum"
)

// UseBLAS installs what LINGO_BLAS asks for and BLASName says why a pure-Go
// product runs: asked for, or the library could not be loaded.
func TestUseBLAS(t *testing.T) {
	defer UseBLAS("")
	if got := UseBLAS("gonum"); got != "gonum (pure Go): LINGO_BLAS=gonum" {
		t.Errorf(`UseBLAS("gonum") = %q`, got)
	}
	if _, ok := blas32.Implementation().(gonum.Implementation); !ok {
		t.Errorf("LINGO_BLAS=gonum installed %T", blas32.Implementation())
	}
	got := UseBLAS("/nonexistent/libnoblas.so")
	if !strings.Contains(got, "pure Go") || !strings.Contains(got, "/nonexistent/libnoblas.so") {
		t.Errorf("a missing library should fall back to pure Go and name the library, got %q", got)
	}
	if got := UseBLAS("go"); !strings.Contains(got, "LINGO_BLAS=go") {
		t.Errorf(`UseBLAS("go") = %q`, got)
	}
}

// The C BLAS, when the system has one, agrees with gonum's Sgemm on every
// transposition, odd sizes, strides larger than the width and alpha/beta.
func TestCBLASMatchesGonum(t *testing.T) {
	defer UseBLAS("")
	if name := UseBLAS(""); strings.Contains(name, "pure Go") {
		t.Skipf("no C BLAS here: %s", name)
	}
	impl := blas32.Implementation()
	rng := rand.New(rand.NewPCG(2, 2))
	randSlice := func(n int) []float32 {
		s := make([]float32, n)
		for i := range s {
			s[i] = float32(rng.NormFloat64())
		}
		return s
	}
	for _, sz := range [][3]int{{1, 1, 1}, {7, 65, 13}, {64, 64, 16}, {33, 100, 3}} {
		for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans} {
			for _, tB := range []blas.Transpose{blas.NoTrans, blas.Trans} {
				m, n, k := sz[0], sz[1], sz[2]
				ra, ca := m, k
				if tA == blas.Trans {
					ra, ca = k, m
				}
				rb, cb := k, n
				if tB == blas.Trans {
					rb, cb = n, k
				}
				lda, ldb, ldc := ca+3, cb+1, n+2
				a, b, c := randSlice(ra*lda), randSlice(rb*ldb), randSlice(m*ldc)
				want := append([]float32(nil), c...)
				gonum.Implementation{}.Sgemm(tA, tB, m, n, k, -0.5, a, lda, b, ldb, 2, want, ldc)
				impl.Sgemm(tA, tB, m, n, k, -0.5, a, lda, b, ldb, 2, c, ldc)
				for i := range c {
					if math.Abs(float64(c[i]-want[i])) > 1e-4*(1+math.Abs(float64(want[i]))) {
						t.Fatalf("%v %c%c: c[%d] = %v, gonum %v", sz, tA, tB, i, c[i], want[i])
					}
				}
			}
		}
	}
}

// Bad sizes panic before C sees the slices, as gonum's Sgemm does.
func TestCBLASChecksSizes(t *testing.T) {
	defer UseBLAS("")
	if name := UseBLAS(""); strings.Contains(name, "pure Go") {
		t.Skipf("no C BLAS here: %s", name)
	}
	defer func() {
		if recover() == nil {
			t.Error("Sgemm with a too-short C did not panic")
		}
	}()
	blas32.Implementation().Sgemm(blas.NoTrans, blas.NoTrans, 4, 4, 4, 1, make([]float32, 16), 4, make([]float32, 16), 4, 0, make([]float32, 15), 4)
}
