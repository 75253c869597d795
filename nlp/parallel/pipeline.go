package parallel

import (
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/lingo-nlp/lingo/plots"
)

// PipeConfig says how Pipeline cuts a net and a batch.
type PipeConfig struct {
	Stages       int      // workers, each holding a contiguous block of layers (default 2)
	MicroBatches int      // pieces the batch is cut into (default 4)
	Schedule     Schedule // order of the passes (default GPipe)
}

// An Event is one pass on one stage, from Start to End.
type Event struct {
	Stage      int
	Op         Op
	Start, End float64
}

// A PipeRun is what a pipeline did in one training step.
type PipeRun struct {
	Schedule      Schedule
	Stages, Micro int
	Loss          float64 // the batch's loss (Pipeline only)
	Events        []Event
	Wall          float64 // from the first start to the last end
	Unit          string  // of the times: "s" for a measured run
	Peak          []int   // most micro-batches whose activations each stage held at once
}

// Busy returns the time stage s spent computing.
func (r *PipeRun) Busy(s int) float64 {
	b := 0.0
	for _, e := range r.Events {
		if e.Stage == s {
			b += e.End - e.Start
		}
	}
	return b
}

// Utilisation is the share of the stages' time spent computing,
// Σ_s Busy(s) / (S · Wall); the rest is the bubble.
func (r *PipeRun) Utilisation() float64 {
	b := 0.0
	for s := range r.Stages {
		b += r.Busy(s)
	}
	return b / (float64(r.Stages) * r.Wall)
}

// Timeline draws the run: one lane per stage, forward passes in one
// colour, backward passes in another, labelled with the micro-batch.
func (r *PipeRun) Timeline(title string) *plots.Timeline {
	t := plots.NewTimeline(title)
	t.Groups = []string{"forward", "backward"}
	t.XLabel = r.Unit
	for _, e := range r.Events {
		g := "forward"
		if e.Op.Kind == 'B' {
			g = "backward"
		}
		t.Add(fmt.Sprintf("stage %d", e.Stage), e.Op.String(), g, e.Start, e.End)
	}
	return t
}

// String summarises the run.
func (r *PipeRun) String() string {
	return fmt.Sprintf("%v, %d stages × %d micro-batches: %.4g %s, utilisation %.1f%% (bubble %.1f%%; (S−1)/(M+S−1) = %.1f%%), peak activations per stage %v",
		r.Schedule, r.Stages, r.Micro, r.Wall, r.Unit, 100*r.Utilisation(), 100*(1-r.Utilisation()),
		100*BubbleFraction(r.Stages, r.Micro), r.Peak)
}

// message travels between stages: a micro-batch's activations (forward)
// or the gradient with respect to them (backward).
type message struct {
	micro int
	m     *Matrix
}

// Pipeline runs one training step of n the way pipeline parallelism does:
// the layers are cut into cfg.Stages contiguous blocks, each run by its own
// goroutine (a GPU, in a real cluster); the batch is cut into
// cfg.MicroBatches micro-batches that flow forward through the stages and
// whose gradients flow back, each stage keeping its micro-batches'
// activations until their backward pass. The gradients of the
// micro-batches add up in the layers (call ZeroGrad first) to the
// gradient of the whole batch — Step's, bit for bit: both schedules run
// the backward passes in micro-batch order, so every gradient sum receives
// the same rows' contributions in the same order as on one worker. The
// loss is summed per micro-batch first, so it may differ in the last bit.
// The run records when each stage computed what.
func (n *Net) Pipeline(x, t *Matrix, cfg PipeConfig) (*PipeRun, error) {
	if cfg.Stages == 0 {
		cfg.Stages = 2
	}
	if cfg.MicroBatches == 0 {
		cfg.MicroBatches = 4
	}
	S, M, L := cfg.Stages, cfg.MicroBatches, len(n.Layers)
	if S < 1 || S > L {
		return nil, fmt.Errorf("parallel: stages must be between 1 and the %d layers, got %d", L, S)
	}
	if err := n.check(x, t); err != nil {
		return nil, err
	}
	if M < 1 || M > x.Rows {
		return nil, fmt.Errorf("parallel: micro-batches must be between 1 and the batch's %d rows, got %d", x.Rows, M)
	}
	fwd := make([]chan message, S) // fwd[s]: stage s → s+1
	bwd := make([]chan message, S) // bwd[s]: stage s+1 → s
	for s := range S {
		fwd[s], bwd[s] = make(chan message, M), make(chan message, M)
	}
	r := &PipeRun{Schedule: cfg.Schedule, Stages: S, Micro: M, Unit: "s", Peak: make([]int, S)}
	events := make([][]Event, S)
	losses := make([]float64, M)
	start := time.Now()
	var wg sync.WaitGroup
	for s := range S {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lo, hi := split(L, S, s)
			layers := n.Layers[lo:hi]
			acts := map[int][]*Matrix{} // micro-batch → input of each layer and the last output
			for _, op := range cfg.Schedule.Ops(s, S, M) {
				var in message
				switch {
				case op.Kind == 'F' && s == 0:
					a, b := split(x.Rows, M, op.Micro)
					in = message{op.Micro, x.RowRange(a, b)}
				case op.Kind == 'F':
					in = <-fwd[s-1]
				case s < S-1:
					in = <-bwd[s]
				}
				t0 := time.Since(start).Seconds()
				if op.Kind == 'F' {
					a := []*Matrix{in.m}
					for _, l := range layers {
						a = append(a, l.Forward(a[len(a)-1]))
					}
					acts[op.Micro] = a
					r.Peak[s] = max(r.Peak[s], len(acts))
					if s < S-1 {
						fwd[s] <- message{op.Micro, a[len(a)-1]}
					}
				} else {
					a := acts[op.Micro]
					dy := in.m
					if s == S-1 {
						lo, hi := split(x.Rows, M, op.Micro)
						losses[op.Micro], dy = lossGrad(a[len(a)-1], t.RowRange(lo, hi), x.Rows)
					}
					for i := len(layers) - 1; i >= 0; i-- {
						dy = layers[i].Backward(a[i], a[i+1], dy)
					}
					delete(acts, op.Micro)
					if s > 0 {
						bwd[s-1] <- message{op.Micro, dy}
					}
				}
				events[s] = append(events[s], Event{Stage: s, Op: op, Start: t0, End: time.Since(start).Seconds()})
			}
		}()
	}
	wg.Wait()
	for _, es := range events {
		r.Events = append(r.Events, es...)
	}
	sort.SliceStable(r.Events, func(i, j int) bool { return r.Events[i].Start < r.Events[j].Start })
	for _, e := range r.Events {
		r.Wall = max(r.Wall, e.End)
	}
	for _, l := range losses {
		r.Loss += l
	}
	return r, nil
}
