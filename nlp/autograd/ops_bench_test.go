package autograd

import (
	"math/rand/v2"
	"testing"
)

// Benchmarks of the element-wise and row ops at the sizes of the baby GPT
// (batch 12 × block 64 = 768 rows, 128 features, 4 heads):
//
//	go test -run '^$' -bench 'Op' ./nlp/autograd

func randParam(rng *rand.Rand, shape ...int) *Tensor[float32] {
	t := Param[float32](shape...)
	for i := range t.Data {
		t.Data[i] = float32(rng.NormFloat64())
	}
	return t
}

func benchOp(b *testing.B, f func() *Tensor[float32]) {
	b.Run("forward", func(b *testing.B) {
		for b.Loop() {
			NoGrad(func() { f().Release() })
		}
	})
	b.Run("forward+backward", func(b *testing.B) {
		for b.Loop() {
			y := Sum(f())
			y.Backward()
			y.Release()
		}
	})
}

func BenchmarkOpLayerNorm(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	x, g, be := randParam(rng, 768, 128), randParam(rng, 128), randParam(rng, 128)
	benchOp(b, func() *Tensor[float32] { return LayerNorm(x, g, be, 1e-5) })
}

func BenchmarkOpGELU(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	x := randParam(rng, 768, 512)
	benchOp(b, func() *Tensor[float32] { return GELU(x) })
}

func BenchmarkOpCausalSoftmax(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	x := randParam(rng, 12, 4, 64, 64)
	benchOp(b, func() *Tensor[float32] { return CausalSoftmax(x, 0.25) })
}

func BenchmarkOpLinear(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	x, w, bias := randParam(rng, 12, 64, 128), randParam(rng, 128, 512), randParam(rng, 512)
	benchOp(b, func() *Tensor[float32] { return Linear(x, w, bias) })
}

func BenchmarkOpAttention(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	qkv := randParam(rng, 12, 64, 3*128)
	B, T, C, H := 12, 64, 128, 4
	D := C / H
	benchOp(b, func() *Tensor[float32] {
		s := Split(qkv, -1, C, C, C)
		heads := func(t *Tensor[float32]) *Tensor[float32] { return Transpose(Reshape(t, B, T, H, D), 1, 2) }
		q, k, v := heads(s[0]), heads(s[1]), heads(s[2])
		att := CausalSoftmax(MatMulT(q, k), 0.25)
		return Reshape(Transpose(MatMul(att, v), 1, 2), B, T, C)
	})
}
