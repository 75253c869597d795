package engine

import (
	"fmt"
	"os"

	"github.com/lingo-nlp/lingo/kernel/cell"
	"github.com/lingo-nlp/lingo/kernel/jupyter"
	"github.com/lingo-nlp/lingo/kernel/worker"
)

// liveWorker returns the running worker, starting a new one if needed.
func (e *Engine) liveWorker() (*workerProc, error) {
	e.wmu.Lock()
	defer e.wmu.Unlock()
	if e.w != nil && !e.w.dead() {
		return e.w, nil
	}
	w, err := e.newWorker()
	if err != nil {
		return nil, err
	}
	e.w = w
	return w, nil
}

// restartAfterCrash reports a dead worker, clears the session and starts a
// fresh worker.
func (e *Engine) restartAfterCrash(w *workerProc, out jupyter.Output) {
	why := w.exitReason()
	// The report of the fatal error says why better than the exit status;
	// the rest of what the worker wrote to standard error has been shown.
	headline, frames := e.crashSummary(w.stderrTail(), 18)
	if headline != "" {
		why = headline
	}
	msg := "the worker process running the cell died (" + why + "); all session state (variables, types, functions) was lost. A fresh worker has been started."
	if w.killedByInterrupt.Load() {
		msg = fmt.Sprintf("the cell did not stop within %v of the interrupt, so its worker was killed; all session state (variables, types, functions) was lost. A fresh worker has been started.", e.Grace)
	}
	ename := "WorkerDied"
	if oom := e.outOfMemory(w, w.stderrTail()); oom != "" && !w.killedByInterrupt.Load() {
		ename = "MemoryError"
		msg = oom + "; all session state (variables, types, functions) was lost. A fresh worker has been started. Use less memory (a smaller corpus or model, LINGO_SCALE=ci), or ask for a larger limit."
	}
	tb := append([]string{ename + ": " + msg}, frames...) // at most 20 lines
	out.Error(ename, msg, tb)
	e.st.Reset()
	e.wmu.Lock()
	if nw, err := e.newWorker(); err == nil {
		e.w = nw
	} else {
		e.w = nil
	}
	e.wmu.Unlock()
}

// newWorker starts a worker where the last cell left the working directory
// and environment. The caller holds e.wmu.
func (e *Engine) newWorker() (*workerProc, error) {
	env := e.env0
	if env == nil {
		env = os.Environ()
	}
	env = append(env[:len(env):len(env)], e.limits.Env()...)
	w, ready, err := startWorker(e.workerBin, e.workDir, env, e.errorTraceback)
	if err != nil {
		return nil, err
	}
	e.follow(ready, true)
	e.serve(w)
	return w, nil
}

// follow records the working directory and environment an event of the
// worker reports. The caller holds e.wmu if locked.
func (e *Engine) follow(ev worker.Event, locked bool) {
	if !locked {
		e.wmu.Lock()
		defer e.wmu.Unlock()
	}
	if ev.Dir != "" {
		e.workDir = ev.Dir
	}
	if ev.Env != nil {
		e.env0 = ev.Env
	}
}

// Env returns the environment of cells and shell commands.
func (e *Engine) Env() []string {
	e.wmu.Lock()
	defer e.wmu.Unlock()
	if e.env0 == nil {
		return os.Environ()
	}
	return e.env0
}

// errorTraceback is the traceback of an error event: its lines without the
// compiler's names, and the frames of a panic's stack that ran cells.
func (e *Engine) errorTraceback(ev worker.Event) []string {
	tb := make([]string, len(ev.Traceback))
	for i, l := range ev.Traceback {
		tb[i] = cell.CleanNames(l)
	}
	if ev.Stack != "" {
		tb = append(tb, e.formatFrames(cellFrames(ev.Stack), 30)...)
	}
	return tb
}

// WorkDir is the working directory of cells and shell commands.
func (e *Engine) WorkDir() string {
	e.wmu.Lock()
	defer e.wmu.Unlock()
	return e.workDir
}
