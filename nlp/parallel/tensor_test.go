package parallel

import (
	"strings"
	"testing"
)

func TestTensorParallelEqualsOneWorker(t *testing.T) {
	mlp := NewMLP(16, 64, 1)
	x := RandomMatrix(5, 16, 1, 2)
	want := mlp.Forward(x)
	hidden := GeLU(MatMul(x, mlp.A))
	for _, P := range []int{1, 2, 3, 4, 8} {
		r, err := mlp.TensorParallel(x, P)
		if err != nil {
			t.Fatal(err)
		}
		// Column-parallel half: every hidden column is summed in the same order → same bits.
		if !Identical(r.HiddenConcat(), hidden) {
			t.Errorf("P=%d: hidden columns differ from one worker's", P)
		}
		// Row-parallel half: Σ_p Y_p adds the same products grouped by worker → equal to rounding.
		for p, y := range r.Y {
			if d := MaxAbsDiff(y, want); d > 1e-12 {
				t.Errorf("P=%d worker %d: max |Y − Y_ref| = %g", P, p, d)
			}
			if !Identical(y, r.Y[0]) {
				t.Errorf("P=%d: worker %d's output differs from worker 0's", P, p)
			}
		}
		if P == 1 && !Identical(r.Y[0], want) {
			t.Error("one worker: output is not bit-identical to Forward")
		}
		// One all-reduce of the n×d output: 2(P−1)/P·n·d floats per worker (n·d = 80 divisible by P ∈ {1,2,4,8}).
		if P != 3 && r.Comm.Floats != 2*(P-1)*80/P {
			t.Errorf("P=%d: %d floats per worker, want %d", P, r.Comm.Floats, 2*(P-1)*80/P)
		}
	}
}

// Splitting A by rows and applying GeLU before the sum is wrong: the test
// shows the difference is not rounding, which is why Megatron splits A by
// columns.
func TestGeLUDoesNotCommuteWithSum(t *testing.T) {
	mlp := NewMLP(16, 64, 1)
	x := RandomMatrix(5, 16, 1, 2)
	a0, a1 := MatMul(x.ColRange(0, 8), mlp.A.RowRange(0, 8)), MatMul(x.ColRange(8, 16), mlp.A.RowRange(8, 16))
	wrong := MatMul(GeLU(a0), mlp.B)
	right1 := MatMul(GeLU(a1), mlp.B)
	for i := range wrong.Data {
		wrong.Data[i] += right1.Data[i]
	}
	if d := MaxAbsDiff(wrong, mlp.Forward(x)); d < 0.1 {
		t.Errorf("GeLU of partial sums is within %g of the right output; expected a large difference", d)
	}
}

func TestSplitErrors(t *testing.T) {
	mlp := NewMLP(4, 8, 1)
	for _, w := range []int{0, -1, 9} {
		if _, err := mlp.Split(w); err == nil || !strings.Contains(err.Error(), "workers") {
			t.Errorf("Split(%d): err = %v", w, err)
		}
	}
	if _, err := mlp.TensorParallel(NewMatrix(2, 5), 2); err == nil {
		t.Error("input of the wrong width: no error")
	}
}

func TestTPTimeline(t *testing.T) {
	r, err := NewMLP(8, 16, 1).TensorParallel(RandomMatrix(2, 8, 1, 2), 2)
	if err != nil {
		t.Fatal(err)
	}
	tl := r.Timeline("TP")
	if lanes := tl.Lanes(); len(lanes) != 2 || len(tl.Spans) != 4 {
		t.Errorf("lanes %v, %d spans; want 2 workers with a compute and an all-reduce span each", lanes, len(tl.Spans))
	}
	for p, s := range r.Spans {
		if s[0] > s[1] || s[1] > r.Compute {
			t.Errorf("worker %d computed in %v, outside the compute phase %v", p, s, r.Compute)
		}
	}
}
