package parallel

import (
	"math"
	"strings"
	"testing"
)

func TestPipelineGradientEqualsOneWorker(t *testing.T) {
	net, err := NewNet([]int{6, 16, 16, 16, 16, 3}, 1)
	if err != nil {
		t.Fatal(err)
	}
	x, y := RandomMatrix(12, 6, 1, 2), RandomMatrix(12, 3, 1, 3)
	net.ZeroGrad()
	wantLoss, _ := net.Step(x, y)
	want := net.Grads()
	for _, sched := range []Schedule{GPipe, OneFOneB} {
		for _, S := range []int{1, 2, 3, 5} {
			for _, M := range []int{1, 3, 4, 12} {
				net.ZeroGrad()
				r, err := net.Pipeline(x, y, PipeConfig{Stages: S, MicroBatches: M, Schedule: sched})
				if err != nil {
					t.Fatal(err)
				}
				if math.Abs(r.Loss-wantLoss) > 1e-12 {
					t.Errorf("%v S=%d M=%d: loss %v, one worker %v", sched, S, M, r.Loss, wantLoss)
				}
				for i, g := range net.Grads() {
					for k := range g {
						// The rows' contributions arrive in the same order as on one worker: the same bits.
						if math.Float64bits(g[k]) != math.Float64bits(want[i][k]) {
							t.Fatalf("%v S=%d M=%d: gradient %d[%d] = %v, one worker %v", sched, S, M, i, k, g[k], want[i][k])
						}
					}
				}
				if len(r.Events) != 2*S*M {
					t.Errorf("%v S=%d M=%d: %d events, want 2SM", sched, S, M, len(r.Events))
				}
				// GPipe keeps every micro-batch's activations; 1F1B at most S−s on stage s.
				for s, p := range r.Peak {
					want := M
					if sched == OneFOneB {
						want = min(S-s, M)
					}
					if p != want {
						t.Errorf("%v S=%d M=%d: stage %d held %d micro-batches at once, want %d", sched, S, M, s, p, want)
					}
				}
			}
		}
	}
}

// With equal passes the ideal schedule takes (M+S−1)(tf+tb) and leaves the
// bubble (S−1)/(M+S−1) idle (Huang et al. 2019, §2.3), for both schedules.
func TestSimulateBubble(t *testing.T) {
	for _, sched := range []Schedule{GPipe, OneFOneB} {
		for _, S := range []int{1, 2, 4, 8} {
			for _, M := range []int{1, 2, 4, 8, 32} {
				r, err := Simulate(sched, S, M, 1, 2)
				if err != nil {
					t.Fatal(err)
				}
				if want := float64((M + S - 1) * 3); r.Wall != want {
					t.Errorf("%v S=%d M=%d: makespan %v, want (M+S−1)(tf+tb) = %v", sched, S, M, r.Wall, want)
				}
				if got, want := 1-r.Utilisation(), BubbleFraction(S, M); math.Abs(got-want) > 1e-12 {
					t.Errorf("%v S=%d M=%d: bubble %v, want %v", sched, S, M, got, want)
				}
			}
		}
	}
	r, _ := Simulate(GPipe, 2, 2, 1, 2)
	var got []string
	for _, e := range r.Events {
		got = append(got, e.Op.String())
	}
	// By start time: stage 0's F0 F1 at 0, 1; stage 1's F0 F1 at 1, 2; B0 at 3 on
	// stage 1 and 5 on stage 0; B1 at 5 on stage 1 and 7 on stage 0.
	if s := strings.Join(got, " "); s != "F0 F1 F0 F1 B0 B0 B1 B1" {
		t.Errorf("GPipe 2×2 events %s", s)
	}
	if e4, e5 := r.Events[4], r.Events[5]; e4.Stage != 1 || e4.Start != 3 || e5.Stage != 0 || e5.Start != 5 {
		t.Errorf("GPipe 2×2: backward of micro-batch 0 at %+v and %+v, want stage 1 at 3 and stage 0 at 5", e4, e5)
	}
}

func TestOneFOneBOps(t *testing.T) {
	// Stage 0 of 4 warms up with 3 forwards, then alternates, then drains.
	var got []string
	for _, op := range OneFOneB.Ops(0, 4, 6) {
		got = append(got, op.String())
	}
	if s := strings.Join(got, " "); s != "F0 F1 F2 F3 B0 F4 B1 F5 B2 B3 B4 B5" {
		t.Errorf("1F1B stage 0 of 4, 6 micro-batches: %s", s)
	}
}

func TestPipelineErrors(t *testing.T) {
	net, _ := NewNet([]int{4, 4, 4}, 1)
	x, y := NewMatrix(3, 4), NewMatrix(3, 4)
	for _, c := range []PipeConfig{{Stages: 3}, {Stages: -1}, {MicroBatches: 4}, {MicroBatches: -2}} {
		if _, err := net.Pipeline(x, y, c); err == nil {
			t.Errorf("%+v: no error", c)
		}
	}
	if _, err := net.Pipeline(x, NewMatrix(3, 2), PipeConfig{}); err == nil {
		t.Error("targets of the wrong width: no error")
	}
	if _, err := NewNet([]int{4}, 1); err == nil {
		t.Error("one width: no error")
	}
	if _, err := Simulate(GPipe, 0, 1, 1, 1); err == nil {
		t.Error("no stages: no error")
	}
}
