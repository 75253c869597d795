package autograd

import (
	"fmt"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
)

// Matrix products go through gonum's BLAS interface: blas32 for float32,
// blas64 for float64. Built with -tags openblas the float32 product calls
// OpenBLAS's cblas_sgemm through cgo (blas_openblas.go); otherwise gonum's
// pure-Go implementation runs. A program may also install any other
// blas.Float32 with blas32.Use; BLASName reports what is in use.

// BLASName names the BLAS implementation that float32 matrix products use,
// e.g. "gonum (pure Go)" or "OpenBLAS 0.3.21 …".
func BLASName() string { return blasName() }

// gemm computes C = alpha·op(A)·op(B) + beta·C for row-major matrices,
// where op(X) is X or Xᵀ: C is m×n, op(A) is m×k and op(B) is k×n.
func gemm[E Float](tA, tB bool, m, n, k int, alpha E, a []E, lda int, b []E, ldb int, beta E, c []E, ldc int) {
	if m == 0 || n == 0 {
		return
	}
	ta, tb := blas.NoTrans, blas.NoTrans
	if tA {
		ta = blas.Trans
	}
	if tB {
		tb = blas.Trans
	}
	switch c := any(c).(type) {
	case []float32:
		blas32.Implementation().Sgemm(ta, tb, m, n, k, float32(alpha), any(a).([]float32), lda, any(b).([]float32), ldb, float32(beta), c, ldc)
	case []float64:
		blas64.Implementation().Dgemm(ta, tb, m, n, k, float64(alpha), any(a).([]float64), lda, any(b).([]float64), ldb, float64(beta), c, ldc)
	}
}

// checkGemm panics like gonum's Sgemm when the sizes do not fit the slices.
func checkGemm(tA, tB blas.Transpose, m, n, k, la, lda, lb, ldb, lc, ldc int) {
	ra, ca := m, k
	if tA != blas.NoTrans {
		ra, ca = k, m
	}
	rb, cb := k, n
	if tB != blas.NoTrans {
		rb, cb = n, k
	}
	if lda < max(1, ca) || ldb < max(1, cb) || ldc < max(1, n) ||
		la < lda*(ra-1)+ca || lb < ldb*(rb-1)+cb || lc < ldc*(m-1)+n {
		panic(fmt.Sprintf("autograd: Sgemm: bad sizes m=%d n=%d k=%d lda=%d ldb=%d ldc=%d len(a)=%d len(b)=%d len(c)=%d", m, n, k, lda, ldb, ldc, la, lb, lc))
	}
}
