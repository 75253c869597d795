package parallel_test

import (
	"fmt"

	"github.com/lingo-nlp/lingo/nlp/parallel"
	"github.com/lingo-nlp/lingo/plots"
)

func ExampleMLP_TensorParallel() {
	mlp := parallel.NewMLP(8, 32, 1)
	x := parallel.RandomMatrix(4, 8, 1, 2)
	r, _ := mlp.TensorParallel(x, 4)
	fmt.Println(r.Comm)
	fmt.Println("hidden columns bit-identical:", parallel.Identical(r.HiddenConcat(), parallel.GeLU(parallel.MatMul(x, mlp.A))))
	fmt.Println("output within 1e-12:", parallel.MaxAbsDiff(r.Y[0], mlp.Forward(x)) < 1e-12)
	// Output:
	// ring all-reduce over 4 workers: 6 steps, 24 messages, 48 floats sent per worker
	// hidden columns bit-identical: true
	// output within 1e-12: true
}

func ExampleSimulate() {
	r, _ := parallel.Simulate(parallel.GPipe, 4, 8, 1, 2)
	fmt.Printf("%.0f time units, utilisation %.1f%%, bubble (S−1)/(M+S−1) = %.1f%%\n",
		r.Wall, 100*r.Utilisation(), 100*parallel.BubbleFraction(4, 8))
	// Output:
	// 33 time units, utilisation 72.7%, bubble (S−1)/(M+S−1) = 27.3%
}

func ExampleNet_Pipeline() {
	net, _ := parallel.NewNet([]int{64, 64, 64, 64, 64}, 1)
	x := parallel.RandomMatrix(32, 64, 1, 2)
	t := parallel.RandomMatrix(32, 64, 1, 3)
	run, _ := net.Pipeline(x, t, parallel.PipeConfig{Stages: 2, MicroBatches: 8})
	plots.Display(run.Timeline("GPipe"))
}
