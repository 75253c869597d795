package parallel

import (
	"fmt"
	"sort"
)

// A Schedule orders the forward and backward passes of the micro-batches
// on each pipeline stage.
type Schedule int

const (
	// GPipe runs all forward passes, then all backward passes (Huang et al.
	// 2019): every stage holds the activations of all M micro-batches.
	GPipe Schedule = iota
	// OneFOneB starts backward passes as early as possible and then
	// alternates one forward, one backward (PipeDream-Flush, Narayanan et
	// al. 2021): the same bubble, but stage s holds at most S−s
	// micro-batches' activations.
	OneFOneB
)

func (s Schedule) String() string {
	if s == OneFOneB {
		return "1F1B"
	}
	return "GPipe"
}

// An Op is one pass of one micro-batch on a stage: Kind 'F' (forward) or
// 'B' (backward).
type Op struct {
	Kind  byte
	Micro int
}

func (o Op) String() string { return fmt.Sprintf("%c%d", o.Kind, o.Micro) }

// Ops returns the passes stage s of S runs over M micro-batches, in order.
func (sc Schedule) Ops(s, S, M int) []Op {
	var ops []Op
	if sc == GPipe {
		for j := range M {
			ops = append(ops, Op{'F', j})
		}
		for j := range M {
			ops = append(ops, Op{'B', j})
		}
		return ops
	}
	warm := min(S-s-1, M) // forwards before the first backward
	f, b := 0, 0
	for ; f < warm; f++ {
		ops = append(ops, Op{'F', f})
	}
	for f < M {
		ops = append(ops, Op{'F', f}, Op{'B', b})
		f++
		b++
	}
	for ; b < M; b++ {
		ops = append(ops, Op{'B', b})
	}
	return ops
}

// BubbleFraction is the share of stage time a pipeline of S stages over M
// micro-batches leaves idle when every pass of every stage takes the same
// time: (S−1)/(M+S−1), for GPipe and 1F1B alike.
func BubbleFraction(S, M int) float64 { return float64(S-1) / float64(M+S-1) }

// Simulate returns the schedule of S stages over M micro-batches on S
// devices that run nothing else, a forward pass taking tf and a backward
// pass tb: every pass starts as soon as its stage is free and its input
// has arrived (the forward output of the stage before, the backward output
// of the stage after), communication being free. Times are in the units
// of tf and tb.
func Simulate(sched Schedule, S, M int, tf, tb float64) (*PipeRun, error) {
	if S < 1 || M < 1 {
		return nil, fmt.Errorf("parallel: stages and micro-batches must be ≥ 1, got %d and %d", S, M)
	}
	done := map[[3]int]float64{} // {stage, kind, micro} → end time
	key := func(s int, k byte, j int) [3]int { return [3]int{s, int(k), j} }
	ops := make([][]Op, S)
	for s := range ops {
		ops[s] = sched.Ops(s, S, M)
	}
	next, free := make([]int, S), make([]float64, S)
	r := &PipeRun{Schedule: sched, Stages: S, Micro: M, Unit: "time units", Peak: make([]int, S)}
	held := make([]int, S)
	for left := S * 2 * M; left > 0; {
		progress := false
		for s := range S {
			if next[s] == len(ops[s]) {
				continue
			}
			op := ops[s][next[s]]
			var dep [3]int
			switch {
			case op.Kind == 'F' && s > 0:
				dep = key(s-1, 'F', op.Micro)
			case op.Kind == 'F':
				dep = [3]int{-1}
			case s < S-1:
				dep = key(s+1, 'B', op.Micro)
			default:
				dep = key(s, 'F', op.Micro)
			}
			ready, ok := done[dep]
			if dep[0] == -1 {
				ready, ok = 0, true
			}
			if !ok {
				continue
			}
			start, d := max(free[s], ready), tf
			if op.Kind == 'B' {
				d = tb
				held[s]--
			} else {
				held[s]++
				r.Peak[s] = max(r.Peak[s], held[s])
			}
			done[key(s, op.Kind, op.Micro)] = start + d
			free[s] = start + d
			r.Events = append(r.Events, Event{Stage: s, Op: op, Start: start, End: start + d})
			r.Wall = max(r.Wall, start+d)
			next[s]++
			left--
			progress = true
		}
		if !progress {
			return nil, fmt.Errorf("parallel: schedule %v deadlocks with %d stages and %d micro-batches", sched, S, M)
		}
	}
	sort.SliceStable(r.Events, func(i, j int) bool {
		a, b := r.Events[i], r.Events[j]
		return a.Start < b.Start || a.Start == b.Start && a.Stage < b.Stage
	})
	return r, nil
}
