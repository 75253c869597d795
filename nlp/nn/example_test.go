package nn_test

import (
	"fmt"

	"github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
)

// The package's usage: a linear layer trained with AdamW to compute AND.
func Example() {
	x := autograd.FromSlice([]float32{0, 0, 0, 1, 1, 0, 1, 1}, 4, 2)
	targets := []int{0, 0, 0, 1}
	rng := nn.NewRand(1)
	fc := nn.NewLinear(rng, 2, 2, true)
	params := nn.Collect("fc", fc)
	opt, err := nn.NewAdamW(params, nn.AdamConfig{LR: 1e-2})
	if err != nil {
		fmt.Println(err)
		return
	}
	for step := range 300 {
		loss := autograd.CrossEntropy(fc.Forward(x), targets)
		opt.ZeroGrad()
		loss.Backward()
		opt.Step()
		if step%100 == 0 {
			fmt.Printf("step %d loss %.2f\n", step, loss.Item())
		}
		loss.Release()
	}
	// Output:
	// step 0 loss 0.63
	// step 100 loss 0.29
	// step 200 loss 0.17
}

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
	opt, err := nn.NewSGD(params, nn.SGDConfig{LR: 0.5, Momentum: 0.9})
	if err != nil {
		fmt.Println(err)
		return
	}
	x := autograd.FromSlice([]float32{0, 0, 0, 1, 1, 0, 1, 1}, 4, 2)
	y := []int{0, 0, 0, 1} // AND
	for step := range 100 {
		loss := autograd.CrossEntropy(fc.Forward(x), y)
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

// The vanishing-gradient demonstration: in a deep stack of small tanh
// layers the gradient norm shrinks layer by layer toward the input.
func ExampleGradStats() {
	rng := nn.NewRand(7)
	var layers []*nn.Linear
	var params nn.Params
	for i := range 6 {
		l := nn.NewLinear(rng, 16, 16, true)
		layers = append(layers, l)
		params = append(params, nn.Prefix(fmt.Sprintf("layer%d", i), l.Params())...)
	}
	x := autograd.New[float32](8, 16)
	for i := range x.Data {
		x.Data[i] = float32(rng.NormFloat64())
	}
	h := x
	for _, l := range layers {
		h = autograd.Tanh(l.Forward(h))
	}
	loss := autograd.Mean(h)
	loss.Backward()
	var stats nn.GradStats
	stats.Record(0, params)
	for i, layer := range stats.Layers {
		fmt.Printf("%s %.1e\n", layer, stats.Norms[0][i])
	}
	// Output:
	// layer0 1.9e-02
	// layer1 3.5e-02
	// layer2 6.2e-02
	// layer3 8.1e-02
	// layer4 1.4e-01
	// layer5 2.9e-01
}
