package autograd

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// randT returns a float64 tensor with values uniform in [lo, hi), from a
// fixed seed so that every run checks the same points.
func randT(rng *rand.Rand, lo, hi float64, shape ...int) *Tensor[float64] {
	t := New[float64](shape...)
	for i := range t.Data {
		t.Data[i] = lo + (hi-lo)*rng.Float64()
	}
	return t
}

// awayFromZero pushes values out of (−0.1, 0.1) so ReLU's kink is not
// straddled by the finite difference.
func awayFromZero(t *Tensor[float64]) *Tensor[float64] {
	for i, v := range t.Data {
		if v > -0.1 && v < 0.1 {
			t.Data[i] = v + 0.25
		}
	}
	return t
}

type gradCase struct {
	name   string
	inputs []*Tensor[float64]
	f      func(x []*Tensor[float64]) *Tensor[float64]
}

func gradCases() []gradCase {
	rng := rand.New(rand.NewPCG(9, 9))
	r := func(shape ...int) *Tensor[float64] { return randT(rng, -1, 1, shape...) }
	in := func(ts ...*Tensor[float64]) []*Tensor[float64] { return ts }
	return []gradCase{
		{"Add/same", in(r(2, 3), r(2, 3)), func(x []*Tensor[float64]) *Tensor[float64] { return Add(x[0], x[1]) }},
		{"Add/bias (2,3,4)+(4)", in(r(2, 3, 4), r(4)), func(x []*Tensor[float64]) *Tensor[float64] { return Add(x[0], x[1]) }},
		{"Add/positions (2,3,4)+(3,4)", in(r(2, 3, 4), r(3, 4)), func(x []*Tensor[float64]) *Tensor[float64] { return Add(x[0], x[1]) }},
		{"Add/general (2,3,4)+(2,1,4)", in(r(2, 3, 4), r(2, 1, 4)), func(x []*Tensor[float64]) *Tensor[float64] { return Add(x[0], x[1]) }},
		{"Add/outer (3,1)+(1,4)", in(r(3, 1), r(1, 4)), func(x []*Tensor[float64]) *Tensor[float64] { return Add(x[0], x[1]) }},
		{"Sub/broadcast (3,4)-(4)", in(r(3, 4), r(4)), func(x []*Tensor[float64]) *Tensor[float64] { return Sub(x[0], x[1]) }},
		{"Sub/general (4,1)-(2,1,3)", in(r(4, 1), r(2, 1, 3)), func(x []*Tensor[float64]) *Tensor[float64] { return Sub(x[0], x[1]) }},
		{"Mul/same", in(r(5), r(5)), func(x []*Tensor[float64]) *Tensor[float64] { return Mul(x[0], x[1]) }},
		{"Mul/suffix (2,3)*(3)", in(r(2, 3), r(3)), func(x []*Tensor[float64]) *Tensor[float64] { return Mul(x[0], x[1]) }},
		{"Mul/general (2,1,3)*(4,1)", in(r(2, 1, 3), r(4, 1)), func(x []*Tensor[float64]) *Tensor[float64] { return Mul(x[0], x[1]) }},
		{"Mul/scalar tensor", in(r(2, 3), r()), func(x []*Tensor[float64]) *Tensor[float64] { return Mul(x[0], x[1]) }},
		{"Scale", in(r(3, 2)), func(x []*Tensor[float64]) *Tensor[float64] { return Scale(x[0], -2.5) }},
		{"AddScalar", in(r(3, 2)), func(x []*Tensor[float64]) *Tensor[float64] { return AddScalar(x[0], 0.5) }},
		{"Exp", in(r(2, 3)), func(x []*Tensor[float64]) *Tensor[float64] { return Exp(x[0]) }},
		{"Log", in(randT(rng, 0.5, 2, 2, 3)), func(x []*Tensor[float64]) *Tensor[float64] { return Log(x[0]) }},
		{"Tanh", in(r(2, 3)), func(x []*Tensor[float64]) *Tensor[float64] { return Tanh(x[0]) }},
		{"Sigmoid", in(r(2, 3)), func(x []*Tensor[float64]) *Tensor[float64] { return Sigmoid(x[0]) }},
		{"ReLU", in(awayFromZero(r(3, 4))), func(x []*Tensor[float64]) *Tensor[float64] { return ReLU(x[0]) }},
		{"GELU", in(randT(rng, -3, 3, 3, 4)), func(x []*Tensor[float64]) *Tensor[float64] { return GELU(x[0]) }},
		{"Sum", in(r(2, 3)), func(x []*Tensor[float64]) *Tensor[float64] { return Sum(x[0]) }},
		{"Mean", in(r(2, 3)), func(x []*Tensor[float64]) *Tensor[float64] { return Mean(x[0]) }},
		{"MatMul/2D", in(r(3, 4), r(4, 2)), func(x []*Tensor[float64]) *Tensor[float64] { return MatMul(x[0], x[1]) }},
		{"MatMul/shared (2,3,4)·(4,5)", in(r(2, 3, 4), r(4, 5)), func(x []*Tensor[float64]) *Tensor[float64] { return MatMul(x[0], x[1]) }},
		{"MatMul/batched (2,2,3,4)·(2,2,4,3)", in(r(2, 2, 3, 4), r(2, 2, 4, 3)), func(x []*Tensor[float64]) *Tensor[float64] { return MatMul(x[0], x[1]) }},
		{"Linear/fused (2,3,4)·(4,5)+(5)", in(r(2, 3, 4), r(4, 5), r(5)), func(x []*Tensor[float64]) *Tensor[float64] {
			return Linear(x[0], x[1], x[2])
		}},
		{"MatMulT/shared (2,3,4)·(5,4)ᵀ", in(r(2, 3, 4), r(5, 4)), func(x []*Tensor[float64]) *Tensor[float64] { return MatMulT(x[0], x[1]) }},
		{"MatMulT/batched (2,3,4)·(2,5,4)ᵀ", in(r(2, 3, 4), r(2, 5, 4)), func(x []*Tensor[float64]) *Tensor[float64] { return MatMulT(x[0], x[1]) }},
		{"MatMul/only A needs grad", in(r(3, 4)), func(x []*Tensor[float64]) *Tensor[float64] {
			return MatMul(x[0], FromSlice([]float64{1, 2, 3, 4, 5, 6, 7, 8}, 4, 2))
		}},
		{"Softmax", in(r(3, 5)), func(x []*Tensor[float64]) *Tensor[float64] { return Softmax(x[0]) }},
		{"Softmax/causal mask", in(r(2, 4, 4)), func(x []*Tensor[float64]) *Tensor[float64] { return Softmax(CausalMask(x[0])) }},
		{"CausalSoftmax", in(r(2, 4, 4)), func(x []*Tensor[float64]) *Tensor[float64] { return CausalSoftmax(x[0], 0.7) }},
		{"LogSoftmax", in(r(3, 5)), func(x []*Tensor[float64]) *Tensor[float64] { return LogSoftmax(x[0]) }},
		{"CrossEntropy", in(r(2, 3, 5)), func(x []*Tensor[float64]) *Tensor[float64] {
			return CrossEntropy(x[0], []int{4, 0, 2, 2, 1, 3})
		}},
		{"CrossEntropy/ignored rows", in(r(4, 3)), func(x []*Tensor[float64]) *Tensor[float64] {
			return CrossEntropy(x[0], []int{1, -1, 0, -1})
		}},
		{"MaskedFill", in(r(2, 2, 3)), func(x []*Tensor[float64]) *Tensor[float64] {
			return MaskedFill(x[0], []bool{true, false, false, false, true, false}, 7)
		}},
		{"CausalMask then Exp", in(r(3, 3)), func(x []*Tensor[float64]) *Tensor[float64] { return Exp(CausalMask(x[0])) }},
		{"Embedding/repeated ids", in(r(5, 3)), func(x []*Tensor[float64]) *Tensor[float64] {
			return Embedding(x[0], []int{4, 1, 4, 0, 1, 1}, 2, 3)
		}},
		{"Gather", in(r(2, 2, 4)), func(x []*Tensor[float64]) *Tensor[float64] { return Gather(x[0], []int{3, 0, 1, 3}) }},
		{"LayerNorm", in(r(2, 3, 6), randT(rng, 0.5, 1.5, 6), r(6)), func(x []*Tensor[float64]) *Tensor[float64] {
			return LayerNorm(x[0], x[1], x[2], 1e-5)
		}},
		{"Dropout/p=0.5 fixed seed", in(r(4, 5)), func(x []*Tensor[float64]) *Tensor[float64] {
			return Dropout(x[0], 0.5, rand.New(rand.NewPCG(3, 4)))
		}},
		{"Reshape", in(r(2, 6)), func(x []*Tensor[float64]) *Tensor[float64] { return Tanh(Reshape(x[0], 3, -1, 2)) }},
		{"Transpose/(1,2) of 4-D", in(r(2, 3, 4, 2)), func(x []*Tensor[float64]) *Tensor[float64] { return Transpose(x[0], 1, 2) }},
		{"Transpose/(-2,-1)", in(r(2, 3, 4)), func(x []*Tensor[float64]) *Tensor[float64] { return Transpose(x[0], -2, -1) }},
		{"Concat/axis 1", in(r(2, 1, 3), r(2, 2, 3)), func(x []*Tensor[float64]) *Tensor[float64] { return Concat(1, x[0], x[1]) }},
		{"Split/last axis", in(r(2, 3, 6)), func(x []*Tensor[float64]) *Tensor[float64] {
			p := Split(x[0], -1, 2, 1, 3)
			return Mul(Concat(-1, p[0], p[1]), p[2])
		}},
		{"SelfAttention/causal (2,5,3·4) 2 heads", in(r(2, 5, 12)), func(x []*Tensor[float64]) *Tensor[float64] {
			return Tanh(SelfAttention(x[0], 2, true))
		}},
		{"SelfAttention/full (1,4,3·6) 3 heads", in(r(1, 4, 18)), func(x []*Tensor[float64]) *Tensor[float64] {
			return Tanh(SelfAttention(x[0], 3, false))
		}},
		{"Attention head (masked)", in(r(1, 4, 3), r(1, 4, 3), r(1, 4, 3)), func(x []*Tensor[float64]) *Tensor[float64] {
			att := Softmax(CausalMask(Scale(MatMulT(x[0], x[1]), 0.5)))
			return MatMul(att, x[2])
		}},
	}
}

// TestGradCheck checks every op's backward pass against central finite
// differences in float64 (the expected values are the numerical
// derivatives themselves; tolerance 1e-5 relative).
func TestGradCheck(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range gradCases() {
		t.Run(c.name, func(t *testing.T) {
			f := func() *Tensor[float64] { return c.f(c.inputs) }
			worst, err := GradCheck(f, c.inputs, nil)
			if err != nil {
				t.Fatalf("%v (max relative error %.3g)", err, worst)
			}
			for _, n := range topo(f()) {
				seen[n.Op()] = true
			}
		})
	}
	for _, info := range Ops() {
		if !seen[info.Name] {
			t.Errorf("op %s has no gradient-check case", info.Name)
		}
	}
}

func TestGradCheckCatchesWrongGradient(t *testing.T) {
	x := FromSlice([]float64{0.3, -0.2}, 2)
	wrong := func() *Tensor[float64] {
		out := result("Broken", x.shape, x)
		copy(out.Data, x.Data)
		for i := range out.Data {
			out.Data[i] *= x.Data[i] // y = x²
		}
		out.backward = func() { // claims ∂y/∂x = x instead of 2x
			for i, g := range out.Grad {
				x.grad()[i] += g * x.Data[i]
			}
		}
		return out
	}
	if _, err := GradCheck(wrong, []*Tensor[float64]{x}, nil); err == nil || !strings.Contains(err.Error(), "finite difference") {
		t.Fatalf("GradCheck accepted a wrong gradient: %v", err)
	}
}
