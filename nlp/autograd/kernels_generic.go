//go:build !(goexperiment.simd && amd64)

package autograd

import "gonum.org/v1/gonum/blas"

// Scalar float32 kernels; kernels_simd.go has 16-lane versions of the same
// functions for builds with GOEXPERIMENT=simd.

// KernelsName describes the element-wise float32 kernels (exp, tanh, GELU,
// softmax, layer norm) this build and CPU run.
func KernelsName() string { return "scalar Go (built without GOEXPERIMENT=simd)" }

func exp32(dst, src []float32)  { exp32Scalar(dst, src) }
func tanh32(dst, src []float32) { tanh32Scalar(dst, src) }

func gelu32(y, t, x []float32) { gelu32Scalar(y, t, x) }

func geluGrad32(gx, g, x, t []float32, overwrite bool) { geluGrad32Scalar(gx, g, x, t, overwrite) }

func add32(dst, src []float32) { add32Scalar(dst, src) }

func softmax32(dst, src []float32) (m, z float32) { return softmax32Scalar(dst, src) }

func softmaxGrad32(g, y []float32) { softmaxGrad32Scalar(g, y) }

func lnForward32(y, x, gamma, beta []float32, eps float32) (mu, rstd float32) {
	return lnForwardScalar(y, x, gamma, beta, eps)
}

func lnBackward32(dx, gg, gb, x, g, gamma []float32, mu, rstd float32, overwrite bool) {
	lnBackwardScalar(dx, gg, gb, x, g, gamma, mu, rstd, overwrite)
}

// simdBLAS reports that this build has no SIMD Sgemm.
func simdBLAS() (blas.Float32, bool) { return nil, false }
