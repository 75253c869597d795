//go:build openblas

package autograd

/*
#cgo LDFLAGS: -lopenblas
#include <cblas.h>
*/
import "C"

import (
	"fmt"
	"strings"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/gonum"
)

// OpenBLAS is a blas.Float32 whose Sgemm calls OpenBLAS's cblas_sgemm; the
// other routines fall through to gonum's pure-Go implementation (the
// engine's hot path is Sgemm alone). It is installed with blas32.Use when
// the package is built with -tags openblas.
type OpenBLAS struct{ gonum.Implementation }

func init() {
	blas32.Use(OpenBLAS{})
	blasSetThreads(Threads())
}

func cTrans(t blas.Transpose) C.enum_CBLAS_TRANSPOSE {
	if t == blas.NoTrans {
		return C.CblasNoTrans
	}
	return C.CblasTrans
}

// Sgemm computes C = alpha·op(A)·op(B) + beta·C (row-major) with OpenBLAS.
func (OpenBLAS) Sgemm(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	if m == 0 || n == 0 {
		return
	}
	if k == 0 || len(a) == 0 || len(b) == 0 {
		// Nothing to multiply: C = beta·C, done by gonum (which also checks sizes).
		gonum.Implementation{}.Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	// Let gonum validate the arguments the same way it would for itself,
	// so both builds panic alike on bad sizes.
	checkGemm(tA, tB, m, n, k, len(a), lda, len(b), ldb, len(c), ldc)
	C.cblas_sgemm(C.CblasRowMajor, cTrans(tA), cTrans(tB), C.blasint(m), C.blasint(n), C.blasint(k),
		C.float(alpha), (*C.float)(&a[0]), C.blasint(lda), (*C.float)(&b[0]), C.blasint(ldb),
		C.float(beta), (*C.float)(&c[0]), C.blasint(ldc))
}

func blasName() string {
	if _, ok := blas32.Implementation().(OpenBLAS); ok {
		return "OpenBLAS (" + strings.TrimSpace(C.GoString(C.openblas_get_config())) + ")"
	}
	return fmt.Sprintf("%T (installed with blas32.Use)", blas32.Implementation())
}

func blasSetThreads(n int) { C.openblas_set_num_threads(C.int(n)) }
