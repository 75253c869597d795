package parallelex

import (
	"fmt"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/parallel"
)

const scheduleName = "GPipe schedule"

var scheduleHints = []string{
	"a forward pass takes 1 tick, a backward pass 2; micro-batch j's forward on stage s needs its forward on stage s−1",
	"stage s runs its forwards one after the other: F_j starts at s + j (the pipeline fills one stage per tick)",
	"backwards start when all forwards are done on the last stage (at S−1+M) and flow back: each stage waits for the stage after it",
	"on the last stage B_j starts at S−1+M+2j; one stage earlier it starts 2 ticks later",
}

// CheckGPipe checks start(s, j, S, M), which must return the ticks at
// which stage s starts the forward and the backward pass of micro-batch j
// in a GPipe step of S stages and M micro-batches, a forward pass taking 1
// tick and a backward pass 2 (parallel.Simulate(parallel.GPipe, S, M, 1,
// 2)).
func CheckGPipe(start func(s, j, S, M int) (fwd, bwd int)) *lessons.Feedback {
	if start == nil {
		return lessons.Fail(scheduleName, "no function to check", scheduleHints...)
	}
	for _, c := range [][2]int{{2, 2}, {4, 4}, {3, 6}, {1, 3}} {
		S, M := c[0], c[1]
		r, _ := parallel.Simulate(parallel.GPipe, S, M, 1, 2)
		for _, e := range r.Events {
			s, j := e.Stage, e.Op.Micro
			var f, b int
			if msg := lessons.Call(func() { f, b = start(s, j, S, M) }); msg != "" {
				return lessons.Fail(scheduleName, msg, scheduleHints...)
			}
			got, want := f, int(e.Start)
			kind := "forward"
			if e.Op.Kind == 'B' {
				got, kind = b, "backward"
			}
			if got == want {
				continue
			}
			what := fmt.Sprintf("S=%d, M=%d: stage %d starts the %s pass of micro-batch %d at tick %d, expected %d", S, M, s, kind, j, got, want)
			switch {
			case kind == "forward" && got == j:
				what += ": a stage cannot start before the stage before it has passed the micro-batch on (the fill)"
			case kind == "backward" && got == S-1+M+2*j:
				what += ": the gradient reaches stage s only after the stages after it have done their backward pass"
			}
			return lessons.Fail(scheduleName, what, scheduleHints...)
		}
	}
	return lessons.Pass(scheduleName, "every pass starts when parallel.Simulate says, for 4 pipelines; the idle ticks are the bubble, (S−1)/(M+S−1) of the time")
}
