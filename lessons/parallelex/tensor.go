package parallelex

import (
	"fmt"
	"math"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/parallel"
)

const tensorName = "tensor-parallel worker"

var tensorHints = []string{
	"worker p holds columns of A (aP: d × h/P) and the same rows of B (bP: h/P × d)",
	"its hidden values are GeLU(x·aP): apply GeLU to each element of the product, before multiplying by bP",
	"return GeLU(x·aP)·bP, an n × d matrix; the checker adds the workers' matrices (the all-reduce)",
}

// GeLU is the activation of the exercise (tanh form, as in GPT-2 and
// parallel.GeLU).
func GeLU(x float64) float64 {
	return 0.5 * x * (1 + math.Tanh(math.Sqrt(2/math.Pi)*(x+0.044715*x*x*x)))
}

// CheckTensorWorker checks worker(x, aP, bP), which must return worker p's
// partial output GeLU(x·aP)·bP of the MLP Y = GeLU(X·A)·B split the
// Megatron way. The checker splits a random MLP over 1, 2 and 4 workers,
// sums the workers' results (the all-reduce) and compares the sum with the
// whole MLP's output.
func CheckTensorWorker(worker func(x, aP, bP [][]float64) [][]float64) *lessons.Feedback {
	if worker == nil {
		return lessons.Fail(tensorName, "no function to check", tensorHints...)
	}
	mlp := parallel.NewMLP(6, 12, 3)
	x := parallel.RandomMatrix(3, 6, 1, 4)
	want := mlp.Forward(x)
	for _, P := range []int{1, 2, 4} {
		shards, _ := mlp.Split(P)
		sum := parallel.NewMatrix(x.Rows, mlp.B.Cols)
		noGeLU, geluAfter := parallel.NewMatrix(sum.Rows, sum.Cols), parallel.NewMatrix(sum.Rows, sum.Cols)
		for _, s := range shards {
			var got [][]float64
			if msg := lessons.Call(func() { got = worker(rows(x), rows(s.A), rows(s.B)) }); msg != "" {
				return lessons.Fail(tensorName, msg, tensorHints...)
			}
			if len(got) != x.Rows || len(got) > 0 && len(got[0]) != sum.Cols {
				return lessons.Fail(tensorName, fmt.Sprintf("worker %d of %d returned %s, expected %d×%d (rows of x × columns of bP)",
					s.Worker, P, shape(got), x.Rows, sum.Cols), tensorHints...)
			}
			for i := range got {
				if len(got[i]) != sum.Cols {
					return lessons.Fail(tensorName, fmt.Sprintf("row %d of worker %d's output has %d numbers, expected %d", i, s.Worker, len(got[i]), sum.Cols), tensorHints...)
				}
				for j, v := range got[i] {
					sum.Data[i*sum.Cols+j] += v
				}
			}
			lin := parallel.MatMul(parallel.MatMul(x, s.A), s.B)
			for i, v := range lin.Data {
				noGeLU.Data[i] += v
				geluAfter.Data[i] += GeLU(v)
			}
		}
		if d := parallel.MaxAbsDiff(sum, want); d > 1e-9 {
			what := fmt.Sprintf("with %d workers the sum of their outputs differs from the whole MLP's by up to %.3g", P, d)
			switch {
			case parallel.MaxAbsDiff(sum, noGeLU) < 1e-9:
				what += ": the GeLU is missing"
			case parallel.MaxAbsDiff(sum, geluAfter) < 1e-9:
				what += ": GeLU is applied after multiplying by bP; it belongs between the two products"
			}
			return lessons.Fail(tensorName, what, tensorHints...)
		}
	}
	return lessons.Pass(tensorName, "the workers' outputs add up to the whole MLP's output with 1, 2 and 4 workers — no communication before the all-reduce")
}

func rows(m *parallel.Matrix) [][]float64 {
	out := make([][]float64, m.Rows)
	for i := range out {
		out[i] = append([]float64(nil), m.Row(i)...)
	}
	return out
}

func shape(m [][]float64) string {
	if len(m) == 0 {
		return "no rows"
	}
	return fmt.Sprintf("%d×%d", len(m), len(m[0]))
}
