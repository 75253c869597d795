//go:build cgo && (linux || darwin)

package autograd

/*
#cgo linux LDFLAGS: -ldl
#include <dlfcn.h>
#include <stdlib.h>

// The CBLAS entry points Lingo uses, looked up at run time so that the
// same build runs with or without the library installed.
typedef void (*sgemm_fn)(int order, int ta, int tb, int m, int n, int k,
	float alpha, const float *a, int lda, const float *b, int ldb,
	float beta, float *c, int ldc);
typedef void (*set_threads_fn)(int);
typedef char *(*get_config_fn)(void);

static sgemm_fn lingo_sgemm_ptr;
static set_threads_fn lingo_set_threads_ptr;
static get_config_fn lingo_get_config_ptr;

// lingo_cblas_open loads lib and finds cblas_sgemm in it. It returns NULL
// on success and dlerror's message otherwise.
static const char *lingo_cblas_open(const char *lib) {
	void *h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		return dlerror();
	}
	sgemm_fn f = (sgemm_fn)dlsym(h, "cblas_sgemm");
	if (f == NULL) {
		const char *e = dlerror();
		dlclose(h);
		return e != NULL ? e : "cblas_sgemm not found";
	}
	lingo_sgemm_ptr = f;
	lingo_set_threads_ptr = (set_threads_fn)dlsym(h, "openblas_set_num_threads");
	lingo_get_config_ptr = (get_config_fn)dlsym(h, "openblas_get_config");
	return NULL;
}

static void lingo_sgemm(int ta, int tb, int m, int n, int k, float alpha,
	const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc) {
	lingo_sgemm_ptr(101, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc); // 101: CblasRowMajor
}

static int lingo_can_set_threads(void) { return lingo_set_threads_ptr != NULL; }
static void lingo_set_threads(int n) { if (lingo_set_threads_ptr) lingo_set_threads_ptr(n); }
static const char *lingo_config(void) { return lingo_get_config_ptr ? lingo_get_config_ptr() : ""; }
*/
import "C"

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"unsafe"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// cblas is a blas.Float32 whose Sgemm calls cblas_sgemm of a C BLAS
// library (OpenBLAS, Apple's Accelerate) loaded at run time; the other
// routines fall through to gonum's pure-Go implementation (the engine's
// hot path is Sgemm alone). See LoadBLAS.
type cblas struct {
	gonum.Implementation
	lib string // the library it was loaded from
}

// Name describes the library, e.g. "OpenBLAS (libopenblas.so.0: OpenBLAS 0.3.21 …)".
func (c cblas) Name() string {
	cfg := strings.TrimSpace(C.GoString(C.lingo_config()))
	kind := "C BLAS"
	switch {
	case strings.Contains(strings.ToLower(c.lib+cfg), "openblas"):
		kind = "OpenBLAS"
	case strings.Contains(c.lib, "Accelerate"):
		kind = "Accelerate"
	}
	if cfg == "" {
		return fmt.Sprintf("%s (%s)", kind, c.lib)
	}
	return fmt.Sprintf("%s (%s: %s)", kind, c.lib, cfg)
}

var cblasMu sync.Mutex // guards loading (one C library per process)

// openCBLAS loads lib with dlopen and returns it as a cblas.
func openCBLAS(lib string) (cblas, error) {
	cblasMu.Lock()
	defer cblasMu.Unlock()
	cs := C.CString(lib)
	defer C.free(unsafe.Pointer(cs))
	if e := C.lingo_cblas_open(cs); e != nil {
		return cblas{}, errors.New(C.GoString(e))
	}
	return cblas{lib: lib}, nil
}

func cTrans(t blas.Transpose) C.int {
	if t == blas.NoTrans {
		return 111 // CblasNoTrans
	}
	return 112 // CblasTrans
}

// Sgemm computes C = alpha·op(A)·op(B) + beta·C (row-major) with the C library.
func (cblas) Sgemm(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	if m == 0 || n == 0 {
		return
	}
	if k == 0 || len(a) == 0 || len(b) == 0 {
		// Nothing to multiply: C = beta·C, done by gonum (which also checks sizes).
		gonum.Implementation{}.Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	// Check the sizes as gonum would, so that every implementation panics
	// alike on bad arguments, and that C never reads out of bounds.
	checkGemm(tA, tB, m, n, k, len(a), lda, len(b), ldb, len(c), ldc)
	if m > math.MaxInt32 || n > math.MaxInt32 || k > math.MaxInt32 || lda > math.MaxInt32 || ldb > math.MaxInt32 || ldc > math.MaxInt32 {
		gonum.Implementation{}.Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	C.lingo_sgemm(cTrans(tA), cTrans(tB), C.int(m), C.int(n), C.int(k),
		C.float(alpha), (*C.float)(&a[0]), C.int(lda), (*C.float)(&b[0]), C.int(ldb),
		C.float(beta), (*C.float)(&c[0]), C.int(ldc))
}

// cblasSetThreads tells the loaded library how many threads to use, if it
// has a way to be told (OpenBLAS does; Accelerate sizes itself).
func cblasSetThreads(n int) bool {
	if C.lingo_can_set_threads() == 0 {
		return false
	}
	C.lingo_set_threads(C.int(n))
	return true
}
