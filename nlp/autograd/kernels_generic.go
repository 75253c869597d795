//go:build !(goexperiment.simd && amd64)

package autograd

// Scalar float32 kernels; kernels_simd.go has 16-lane versions of the same
// functions for builds with GOEXPERIMENT=simd.

func exp32(dst, src []float32)  { exp32Scalar(dst, src) }
func tanh32(dst, src []float32) { tanh32Scalar(dst, src) }

func gelu32(y, t, x []float32) { gelu32Scalar(y, t, x) }

func geluGrad32(gx, g, x, t []float32) { geluGrad32Scalar(gx, g, x, t) }

func add32(dst, src []float32) { add32Scalar(dst, src) }
