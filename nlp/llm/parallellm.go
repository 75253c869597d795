package llm

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"time"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/nlp/training"
	"github.com/lingo-nlp/lingo/plots"
)

// A ParallelRun is one data-parallel training run.
type ParallelRun struct {
	Workers int
	History *training.History // the batch loss of every step, the wall time
	CPU     time.Duration     // CPU time of the process during the run (0 where not measured)
}

// parallelTask trains a Model by next-token prediction on windows of a
// stream, its gradient computed by DataParallel on replicas.
type parallelTask struct {
	m       *Model
	reps    []*Model
	stream  []int
	rng     *rand.Rand
	batch   int
	nParams int
}

// Defaults are 20 steps of 16 windows, AdamW at 1e-3, no clipping (the
// all-reduced gradient is used as it is).
func (t *parallelTask) Defaults() training.Config {
	return training.Config{Steps: 20, Batch: 16, LR: 1e-3, NoClip: true}
}

func (t *parallelTask) Params() nn.Params { return t.m.Params() }

func (t *parallelTask) Start(cfg training.Config, h *training.History) error {
	t.rng = rand.New(rand.NewPCG(cfg.Seed, 0xd9))
	t.batch = cfg.Batch
	t.nParams = NumParams(t.m.Params())
	h.Title = fmt.Sprintf("data-parallel, %d workers", len(t.reps))
	return nil
}

// Loss broadcasts the master's weights to the replicas, lets DataParallel
// compute the gradient of Batch random windows across them and sets it on
// the master's parameters; the loss it returns is a constant.
func (t *parallelTask) Loss(int) (*nn.Tensor, error) {
	params := t.m.Params()
	for _, r := range t.reps {
		if err := CopyParams(r.Params(), params); err != nil {
			return nil, err
		}
	}
	T := t.m.Block()
	offs := make([]int, t.batch)
	for i := range offs {
		offs[i] = t.rng.IntN(len(t.stream) - T - 1)
	}
	res, err := DataParallel(context.Background(), offs, len(t.reps), t.nParams, t.grad)
	if err != nil {
		return nil, err
	}
	SetGrads(params, res.Grad)
	return ag.Scalar(float32(res.Loss)), nil
}

// grad is the GradFunc of worker w: the gradient of its shard of windows
// on its own replica.
func (t *parallelTask) grad(_ context.Context, w int, shard []int, g []float64) (float64, error) {
	r := t.reps[w]
	ps := r.Params()
	for _, p := range ps {
		clear(p.T.Grad)
	}
	B, T := len(shard), t.m.Block()
	x, y := make([]int, B*T), make([]int, B*T)
	for i, off := range shard {
		copy(x[i*T:(i+1)*T], t.stream[off:off+T])
		copy(y[i*T:(i+1)*T], t.stream[off+1:off+T+1])
	}
	logits, err := r.LM.Forward(x, B, T)
	if err != nil {
		return 0, err
	}
	loss := ag.CrossEntropy(logits, y)
	loss.Backward()
	l := float64(loss.Data[0])
	GradVector(ps, g)
	loss.Release()
	return l, nil
}

// TrainDataParallel trains m by next-token prediction on windows of
// stream the way data-parallel training on several GPUs does, with
// training.Run: every step draws Batch windows of Block+1 tokens,
// DataParallel splits them across workers goroutines, each computes its
// shard's gradient on its own copy of the model, the gradients are
// all-reduced into the batch gradient and the master m takes one
// optimizer step with it; its weights are copied to the replicas before
// the next step. The losses equal the single-worker run's (up to float32
// rounding in the order of sums); the same Seed draws the same batches for
// any number of workers. The zero fields of cfg take the defaults: 20
// steps of 16 windows, AdamW at 1e-3, no clipping.
func TrainDataParallel(ctx context.Context, m *Model, stream []int, workers int, cfg training.Config) (*ParallelRun, error) {
	if workers < 1 {
		return nil, fmt.Errorf("llm: data parallel: workers must be ≥ 1, got %d", workers)
	}
	T := m.Block()
	if len(stream) < T+2 {
		return nil, fmt.Errorf("llm: data parallel: a stream of %d tokens is shorter than a window of %d", len(stream), T+1)
	}
	for i, id := range stream {
		if id < 0 || id >= m.BPE.Len() {
			return nil, fmt.Errorf("llm: data parallel: stream[%d] = %d is not an id of the model's BPE of %d", i, id, m.BPE.Len())
		}
	}
	task := &parallelTask{m: m, stream: stream, reps: make([]*Model, workers)}
	for i := range task.reps {
		r, err := m.Clone()
		if err != nil {
			return nil, err
		}
		task.reps[i] = r
	}
	cpu0 := processCPU()
	h, err := training.Run(ctx, task, cfg)
	run := &ParallelRun{Workers: workers, History: h}
	if c := processCPU(); c > 0 {
		run.CPU = c - cpu0
	}
	return run, err
}

// SpeedUp compares data-parallel runs of the same work with different
// numbers of workers.
type SpeedUp struct {
	Runs    []*ParallelRun
	Cores   int // runtime.NumCPU()
	Threads int // autograd threads per worker during the runs
}

// MeasureSpeedUp trains a fresh copy of m with each number of workers on
// the same batches (same seed) and reports the wall times. Autograd's own
// threads are set to 1 for the runs (and restored), so that the workers
// are the only parallelism: with k workers on k free cores a step should
// take about 1/k of the time, less the all-reduce and the copies. On a
// shared machine the other jobs take cores too; run it twice and compare.
func MeasureSpeedUp(ctx context.Context, m *Model, stream []int, workers []int, cfg training.Config) (*SpeedUp, error) {
	prev := ag.Threads()
	ag.SetThreads(1)
	defer ag.SetThreads(prev)
	s := &SpeedUp{Cores: runtime.NumCPU(), Threads: 1}
	for _, k := range workers {
		c, err := m.Clone()
		if err != nil {
			return nil, err
		}
		r, err := TrainDataParallel(ctx, c, stream, k, cfg)
		if err != nil {
			return s, err
		}
		s.Runs = append(s.Runs, r)
	}
	return s, nil
}

// Ratio is the wall time of the first run over that of run i (the
// speed-up of run i over the first).
func (s *SpeedUp) Ratio(i int) float64 {
	if len(s.Runs) == 0 || i >= len(s.Runs) || s.Runs[i].History.Elapsed == 0 {
		return math.NaN()
	}
	return s.Runs[0].History.Elapsed.Seconds() / s.Runs[i].History.Elapsed.Seconds()
}

// Table lists workers, wall time, time per step, CPU time, final loss and
// speed-up.
func (s *SpeedUp) Table() *plots.Table {
	tb := plots.NewTable("workers", "steps", "wall time", "per step", "CPU time", "last loss", "speed-up")
	for i, r := range s.Runs {
		cpu := "—"
		if r.CPU > 0 {
			cpu = fmt.Sprintf("%.2f s", r.CPU.Seconds())
		}
		steps, wall := r.History.Len(), r.History.Elapsed
		tb.Row(r.Workers, steps, fmt.Sprintf("%.2f s", wall.Seconds()),
			fmt.Sprintf("%.0f ms", 1000*wall.Seconds()/float64(max(1, steps))), cpu,
			fmt.Sprintf("%.4f", r.History.Last("loss")), fmt.Sprintf("%.2f×", s.Ratio(i)))
	}
	tb.Caption = fmt.Sprintf("Data-parallel training, same batches (%d cores, %d autograd thread per worker)", s.Cores, s.Threads)
	return tb
}

// Render shows the table.
func (s *SpeedUp) Render() plots.Bundle { return s.Table().Render() }

// String is the text table.
func (s *SpeedUp) String() string { return s.Table().String() }

var _ plots.Renderer = (*SpeedUp)(nil)
