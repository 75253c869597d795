package nn_test

import (
	"fmt"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
)

// The named parameters of a Transformer block.
func ExampleParams() {
	b, _ := nn.NewBlock(nn.NewRand(1), 16, 4)
	fmt.Println(b.Params())
	// Output:
	// ln1.weight                   [16]
	// ln1.bias                     [16]
	// attn.qkv.weight              [16 48]
	// attn.qkv.bias                [48]
	// attn.proj.weight             [16 16]
	// attn.proj.bias               [16]
	// ln2.weight                   [16]
	// ln2.bias                     [16]
	// fc.weight                    [16 64]
	// fc.bias                      [64]
	// fc2.weight                   [64 16]
	// fc2.bias                     [16]
	// 3280 parameters
}

// A training loop: logistic regression on four points with SGD.
func ExampleSGD() {
	fc := nn.NewLinear(nn.NewRand(1), 2, 2, true)
	params := nn.Collect("fc", fc)
	opt := nn.NewSGD(params, nn.SGDConfig{LR: 0.5, Momentum: 0.9})
	x := ag.FromSlice([]float32{0, 0, 0, 1, 1, 0, 1, 1}, 4, 2)
	y := []int{0, 0, 0, 1} // AND
	for step := range 100 {
		loss := ag.CrossEntropy(fc.Forward(x), y)
		opt.ZeroGrad()
		loss.Backward()
		opt.Step()
		if step%25 == 0 {
			fmt.Printf("step %d loss %.3f\n", step, loss.Item())
		}
		loss.Release()
	}
	// Output:
	// step 0 loss 0.631
	// step 25 loss 0.045
	// step 50 loss 0.020
	// step 75 loss 0.014
}
