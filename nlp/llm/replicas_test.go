package llm

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"testing"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
)

type sample struct {
	x []float32
	y int
}

// mlp is a tiny classifier; replicas are copies of one master.
type mlp struct{ l1, l2 *nn.Linear }

func newMLP(seed uint64, in, hidden, out int) *mlp {
	rng := nn.NewRand(seed)
	return &mlp{nn.NewLinear(rng, in, hidden, true), nn.NewLinear(rng, hidden, out, true)}
}

func (m *mlp) params() nn.Params { return nn.Collect("l1", m.l1, "l2", m.l2) }

// gradFunc computes a shard's mean cross-entropy gradient on replica[worker].
func gradFunc(replicas []*mlp, in int) GradFunc[sample] {
	return func(ctx context.Context, w int, shard []sample, grad []float64) (float64, error) {
		m := replicas[w]
		ps := m.params()
		ag.ZeroGrad(paramTensors(ps))
		x := make([]float32, 0, len(shard)*in)
		ys := make([]int, len(shard))
		for i, s := range shard {
			x = append(x, s.x...)
			ys[i] = s.y
		}
		h := ag.Tanh(m.l1.Forward(ag.FromSlice(x, len(shard), in)))
		loss := ag.CrossEntropy(m.l2.Forward(h), ys)
		loss.Backward()
		l := float64(loss.Data[0])
		GradVector(ps, grad)
		loss.Release()
		return l, nil
	}
}

func paramTensors(ps nn.Params) []*ag.Tensor[float32] {
	var ts []*ag.Tensor[float32]
	for _, p := range ps {
		ts = append(ts, p.T)
	}
	return ts
}

func makeBatch(n, in, classes int) []sample {
	var b []sample
	for i := range n {
		x := make([]float32, in)
		for j := range x {
			x[j] = float32(math.Sin(float64(i*in + j)))
		}
		b = append(b, sample{x, i % classes})
	}
	return b
}

func replicasOf(master *mlp, k int) ([]*mlp, error) {
	var rs []*mlp
	for range k {
		r := newMLP(99, 8, 16, 3) // other weights, overwritten below
		if err := CopyParams(r.params(), master.params()); err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	return rs, nil
}

func TestDataParallelAutograd(t *testing.T) {
	master := newMLP(1, 8, 16, 3)
	batch := makeBatch(30, 8, 3)
	n := NumParams(master.params())
	rs, err := replicasOf(master, 3)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	one, err := DataParallel(ctx, batch, 1, n, gradFunc(rs, 8))
	if err != nil {
		t.Fatal(err)
	}
	three, err := DataParallel(ctx, batch, 3, n, gradFunc(rs, 8))
	if err != nil {
		t.Fatal(err)
	}
	for i := range one.Grad {
		if math.Abs(three.Grad[i]-one.Grad[i]) > 1e-6 { // float32 sums in another order
			t.Fatalf("grad[%d]: 3 workers %g, 1 worker %g", i, three.Grad[i], one.Grad[i])
		}
	}
	// The all-reduced gradient drives the master's optimizer; replicas follow.
	opt, err := nn.NewSGD(master.params(), nn.SGDConfig{LR: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	first := one.Loss
	for range 30 {
		r, err := DataParallel(ctx, batch, 3, n, gradFunc(rs, 8))
		if err != nil {
			t.Fatal(err)
		}
		SetGrads(master.params(), r.Grad)
		opt.Step()
		for _, rep := range rs {
			if err := CopyParams(rep.params(), master.params()); err != nil {
				t.Fatal(err)
			}
		}
	}
	last, _ := DataParallel(ctx, batch, 1, n, gradFunc(rs, 8))
	if last.Loss >= first {
		t.Errorf("loss %g → %g: data-parallel SGD did not learn", first, last.Loss)
	}
	if err := CopyParams(newMLP(1, 8, 4, 3).params(), master.params()); err == nil {
		t.Error("CopyParams between different shapes: no error")
	}
}

// BenchmarkDataParallel times one gradient step of a small MLP on a batch
// of 512 with 1, 2 and 4 workers; the speed-up is bounded by the cores
// (runtime.NumCPU) and by autograd's own threads (SetThreads(1) here so
// that the workers are the only parallelism).
func BenchmarkDataParallel(b *testing.B) {
	prev := ag.Threads()
	ag.SetThreads(1)
	defer ag.SetThreads(prev)
	master := newMLP(1, 64, 256, 10)
	batch := makeBatch(512, 64, 10)
	n := NumParams(master.params())
	for _, k := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d/cpus=%d", k, runtime.NumCPU()), func(b *testing.B) {
			rs := make([]*mlp, k)
			for i := range rs {
				rs[i] = newMLP(1, 64, 256, 10)
			}
			for b.Loop() {
				if _, err := DataParallel(context.Background(), batch, k, n, gradFunc(rs, 64)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
