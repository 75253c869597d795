package autograd

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/blas/gonum"
)

// Matrix products go through gonum's BLAS interface: blas32 for float32,
// blas64 for float64. At start-up the package picks the fastest float32
// implementation it can find (see LINGO_BLAS below) and installs it with
// blas32.Use: a C BLAS loaded at run time (OpenBLAS; Accelerate on macOS)
// when the system has one, otherwise the fastest pure-Go Sgemm the CPU
// supports. No build tags are involved: the same build runs everywhere and
// uses the library when it is installed. A program may also install any
// other blas.Float32 with blas32.Use; BLASName reports what is in use.

// blasLibraries are the C libraries tried, in order, when LINGO_BLAS is
// unset: OpenBLAS's run-time library (Debian/Ubuntu libopenblas0, Fedora
// openblas), Apple's Accelerate, Homebrew's openblas.
var blasLibraries = map[string][]string{
	"linux":  {"libopenblas.so.0", "libopenblas.so", "libopenblasp.so.0"},
	"darwin": {"/System/Library/Frameworks/Accelerate.framework/Accelerate", "/opt/homebrew/opt/openblas/lib/libopenblas.dylib", "/usr/local/opt/openblas/lib/libopenblas.dylib"},
}

var blasChoice struct {
	sync.Mutex
	why string // why the installed implementation was chosen, for BLASName
}

func init() { UseBLAS(os.Getenv("LINGO_BLAS")) }

// UseBLAS chooses the implementation of float32 matrix products and
// returns BLASName. The LINGO_BLAS environment variable gives the choice
// at start-up:
//
//	""             (the default) the first C BLAS found among OpenBLAS and
//	               Accelerate, else the fastest pure-Go Sgemm for the CPU
//	"go"           the fastest pure-Go Sgemm (AVX-512 if the build and the
//	               CPU have it, else gonum's)
//	"gonum"        gonum's pure-Go Sgemm
//	a library      a file name or path passed to dlopen, e.g.
//	               "libopenblas.so.0"; it must export cblas_sgemm
//
// If the library asked for cannot be loaded, UseBLAS falls back to pure Go
// and BLASName says why. The C library gets SetThreads's thread count.
func UseBLAS(choice string) string {
	blasChoice.Lock()
	defer blasChoice.Unlock()
	var tried []string
	libs := blasLibraries[runtime.GOOS]
	switch choice {
	case "go", "gonum":
		libs = nil
		tried = append(tried, "LINGO_BLAS="+choice)
	case "":
	default:
		libs = []string{choice}
	}
	for _, lib := range libs {
		if runtime.GOOS == "darwin" && strings.Contains(lib, "Accelerate") && os.Getenv("VECLIB_MAXIMUM_THREADS") == "" {
			// Accelerate reads its thread count when it loads.
			os.Setenv("VECLIB_MAXIMUM_THREADS", strconv.Itoa(Threads()))
		}
		impl, err := openCBLAS(lib)
		if err == nil {
			blas32.Use(impl)
			cblasSetThreads(Threads())
			blasChoice.why = ""
			return blasNameLocked()
		}
		tried = append(tried, err.Error())
	}
	if impl, ok := simdBLAS(); ok && choice != "gonum" {
		blas32.Use(impl)
	} else {
		blas32.Use(gonum.Implementation{})
	}
	if len(libs) > 0 && choice == "" {
		tried = append([]string{"no C BLAS found (install OpenBLAS: sudo apt-get install libopenblas0)"}, tried...)
	}
	blasChoice.why = strings.Join(tried, "; ")
	return blasNameLocked()
}

// BLASName names the BLAS implementation that float32 matrix products use
// and, for a pure-Go one, why no C library is used, e.g.
// "OpenBLAS (libopenblas.so.0: OpenBLAS 0.3.21 …), 1 thread" or
// "gonum (pure Go): LINGO_BLAS=gonum".
func BLASName() string {
	blasChoice.Lock()
	defer blasChoice.Unlock()
	return blasNameLocked()
}

func blasNameLocked() string {
	var name string
	switch impl := blas32.Implementation().(type) {
	case gonum.Implementation:
		name = "gonum (pure Go)"
	case cblas:
		return fmt.Sprintf("%s, %s", impl.Name(), plural(Threads(), "thread"))
	case interface{ Name() string }:
		name = impl.Name()
	default:
		return fmt.Sprintf("%T (installed with blas32.Use)", impl)
	}
	if blasChoice.why != "" {
		name += ": " + blasChoice.why
	}
	return name
}

func plural(n int, s string) string {
	if n == 1 {
		return "1 " + s
	}
	return fmt.Sprintf("%d %ss", n, s)
}

// blasSetThreads passes a new thread count to the C library in use.
func blasSetThreads(n int) {
	if _, ok := blas32.Implementation().(cblas); ok {
		cblasSetThreads(n)
	}
}

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
