package parallel

import (
	"fmt"
	"sync"
	"time"

	"github.com/lingo-nlp/lingo/plots"
)

// An MLP is the feed-forward block of a Transformer layer,
//
//	Y = GeLU(X·A)·B,   X (n×d), A (d×h), B (h×d),
//
// the layer Megatron-LM splits across GPUs first (it holds two thirds of a
// block's weights).
type MLP struct {
	A, B *Matrix
}

// NewMLP returns an MLP of width d and hidden width h with random weights.
func NewMLP(d, h int, seed uint64) *MLP {
	return &MLP{A: RandomMatrix(d, h, 0.5, seed), B: RandomMatrix(h, d, 0.5, seed+1)}
}

// Forward computes Y on one worker: the reference the parallel versions
// are compared with.
func (m *MLP) Forward(x *Matrix) *Matrix { return MatMul(GeLU(MatMul(x, m.A)), m.B) }

// A Shard is worker p's part of a tensor-parallel MLP: columns [Lo, Hi)
// of A and the same rows of B.
type Shard struct {
	Worker, Lo, Hi int
	A, B           *Matrix // d×(Hi−Lo) and (Hi−Lo)×d
}

// Split cuts the MLP for workers workers the way Megatron-LM does
// (Shoeybi et al. 2019, §3): A by columns ("column-parallel"), B by the
// matching rows ("row-parallel"). Worker p then computes
//
//	Y_p = GeLU(X·A_p)·B_p
//
// without talking to anyone — GeLU acts element by element, so it can be
// applied to each worker's columns of X·A separately — and Y = Σ_p Y_p,
// one all-reduce per MLP. Splitting A by rows instead would need the sum
// before the GeLU, since GeLU(a + b) ≠ GeLU(a) + GeLU(b).
func (m *MLP) Split(workers int) ([]Shard, error) {
	h := m.A.Cols
	if workers < 1 || workers > h {
		return nil, fmt.Errorf("parallel: workers must be between 1 and the hidden width %d, got %d", h, workers)
	}
	shards := make([]Shard, workers)
	for p := range shards {
		lo, hi := split(h, workers, p)
		shards[p] = Shard{Worker: p, Lo: lo, Hi: hi, A: m.A.ColRange(lo, hi), B: m.B.RowRange(lo, hi)}
	}
	return shards, nil
}

// A TPRun is one tensor-parallel forward pass, kept whole so that every
// stage can be looked at.
type TPRun struct {
	Shards  []Shard
	Hidden  []*Matrix     // worker p's GeLU(X·A_p), n×(Hi−Lo): its columns of the hidden layer
	Partial []*Matrix     // worker p's GeLU(X·A_p)·B_p before the all-reduce, n×d
	Y       []*Matrix     // worker p's output after the all-reduce (all the same)
	Comm    Comm          // what the all-reduce sent
	Compute time.Duration // wall time of the workers' matrix products
	Reduce  time.Duration // wall time of the all-reduce
	// Spans are when each worker computed (from the start of the run);
	// the all-reduce follows, from Compute to Compute+Reduce.
	Spans [][2]time.Duration
}

// TensorParallel runs the forward pass with workers goroutines, each
// holding one Shard: every worker computes its partial output, then a ring
// all-reduce (AllReduce) sums the partial outputs in place. Each worker
// ends with the whole Y.
func (m *MLP) TensorParallel(x *Matrix, workers int) (*TPRun, error) {
	if x.Cols != m.A.Rows {
		return nil, fmt.Errorf("parallel: input has %d columns, the MLP's width is %d", x.Cols, m.A.Rows)
	}
	shards, err := m.Split(workers)
	if err != nil {
		return nil, err
	}
	r := &TPRun{Shards: shards, Hidden: make([]*Matrix, workers), Partial: make([]*Matrix, workers), Y: make([]*Matrix, workers),
		Spans: make([][2]time.Duration, workers)}
	t0 := time.Now()
	var wg sync.WaitGroup
	for p, s := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.Spans[p][0] = time.Since(t0)
			r.Hidden[p] = GeLU(MatMul(x, s.A)) // (n, h/P): no communication
			r.Partial[p] = MatMul(r.Hidden[p], s.B)
			r.Spans[p][1] = time.Since(t0)
		}()
	}
	wg.Wait()
	r.Compute = time.Since(t0)
	bufs := make([][]float64, workers)
	for p := range bufs {
		r.Y[p] = r.Partial[p].Clone()
		bufs[p] = r.Y[p].Data
	}
	t1 := time.Now()
	if r.Comm, err = AllReduce(bufs); err != nil {
		return nil, err
	}
	r.Reduce = time.Since(t1)
	return r, nil
}

// Timeline draws the run: each worker's matrix products, then the
// all-reduce that all of them wait for; times in milliseconds.
func (r *TPRun) Timeline(title string) *plots.Timeline {
	t := plots.NewTimeline(title)
	t.Groups = []string{"GeLU(X·A_p)·B_p", "all-reduce"}
	t.XLabel = "ms"
	ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
	for p, s := range r.Spans {
		lane := fmt.Sprintf("worker %d", p)
		t.Add(lane, fmt.Sprintf("cols %d–%d", r.Shards[p].Lo, r.Shards[p].Hi-1), "GeLU(X·A_p)·B_p", ms(s[0]), ms(s[1]))
		t.Add(lane, "", "all-reduce", ms(r.Compute), ms(r.Compute+r.Reduce))
	}
	return t
}

// HiddenConcat puts the workers' hidden columns side by side: bit-identical
// to GeLU(X·A) of the whole MLP, since every column is computed as on one
// worker.
func (r *TPRun) HiddenConcat() *Matrix { return ConcatCols(r.Hidden...) }
