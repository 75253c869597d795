package llm

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/training"
)

type point struct {
	x [3]float64
	y float64
}

// linearGrad is the gradient of the mean squared error ½(w·x + b − y)²
// over a shard for the model θ = (w0, w1, w2, b).
func linearGrad(theta []float64) GradFunc[point] {
	return func(_ context.Context, _ int, shard []point, grad []float64) (float64, error) {
		var loss float64
		n := float64(len(shard))
		for _, p := range shard {
			e := theta[3] - p.y
			for i := range 3 {
				e += theta[i] * p.x[i]
			}
			loss += 0.5 * e * e / n
			for i := range 3 {
				grad[i] += e * p.x[i] / n
			}
			grad[3] += e / n
		}
		return loss, nil
	}
}

func TestDataParallelEqualsSingleWorker(t *testing.T) {
	var batch []point
	for i := range 11 { // 11 examples: shards of unequal size for 2, 3, 4 workers
		f := float64(i)
		batch = append(batch, point{[3]float64{math.Sin(f), math.Cos(f), f / 10}, 2*math.Sin(f) - f/5 + 1})
	}
	theta := []float64{0.3, -0.2, 0.5, 0.1}
	ctx := context.Background()
	one, err := DataParallel(ctx, batch, 1, 4, linearGrad(theta))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{2, 3, 4, 11, 20} {
		got, err := DataParallel(ctx, batch, k, 4, linearGrad(theta))
		if err != nil {
			t.Fatal(err)
		}
		for i := range one.Grad {
			if math.Abs(got.Grad[i]-one.Grad[i]) > 1e-12 {
				t.Errorf("%d workers: grad[%d] = %.15g, single worker %.15g", k, i, got.Grad[i], one.Grad[i])
			}
		}
		if math.Abs(got.Loss-one.Loss) > 1e-12 {
			t.Errorf("%d workers: loss %g, single worker %g", k, got.Loss, one.Loss)
		}
		total := 0
		for _, n := range got.Shards {
			total += n
		}
		if total != 11 || len(got.Shards) != min(k, 11) {
			t.Errorf("%d workers: shards %v", k, got.Shards)
		}
	}
	// Gradient descent with the all-reduced gradient lowers the loss.
	for range 200 {
		r, _ := DataParallel(ctx, batch, 3, 4, linearGrad(theta))
		for i := range theta {
			theta[i] -= 0.5 * r.Grad[i]
		}
	}
	if r, _ := DataParallel(ctx, batch, 3, 4, linearGrad(theta)); r.Loss >= one.Loss/2 {
		t.Errorf("loss %g after training, started at %g", r.Loss, one.Loss)
	}
}

func TestDataParallelErrors(t *testing.T) {
	ctx := context.Background()
	boom := errors.New("boom")
	f := func(_ context.Context, w int, _ []int, _ []float64) (float64, error) {
		if w == 1 {
			return 0, boom
		}
		return 0, nil
	}
	if _, err := DataParallel(ctx, []int{1, 2, 3}, 2, 1, f); !errors.Is(err, boom) {
		t.Errorf("worker error: %v", err)
	}
	panicky := func(context.Context, int, []int, []float64) (float64, error) { panic("oops") }
	if _, err := DataParallel(ctx, []int{1}, 1, 1, panicky); err == nil {
		t.Error("a panicking worker: no error")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := DataParallel(cancelled, []int{1, 2}, 2, 1, f); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := DataParallel(ctx, []int{1}, 0, 1, f); err == nil {
		t.Error("0 workers: no error")
	}
	if _, err := DataParallel(ctx, nil, 1, 1, f); err == nil {
		t.Error("empty batch: no error")
	}
}

// TestTrainDataParallelSameLosses trains two copies of a tiny Transformer
// on the same batches with 1 and 2 workers: the all-reduced gradient is the
// single-worker one, so the loss curves agree up to float32 rounding.
func TestTrainDataParallelSameLosses(t *testing.T) {
	m, p := tinyModel(t)
	s, err := MeasureSpeedUp(context.Background(), m, p.Stream, []int{1, 2}, training.Config{Steps: 3, Batch: 4, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	a, b := s.Runs[0].History.Values("loss"), s.Runs[1].History.Values("loss")
	if len(a) != 3 || len(b) != 3 {
		t.Fatalf("%d and %d losses, want 3", len(a), len(b))
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-3*math.Abs(a[i]) {
			t.Errorf("step %d: loss %.6f with 1 worker, %.6f with 2", i, a[i], b[i])
		}
	}
	if !(s.Ratio(0) == 1) || s.Ratio(1) <= 0 {
		t.Errorf("ratios %v %v", s.Ratio(0), s.Ratio(1))
	}
	t.Log("\n" + s.String())
	if _, err := TrainDataParallel(context.Background(), m, []int{1, 2}, 2, training.Config{}); err == nil {
		t.Error("a stream shorter than a window: no error")
	}
}
