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
	"github.com/lingo-nlp/lingo/plots"
)

// ParallelConfig controls TrainDataParallel. Zero fields take the default
// noted.
type ParallelConfig struct {
	Workers int     // worker goroutines, each with its own replica (default 2)
	Steps   int     // optimizer steps (default 20)
	Batch   int     // sequences per step, split across the workers (default 16)
	LR      float64 // AdamW learning rate (default 1e-3)
	Seed    uint64  // draws the batches: the same seed gives the same batches for any Workers
}

// A ParallelRun is one data-parallel training run.
type ParallelRun struct {
	Workers int
	Steps   int
	Loss    []float64     // the batch loss of every step
	Elapsed time.Duration // wall time
	CPU     time.Duration // CPU time of the process during the run (0 where not measured)
}

// TrainDataParallel trains m by next-token prediction on windows of
// stream the way data-parallel training on several GPUs does: every step
// draws Batch windows of Block+1 tokens, DataParallel splits them across
// Workers goroutines, each computes its shard's gradient on its own copy
// of the model, the gradients are all-reduced into the batch gradient,
// the master m takes one AdamW step with it and its weights are copied
// back to the replicas. The losses equal the single-worker run's (up to
// float32 rounding in the order of sums).
func TrainDataParallel(ctx context.Context, m *Model, stream []int, cfg ParallelConfig) (*ParallelRun, error) {
	if cfg.Workers <= 0 {
		cfg.Workers = 2
	}
	if cfg.Steps <= 0 {
		cfg.Steps = 20
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 16
	}
	if cfg.LR <= 0 {
		cfg.LR = 1e-3
	}
	T := m.Block()
	if len(stream) < T+2 {
		return nil, fmt.Errorf("llm: data parallel: a stream of %d tokens is shorter than a window of %d", len(stream), T+1)
	}
	reps := make([]*Model, cfg.Workers)
	for i := range reps {
		r, err := m.Clone()
		if err != nil {
			return nil, err
		}
		reps[i] = r
	}
	params := m.Params()
	nParams := NumParams(params)
	opt := nn.NewAdamW(params, nn.AdamConfig{LR: cfg.LR})
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xd9))
	grad := func(_ context.Context, w int, shard []int, g []float64) (float64, error) {
		r := reps[w]
		ps := r.Params()
		for _, p := range ps {
			clear(p.T.Grad)
		}
		B := len(shard)
		x, y := make([]int, B*T), make([]int, B*T)
		for i, off := range shard {
			copy(x[i*T:(i+1)*T], stream[off:off+T])
			copy(y[i*T:(i+1)*T], stream[off+1:off+T+1])
		}
		loss := ag.CrossEntropy(r.LM.Forward(x, B, T), y)
		loss.Backward()
		l := float64(loss.Data[0])
		GradVector(ps, g)
		loss.Release()
		return l, nil
	}
	run := &ParallelRun{Workers: cfg.Workers, Steps: cfg.Steps}
	start, cpu0 := time.Now(), processCPU()
	for range cfg.Steps {
		offs := make([]int, cfg.Batch)
		for i := range offs {
			offs[i] = rng.IntN(len(stream) - T - 1)
		}
		res, err := DataParallel(ctx, offs, cfg.Workers, nParams, grad)
		if err != nil {
			return run, err
		}
		SetGrads(params, res.Grad)
		opt.Step()
		for _, r := range reps {
			if err := CopyParams(r.Params(), params); err != nil {
				return run, err
			}
		}
		run.Loss = append(run.Loss, res.Loss)
	}
	run.Elapsed = time.Since(start)
	if c := processCPU(); c > 0 {
		run.CPU = c - cpu0
	}
	return run, nil
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
func MeasureSpeedUp(ctx context.Context, m *Model, stream []int, workers []int, cfg ParallelConfig) (*SpeedUp, error) {
	prev := ag.Threads()
	ag.SetThreads(1)
	defer ag.SetThreads(prev)
	s := &SpeedUp{Cores: runtime.NumCPU(), Threads: 1}
	for _, k := range workers {
		c, err := m.Clone()
		if err != nil {
			return nil, err
		}
		cfg.Workers = k
		r, err := TrainDataParallel(ctx, c, stream, cfg)
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
	if len(s.Runs) == 0 || i >= len(s.Runs) || s.Runs[i].Elapsed == 0 {
		return math.NaN()
	}
	return s.Runs[0].Elapsed.Seconds() / s.Runs[i].Elapsed.Seconds()
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
		last := math.NaN()
		if len(r.Loss) > 0 {
			last = r.Loss[len(r.Loss)-1]
		}
		tb.Row(r.Workers, r.Steps, fmt.Sprintf("%.2f s", r.Elapsed.Seconds()),
			fmt.Sprintf("%.0f ms", 1000*r.Elapsed.Seconds()/float64(max(1, r.Steps))), cpu,
			fmt.Sprintf("%.4f", last), fmt.Sprintf("%.2f×", s.Ratio(i)))
	}
	tb.Caption = fmt.Sprintf("Data-parallel training, same batches (%d cores, %d autograd thread per worker)", s.Cores, s.Threads)
	return tb
}

// Render shows the table.
func (s *SpeedUp) Render() plots.Bundle { return s.Table().Render() }

// String is the text table.
func (s *SpeedUp) String() string { return s.Table().String() }

var _ plots.Renderer = (*SpeedUp)(nil)
