package engine

import (
	"context"
	"errors"
	"fmt"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/lingo-nlp/lingo/kernel/cell"
	"github.com/lingo-nlp/lingo/kernel/jupyter"
	"github.com/lingo-nlp/lingo/kernel/limits"
	"github.com/lingo-nlp/lingo/kernel/worker"
)

// Config configures a session. The zero value is the default: the worker
// is limited only by what the control group and the MEM_LIMIT/CPU_LIMIT
// environment variables say (see package limits).
type Config struct {
	// Limits are explicit memory and CPU limits for the worker (lingo
	// kernel --memory, --cpus); a zero field sets none. The smaller of
	// these and the detected limits applies.
	Limits limits.Limits
}

// Engine compiles cells and runs them in a worker process, keeping the
// session's state between cells.
type Engine struct {
	root string
	dir  string // session module
	env  []string
	fset *token.FileSet
	imp  *exportImporter
	fast *fastBuilder // nil when the go command must build every cell

	magics  *magics
	mu      sync.Mutex // one cell at a time
	st      *cell.State
	cellNo  int
	sources map[string]string // cell file name → source, for tracebacks

	wmu       sync.Mutex
	w         *workerProc
	workerBin string
	workerErr error
	ready     chan struct{}

	workDir string
	limits  limits.Limits

	// Grace is how long an interrupted cell may take to stop before its
	// worker is killed.
	Grace time.Duration
}

// New creates a session. The worker is built and started in the
// background; the first Execute waits for it.
func New(cfg Config) (*Engine, error) {
	root, err := SourceRoot()
	if err != nil {
		return nil, err
	}
	dir, err := newSessionModule(root)
	if err != nil {
		return nil, err
	}
	e := &Engine{root: root, dir: dir, env: goEnv(), fset: token.NewFileSet(), sources: map[string]string{},
		ready: make(chan struct{}), Grace: 3 * time.Second, st: cell.NewState()}
	e.magics = &magics{e: e}
	e.limits = limits.Detect(cfg.Limits)
	if n := e.limits.GoMaxProcs(); n > 0 {
		e.env = append(e.env, "GOMAXPROCS="+strconv.Itoa(n)) // the compiler's parallelism too
	}
	e.imp = newExportImporter(e.fset, dir, e.env)
	e.workDir, _ = os.Getwd()
	if err := os.MkdirAll(filepath.Join(dir, "plugins"), 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("lingo: %w", err)
	}
	go func() {
		defer close(e.ready)
		if os.Getenv("LINGO_FAST_BUILD") != "0" {
			e.fast, _ = newFastBuilder(dir, e.env)
		}
		e.workerBin, e.workerErr = workerBinary(dir, root, e.env)
		if e.workerErr == nil {
			wd := e.WorkDir()
			e.wmu.Lock()
			e.w, e.workerErr = e.startWorker(wd)
			e.wmu.Unlock()
		}
	}()
	// Warm the type information of the packages most cells use.
	warm := []string{"fmt", "strings", "math", "sort", "os", "time", "errors", "context", "strconv", cell.RTPath, cell.ModulePath + "/plots"}
	go func() {
		e.imp.load(warm...)
		<-e.ready
		if e.fast != nil {
			_ = e.fast.ensure(warm...)
		}
	}()
	return e, nil
}

// Limits returns the memory and CPU limits the worker runs under.
func (e *Engine) Limits() limits.Limits { return e.limits }

// startWorker starts a worker with the kernel's environment (which %env
// changes) and the session's limits.
func (e *Engine) startWorker(dir string) (*workerProc, error) {
	env := append(append(os.Environ(), "LINGO_WORKER=1"), e.limits.Env()...)
	return startWorker(e.workerBin, dir, env)
}

// Dir returns the session module directory.
func (e *Engine) Dir() string { return e.dir }

// Close stops the worker and removes the session directory.
func (e *Engine) Close() {
	<-e.ready
	e.wmu.Lock()
	if e.w != nil {
		e.w.kill()
	}
	e.wmu.Unlock()
	os.RemoveAll(e.dir)
}

// Interrupt asks the running cell to stop; if it has not stopped after the
// grace period, the worker is killed (and the session's state is lost).
func (e *Engine) Interrupt() {
	e.wmu.Lock()
	w := e.w
	e.wmu.Unlock()
	if w == nil {
		return
	}
	w.send(worker.Command{Op: worker.CmdInterrupt})
	go func() {
		select {
		case <-w.idle():
		case <-w.exited:
		case <-time.After(e.Grace):
			w.killedByInterrupt.Store(true)
			w.kill()
		}
	}()
}

// errFailed is what Execute returns for a cell that failed; the failure
// itself has been reported on the cell's output.
var errFailed = errors.New("the cell failed")

// Execute runs a cell — Go code and magics — and sends what it produces to
// out. It returns nil if the cell succeeded, else an error already reported
// on out. Cancelling ctx interrupts the cell.
func (e *Engine) Execute(ctx context.Context, code string, out jupyter.Output) error {
	stop := context.AfterFunc(ctx, e.Interrupt)
	defer stop()
	if e.magics.run(code, out) != "ok" {
		return errFailed
	}
	return nil
}

// runGo compiles and runs Go code. It returns "ok", "error" or
// "interrupted" (which is reported as an error to Jupyter).
func (e *Engine) runGo(code string, out jupyter.Output) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	<-e.ready
	if e.workerErr != nil {
		out.Error("WorkerError", e.workerErr.Error(), []string{e.workerErr.Error()})
		return "error"
	}
	e.cellNo++
	file := "cell" + strconv.Itoa(e.cellNo)
	e.sources[file] = code
	t0 := time.Now()
	c, err := cell.Compile(e.st, code, file, e.imp)
	debugf("%s: type-checked in %v", file, time.Since(t0))
	if err != nil {
		var ce *cell.CompileError
		if errors.As(err, &ce) {
			out.Error("CompileError", strings.Join(ce.Msgs, "\n"), ce.Msgs)
		} else {
			out.Error("CompileError", err.Error(), []string{err.Error()})
		}
		return "error"
	}
	t1 := time.Now()
	plugin, err := e.build(c)
	debugf("%s: built in %v", file, time.Since(t1))
	if err != nil {
		msg := err.Error()
		out.Error("CompileError", msg, strings.Split(msg, "\n"))
		return "error"
	}
	w, err := e.liveWorker()
	if err != nil {
		out.Error("WorkerError", err.Error(), []string{err.Error()})
		return "error"
	}
	t2 := time.Now()
	status := w.run(worker.Command{Op: worker.CmdRun, Plugin: plugin, Key: c.Key}, out, e)
	debugf("%s: ran in %v", file, time.Since(t2))
	switch status {
	case "crashed":
		e.restartAfterCrash(w, out)
		return "error"
	case "load-error":
		return "error"
	}
	e.st.Commit(c)
	if status == "interrupted" {
		out.Error("Interrupted", "the cell was interrupted; session state is kept", []string{"Interrupted: the cell was interrupted; variables from earlier cells are kept."})
		return "error"
	}
	return status
}

// liveWorker returns the running worker, starting a new one if needed.
func (e *Engine) liveWorker() (*workerProc, error) {
	e.wmu.Lock()
	defer e.wmu.Unlock()
	if e.w != nil && !e.w.dead() {
		return e.w, nil
	}
	w, err := e.startWorker(e.workDir)
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
	tail := strings.TrimSpace(w.stderrTail())
	ename := "WorkerDied"
	msg := "the worker process running the cell died (" + why + "); all session state (variables, types, functions) was lost. A fresh worker has been started."
	if w.killedByInterrupt.Load() {
		msg = fmt.Sprintf("the cell did not stop within %v of the interrupt, so its worker was killed; all session state (variables, types, functions) was lost. A fresh worker has been started.", e.Grace)
	} else if oom := e.outOfMemory(w, tail); oom != "" {
		ename = "MemoryError"
		msg = oom + "; all session state (variables, types, functions) was lost. A fresh worker has been started. Use less memory (a smaller corpus or model, LINGO_SCALE=ci), or ask for a larger limit."
		tail = memoryLines(tail) // not the goroutine dump of a runtime that ran out
	}
	tb := []string{ename + ": " + msg}
	if tail != "" {
		lines := strings.Split(cell.CleanNames(tail), "\n")
		if len(lines) > 30 {
			lines = append(lines[:30], "…")
		}
		tb = append(tb, lines...)
	}
	out.Error(ename, msg, tb)
	e.st.Reset()
	e.wmu.Lock()
	if nw, err := e.startWorker(e.workDir); err == nil {
		e.w = nw
	} else {
		e.w = nil
	}
	e.wmu.Unlock()
}

// outOfMemory says why a dead worker ran out of memory, or "" if it did not
// (as far as can be told): the control group's OOM killer killed a process
// while it ran, or the Go runtime could not get memory (an allocation past
// the worker's own RLIMIT_DATA ends that way), or it was killed by SIGKILL
// under a memory limit.
func (e *Engine) outOfMemory(w *workerProc, stderr string) string {
	lim := "the memory this server may use"
	if e.limits.Memory > 0 {
		lim = fmt.Sprintf("the memory limit of %s (%s)", limits.FormatSize(e.limits.Memory), e.limits.MemoryFrom)
	}
	sig, signaled := w.killedBy()
	if n, ok := limits.OOMKills(); ok && w.oomKnown && n > w.oomBefore && signaled && sig == syscall.SIGKILL {
		return "the cell ran out of memory: the system stopped the worker when it reached " + lim
	}
	if limits.OutOfMemory(stderr) {
		if e.limits.Memory > 0 {
			return "the cell ran out of memory: the worker may use at most " + limits.FormatSize(e.limits.Memory) + " (" + e.limits.MemoryFrom + ") and the cell asked for more"
		}
		return "the cell ran out of memory: the system could not give the worker more"
	}
	if signaled && sig == syscall.SIGKILL && e.limits.Memory > 0 {
		return "the worker was killed (SIGKILL), most likely because it reached " + lim
	}
	return ""
}

// memoryLines keeps the lines of a dead worker's standard error that say it
// ran out of memory, and what the cell printed before.
func memoryLines(stderr string) string {
	lines := strings.Split(stderr, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "fatal error:") || strings.HasPrefix(l, "runtime: out of memory") {
			end := i + 1
			if end < len(lines) && strings.HasPrefix(lines[end], "fatal error:") {
				end++
			}
			return strings.Join(lines[:end], "\n")
		}
	}
	return stderr
}

// Variables lists the session's variables and their types (%who).
func (e *Engine) Variables() [][2]string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.st.Variables()
}

// Reset forgets every session name and restarts the worker (%reset).
func (e *Engine) Reset() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.st.Reset()
	e.wmu.Lock()
	defer e.wmu.Unlock()
	if e.w != nil {
		e.w.kill()
	}
	w, err := e.startWorker(e.workDir)
	e.w = w
	return err
}

var debugOn = os.Getenv("LINGO_DEBUG") != ""

// debugf logs to standard error when LINGO_DEBUG is set.
func debugf(format string, args ...any) {
	if debugOn {
		fmt.Fprintf(os.Stderr, "lingo: "+format+"\n", args...)
	}
}

// WorkDir is the working directory of cells and shell commands.
func (e *Engine) WorkDir() string {
	e.wmu.Lock()
	defer e.wmu.Unlock()
	return e.workDir
}

// SetWorkDir changes it for shell commands and future workers (%cd).
func (e *Engine) SetWorkDir(d string) {
	e.wmu.Lock()
	defer e.wmu.Unlock()
	e.workDir = d
}

// GoGet adds modules to the session module (%go get).
func (e *Engine) GoGet(mods []string, out jupyter.Output) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	cmd := exec.Command("go", append([]string{"get"}, mods...)...)
	cmd.Dir = e.dir
	cmd.Env = e.env
	cmd.Stdout = streamWriter{out, "stdout"}
	cmd.Stderr = streamWriter{out, "stderr"}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go get %s: %w", strings.Join(mods, " "), err)
	}
	e.imp.forget(e.fset)
	if e.fast != nil {
		e.fast.forgetModules()
	}
	return nil
}
