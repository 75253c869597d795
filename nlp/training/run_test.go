package training

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
)

// line fits y = w·x to points of the line y = 3x: the smallest task.
type line struct {
	w      *nn.Tensor
	evals  []float64 // scripted held-out losses, one per evaluation (nil: the real one)
	n      int       // evaluations so far
	seen   []float32 // w at every evaluation
	onLoss func(step int)
	bad    int // Loss returns a NaN loss at this step (0: never)
}

func newLine(w0 float32) *line {
	w := ag.FromSlice([]float32{w0}, 1)
	w.RequiresGrad = true
	return &line{w: w}
}

func (l *line) Params() nn.Params { return nn.Params{{Name: "w", T: l.w}} }

var xs = []float32{1, 2, -1, 0.5}

func (l *line) Loss(step int) (*nn.Tensor, error) {
	if l.onLoss != nil {
		l.onLoss(step)
	}
	x := ag.FromSlice(slices.Clone(xs), len(xs), 1)
	y := make([]float32, len(xs))
	for i, v := range xs {
		y[i] = 3 * v
	}
	d := ag.Sub(ag.MatMul(x, ag.Reshape(l.w, 1, 1)), ag.FromSlice(y, len(xs), 1))
	loss := ag.Mean(ag.Mul(d, d))
	if l.bad > 0 && step == l.bad {
		loss = ag.Mul(loss, ag.FromSlice([]float32{float32(math.NaN())}))
	}
	return loss, nil
}

func (l *line) Evaluate(context.Context) (Evaluation, error) {
	l.seen = append(l.seen, l.w.Data[0])
	v := float64((l.w.Data[0] - 3) * (l.w.Data[0] - 3))
	if l.evals != nil {
		v = l.evals[l.n%len(l.evals)]
	}
	l.n++
	return Evaluation{Loss: v, Metrics: []Metric{{"val w", float64(l.w.Data[0])}}}, nil
}

func (l *line) Save(w io.Writer) error {
	_, err := fmt.Fprintf(w, "%g", l.w.Data[0])
	return err
}

func TestRunFitsALine(t *testing.T) {
	l := newLine(0)
	h, err := Run(t.Context(), l, Config{Steps: 200, LR: 0.1, EvalEvery: 50})
	if err != nil {
		t.Fatal(err)
	}
	if w := l.w.Data[0]; math.Abs(float64(w)-3) > 0.05 {
		t.Errorf("w = %v after 200 steps, want 3", w)
	}
	if got := h.StepsOf("loss"); len(got) != 200 || got[0] != 1 || got[199] != 200 {
		t.Errorf("loss recorded at steps %v…, want 1 … 200", got[:3])
	}
	if got := h.StepsOf("val loss"); !slices.Equal(got, []int{50, 100, 150, 200}) {
		t.Errorf("evaluations at %v, want every 50 steps", got)
	}
	if !(h.Last("loss") < h.First("loss")/100) {
		t.Errorf("loss %g → %g", h.First("loss"), h.Last("loss"))
	}
	vl := h.Values("val loss")
	i := slices.Index(vl, slices.Min(vl))
	if h.Select != "val loss" || h.Best != vl[i] || h.BestStep != h.StepsOf("val loss")[i] {
		t.Errorf("best %s %g at %d, want the lowest of %v", h.Select, h.Best, h.BestStep, vl)
	}
}

// Clipping rescales the gradient to norm Clip: the gradient left after
// the step is the clipped one. One step from w = 0 has ∂L/∂w = 2·mean(x·(0 − 3x)) = −6·mean(x²) = −9.375.
func TestClipping(t *testing.T) {
	for _, tc := range []struct {
		cfg  Config
		want float64
	}{
		{Config{Steps: 1}, 1}, // default Clip 1
		{Config{Steps: 1, Clip: 5}, 5},
		{Config{Steps: 1, Clip: 20}, 9.375},
		{Config{Steps: 1, NoClip: true}, 9.375},
	} {
		l := newLine(0)
		if _, err := Run(t.Context(), l, tc.cfg); err != nil {
			t.Fatal(err)
		}
		if got := math.Abs(float64(l.w.Grad[0])); math.Abs(got-tc.want) > 1e-4*tc.want {
			t.Errorf("%+v: gradient norm after clipping %g, want %g", tc.cfg, got, tc.want)
		}
	}
}

// With scripted held-out losses 5, 4, 2, 3, 3, 3, … Patience 2 stops after
// the fifth evaluation; KeepBest gives back w as it was at the third.
func TestEarlyStoppingKeepsBest(t *testing.T) {
	l := newLine(0)
	l.evals = []float64{5, 4, 2, 3, 3, 3, 3, 3}
	h, err := Run(t.Context(), l, Config{Steps: 100, LR: 0.05, EvalEvery: 2, Patience: 2, KeepBest: true})
	if err != nil {
		t.Fatal(err)
	}
	if l.n != 5 || len(h.Values("loss")) != 10 || !strings.HasPrefix(h.Stopped, "early stop") {
		t.Fatalf("%d evaluations, %d steps, stopped %q; want 5, 10, early stop", l.n, len(h.Values("loss")), h.Stopped)
	}
	if h.Best != 2 || h.BestStep != 6 {
		t.Errorf("best %g at step %d, want 2 at 6", h.Best, h.BestStep)
	}
	if l.w.Data[0] != l.seen[2] || l.seen[2] == l.seen[4] {
		t.Errorf("w = %v after the run; at the evaluations %v: want the third", l.w.Data[0], l.seen)
	}
	// Without KeepBest the last weights stay.
	l2 := newLine(0)
	l2.evals = l.evals
	if _, err := Run(t.Context(), l2, Config{Steps: 100, LR: 0.05, EvalEvery: 2, Patience: 2}); err != nil {
		t.Fatal(err)
	}
	if l2.w.Data[0] != l2.seen[4] {
		t.Errorf("without KeepBest w = %v, want the last evaluated %v", l2.w.Data[0], l2.seen[4])
	}
}

// Patience, KeepBest and PlateauDecay need held-out data.
func TestEvaluationSettingsNeedAnEvaluator(t *testing.T) {
	for _, cfg := range []Config{{Patience: 1}, {KeepBest: true}, {PlateauDecay: 0.5}} {
		if _, err := Run(t.Context(), noEval{newLine(0)}, cfg); err == nil {
			t.Errorf("%+v accepted for a task without evaluation", cfg)
		}
	}
}

type noEval struct{ l *line }

func (n noEval) Params() nn.Params                 { return n.l.Params() }
func (n noEval) Loss(step int) (*nn.Tensor, error) { return n.l.Loss(step) }

// Cancelling the context stops after the current step; the weights keep
// what was learnt, or the best evaluated ones with KeepBest.
func TestCancelKeepsTheModel(t *testing.T) {
	for _, keep := range []bool{false, true} {
		ctx, cancel := context.WithCancel(t.Context())
		l := newLine(0)
		l.onLoss = func(step int) {
			if step == 6 {
				cancel()
			}
		}
		h, err := Run(ctx, l, Config{Steps: 100, LR: 0.05, EvalEvery: 4, KeepBest: keep})
		cancel()
		if !errors.Is(err, context.Canceled) || h.Stopped != "interrupted" || len(h.Values("loss")) != 7 {
			t.Fatalf("KeepBest %v: %v, stopped %q after %d steps; want Canceled, interrupted, 7", keep, err, h.Stopped, len(h.Values("loss")))
		}
		if want := l.seen[0]; keep && l.w.Data[0] != want {
			t.Errorf("KeepBest: w = %v, want %v (the evaluation at step 4)", l.w.Data[0], want)
		}
		if !keep && (l.w.Data[0] == 0 || l.w.Data[0] == l.seen[0]) {
			t.Errorf("w = %v: the seven steps were not kept", l.w.Data[0])
		}
	}
}

// A NaN loss stops the run before the optimizer step, naming the step.
func TestNonFiniteStops(t *testing.T) {
	l := newLine(0)
	l.bad = 3
	h, err := Run(t.Context(), l, Config{Steps: 10, LR: 0.1})
	if err == nil || !strings.Contains(err.Error(), "step 3") || h.Stopped != "non-finite" {
		t.Fatalf("NaN loss at step 3: %v, stopped %q", err, h.Stopped)
	}
	if w := l.w.Data[0]; math.IsNaN(float64(w)) || len(h.Values("loss")) != 3 {
		t.Errorf("w = %v after %d steps; want a finite w after 3", w, len(h.Values("loss")))
	}
}

// statefulLine keeps its State between runs.
type statefulLine struct {
	*line
	s State
}

func (s *statefulLine) State() *State { return &s.s }

// A second run of a Stateful task continues the first: its steps are
// numbered on from the first run's, and the schedule sees them.
func TestStatefulTaskContinues(t *testing.T) {
	l := &statefulLine{line: newLine(0)}
	sched := &recordSchedule{}
	if _, err := Run(t.Context(), l, Config{Steps: 5, Schedule: sched}); err != nil {
		t.Fatal(err)
	}
	opt := l.s.opt
	h, err := Run(t.Context(), l, Config{Steps: 3, Schedule: sched})
	if err != nil {
		t.Fatal(err)
	}
	if got := h.StepsOf("loss"); !slices.Equal(got, []int{6, 7, 8}) || l.s.Steps != 8 {
		t.Errorf("second run recorded at %v, %d steps in all; want 6 7 8 and 8", got, l.s.Steps)
	}
	if !slices.Equal(sched.steps, []int{0, 1, 2, 3, 4, 5, 6, 7}) {
		t.Errorf("schedule asked for %v", sched.steps)
	}
	if l.s.opt != opt || opt.Steps() != 8 {
		t.Error("the optimizer was not kept between runs")
	}
}

type recordSchedule struct{ steps []int }

func (r *recordSchedule) LR(step int) float64 { r.steps = append(r.steps, step); return 0.01 }

// epochLine has epochs of 3 steps.
type epochLine struct{ *line }

func (epochLine) EpochSteps(batch int) int { return 3 }

func TestEpochs(t *testing.T) {
	h, err := Run(t.Context(), epochLine{newLine(0)}, Config{Epochs: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Values("loss")) != 6 || !slices.Equal(h.StepsOf("val loss"), []int{3, 6}) {
		t.Errorf("%d steps, evaluations at %v; want 6 and 3, 6", len(h.Values("loss")), h.StepsOf("val loss"))
	}
	if _, err := Run(t.Context(), newLine(0), Config{Epochs: 2}); err == nil {
		t.Error("Epochs accepted for a task without epochs")
	}
}

// PlateauDecay halves the rate after every evaluation that does not lower
// the held-out loss: scripted losses 2, 3, 1, 4 give rates η, η, η/2, η/2
// during the four evaluation periods, then η/4.
func TestPlateauDecay(t *testing.T) {
	l := newLine(0)
	l.evals = []float64{2, 3, 1, 4}
	h, err := Run(t.Context(), l, Config{Steps: 8, LR: 0.1, EvalEvery: 2, PlateauDecay: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if got := h.Values("lr"); !slices.Equal(got, []float64{0.1, 0.1, 0.05, 0.05}) {
		t.Errorf("learning rates %v, want 0.1 0.1 0.05 0.05", got)
	}
}

// A checkpoint holds the best evaluated model; no temporary file is left.
func TestCheckpoint(t *testing.T) {
	l := newLine(0)
	l.evals = []float64{3, 1, 2}
	path := filepath.Join(t.TempDir(), "line.ckpt")
	if _, err := Run(t.Context(), l, Config{Steps: 6, LR: 0.1, EvalEvery: 2, Checkpoint: path}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("%g", l.seen[1]); string(b) != want {
		t.Errorf("checkpoint %q, want %q (w at the second, best evaluation)", b, want)
	}
	if _, err := os.Stat(path + ".tmp"); err == nil {
		t.Error("temporary checkpoint left behind")
	}
	if _, err := Run(t.Context(), noEval{newLine(0)}, Config{Checkpoint: path}); err == nil {
		t.Error("Checkpoint accepted for a task that cannot be saved")
	}
}

// selfGrad fills its gradient itself and returns a constant loss, as
// data-parallel training does.
type selfGrad struct{ *line }

func (s selfGrad) Loss(step int) (*nn.Tensor, error) {
	l, _ := s.line.Loss(step)
	l.Backward()
	v := l.Item()
	l.Release()
	return ag.Scalar(v), nil
}

func TestTaskThatFillsItsGradients(t *testing.T) {
	a, b := newLine(0), selfGrad{newLine(0)}
	ha, err := Run(t.Context(), a, Config{Steps: 20, LR: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	hb, err := Run(t.Context(), b, Config{Steps: 20, LR: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	if a.w.Data[0] != b.w.Data[0] || !slices.Equal(ha.Values("loss"), hb.Values("loss")) {
		t.Errorf("w %v and %v differ", a.w.Data[0], b.w.Data[0])
	}
}

// reporter records what Run tells it.
type reporter struct {
	calls int
	last  [2]int
	loss  float64
	done  bool
}

func (r *reporter) Report(done, total int, m map[string]float64) {
	r.calls++
	r.last = [2]int{done, total}
	r.loss = m["loss"]
}

func (r *reporter) Done() { r.done = true }

func TestReporter(t *testing.T) {
	r := &reporter{}
	h, err := Run(t.Context(), newLine(0), Config{Steps: 12, Reporter: r})
	if err != nil {
		t.Fatal(err)
	}
	if r.calls != 12 || r.last != [2]int{12, 12} || r.loss != h.Last("loss") || r.done {
		t.Errorf("reporter: %+v", r)
	}
	r = &reporter{}
	l := newLine(0)
	l.evals = []float64{1, 2}
	if _, err := Run(t.Context(), l, Config{Steps: 12, EvalEvery: 2, Patience: 1, Reporter: r}); err != nil {
		t.Fatal(err)
	}
	if r.calls != 4 || !r.done {
		t.Errorf("reporter of a run stopped early: %+v, want 4 calls and Done", r)
	}
}
