//go:build goexperiment.simd && amd64

package autograd

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// The SIMD Sgemm agrees with gonum's reference Sgemm on every
// transposition, odd sizes (remainder rows and masked columns), strides
// larger than the width, and alpha/beta values.
func TestSIMDSgemmMatchesGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	randSlice := func(n int) []float32 {
		s := make([]float32, n)
		for i := range s {
			s[i] = float32(rng.NormFloat64())
		}
		return s
	}
	for _, sz := range [][3]int{{1, 1, 1}, {4, 32, 8}, {7, 65, 13}, {64, 64, 32}, {5, 17, 129}, {33, 100, 3}} {
		for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans} {
			for _, tB := range []blas.Transpose{blas.NoTrans, blas.Trans} {
				for _, ab := range [][2]float32{{1, 0}, {1, 1}, {-0.5, 2}} {
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
					gonum.Implementation{}.Sgemm(tA, tB, m, n, k, ab[0], a, lda, b, ldb, ab[1], want, ldc)
					SIMDBLAS{}.Sgemm(tA, tB, m, n, k, ab[0], a, lda, b, ldb, ab[1], c, ldc)
					for i := range c {
						if math.Abs(float64(c[i]-want[i])) > 1e-4*(1+math.Abs(float64(want[i]))) {
							t.Fatalf("%v %c%c alpha,beta %v: c[%d] = %v, want %v", sz, tA, tB, ab, i, c[i], want[i])
						}
					}
				}
			}
		}
	}
}
