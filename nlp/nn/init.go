package nn

import (
	"math"
	"math/rand/v2"

	"github.com/lingo-nlp/lingo/nlp/autograd"
)

// NewRand returns the random source layers are initialised from. The
// same seed gives the same weights on every machine.
func NewRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x6c696e676f)) }

// uniformParam returns a parameter with values uniform in [−bound, bound):
// PyTorch's default for Linear weights and biases with bound = 1/√fanIn.
func uniformParam(rng *rand.Rand, bound float64, shape ...int) *Tensor {
	p := autograd.Param[float32](shape...)
	for i := range p.Data {
		p.Data[i] = float32((2*rng.Float64() - 1) * bound)
	}
	return p
}

// normalParam returns a parameter with values from N(0, std²).
func normalParam(rng *rand.Rand, std float64, shape ...int) *Tensor {
	p := autograd.Param[float32](shape...)
	for i := range p.Data {
		p.Data[i] = float32(rng.NormFloat64() * std)
	}
	return p
}

func constParam(v float32, shape ...int) *Tensor {
	p := autograd.Param[float32](shape...)
	for i := range p.Data {
		p.Data[i] = v
	}
	return p
}

func invSqrt(n int) float64 { return 1 / math.Sqrt(float64(n)) }
