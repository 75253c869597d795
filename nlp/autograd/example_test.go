package autograd_test

import (
	"fmt"
	"os"

	"github.com/lingo-nlp/lingo/nlp/autograd"
)

// One neuron, y = tanh(w·x + b), and its gradients — micrograd's example.
func Example() {
	x := autograd.FromSlice([]float64{2, 0}, 1, 2).SetLabel("x")
	w := autograd.FromSlice([]float64{-3, 1}, 2, 1).SetLabel("w")
	b := autograd.FromSlice([]float64{6.8813735870195432}, 1).SetLabel("b")
	w.RequiresGrad, b.RequiresGrad = true, true

	y := autograd.Tanh(autograd.Add(autograd.MatMul(x, w), b))
	y.Backward()
	fmt.Printf("y = %.4f\n", y.Item())
	fmt.Printf("∂y/∂w = %.4f, ∂y/∂b = %.4f\n", w.Grad, b.Grad[0])
	autograd.PrintGraph(os.Stdout, y, false)
	// Output:
	// y = 0.7071
	// ∂y/∂w = [1.0000 0.0000], ∂y/∂b = 0.5000
	// %0 = leaf "x" (1, 2)
	// %1 = leaf "w" (2, 1) grad
	// %2 = MatMul(%0, %1) (1, 1)
	// %3 = leaf "b" (1,) grad
	// %4 = Add(%2, %3) (1, 1)
	// %5 = Tanh(%4) (1, 1)
}

// The package's usage: a trainable matrix W, a loss built from ops, its
// gradient by Backward. W starts at zero, so tanh′ = 1 and ∂loss/∂W[i][j]
// is the mean of column i of x over the 2×2 outputs.
func Example_usage() {
	x := autograd.FromSlice([]float32{1, 2, 3, 4, 5, 6}, 2, 3)
	W := autograd.Param[float32](3, 2) // trainable
	loss := autograd.Mean(autograd.Tanh(autograd.MatMul(x, W)))
	loss.Backward() // W.Grad now holds ∂loss/∂W
	fmt.Println(loss.Item(), W.Grad)
	loss.Release() // recycle the intermediates
	// Output: 0 [1.25 1.25 1.75 1.75 2.25 2.25]
}

// The gradient rule of an op, as shown in the backpropagation lesson.
func ExampleFormula() {
	info, _ := autograd.Formula("Softmax")
	fmt.Println(info.Forward)
	fmt.Println(info.Backward)
	// Output:
	// yᵢ = e^(xᵢ−m) / Σⱼ e^(xⱼ−m) over the last axis, m = maxⱼ xⱼ
	// ∂L/∂xᵢ += yᵢ (gᵢ − Σⱼ gⱼ yⱼ)
}

// Checking a hand-built expression against finite differences.
func ExampleGradCheck() {
	a := autograd.FromSlice([]float64{0.5, -1, 2}, 3)
	b := autograd.FromSlice([]float64{1, 2, 3}, 3)
	f := func() *autograd.Tensor[float64] { return autograd.Sigmoid(autograd.Mul(a, b)) }
	_, err := autograd.GradCheck(f, []*autograd.Tensor[float64]{a, b}, nil)
	fmt.Println("gradient check:", err)
	// Output:
	// gradient check: <nil>
}
