//go:build goexperiment.simd && amd64

package autograd

import (
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/gonum"
)

// benchGemm times a (768, 128)·(128, 384) product, the size of the
// attention input projection of the baby GPT.
func benchGemm(b *testing.B, impl interface {
	Sgemm(blas.Transpose, blas.Transpose, int, int, int, float32, []float32, int, []float32, int, float32, []float32, int)
}) {
	m, n, k := 768, 384, 128
	a, bb, c := make([]float32, m*k), make([]float32, k*n), make([]float32, m*n)
	for i := range a {
		a[i] = 0.01 * float32(i%7)
	}
	for i := range bb {
		bb[i] = 0.01 * float32(i%5)
	}
	for range b.N {
		impl.Sgemm(blas.NoTrans, blas.NoTrans, m, n, k, 1, a, k, bb, n, 0, c, n)
	}
	b.ReportMetric(float64(2*m*n*k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOPS")
}
func BenchmarkSIMDGemm(b *testing.B)  { benchGemm(b, SIMDBLAS{}) }
func BenchmarkGonumGemm(b *testing.B) { benchGemm(b, gonum.Implementation{}) }

func BenchmarkInstalledGemm(b *testing.B) { benchGemm(b, blas32.Implementation()) }
