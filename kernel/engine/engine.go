package engine

import (
	"context"
	"errors"
	"fmt"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/lingo-nlp/lingo/kernel/cell"
	"github.com/lingo-nlp/lingo/kernel/jupyter"
	"github.com/lingo-nlp/lingo/kernel/worker"
)

// Engine compiles cells and runs them in a worker process, keeping the
// session's state between cells.
type Engine struct {
	root string
	dir  string   // session module
	lock *os.File // holds the session's lock (see lockSession)
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

	// Grace is how long an interrupted cell may take to stop before its
	// worker is killed.
	Grace time.Duration
}

// New creates a session. The worker is built and started in the
// background; the first Execute waits for it.
func New() (*Engine, error) {
	root, err := SourceRoot()
	if err != nil {
		return nil, err
	}
	dir, lock, err := newSessionModule(root)
	if err != nil {
		return nil, err
	}
	e := &Engine{root: root, dir: dir, lock: lock, env: goEnv(), fset: token.NewFileSet(), sources: map[string]string{},
		ready: make(chan struct{}), Grace: 3 * time.Second, st: cell.NewState()}
	e.magics = &magics{e: e}
	e.imp = newExportImporter(e.fset, dir, e.env, buildFlags(sharedWanted()))
	e.workDir, _ = os.Getwd()
	if err := os.MkdirAll(filepath.Join(dir, "plugins"), 0o755); err != nil {
		os.RemoveAll(dir)
		lock.Close()
		return nil, fmt.Errorf("lingo: %w", err)
	}
	go func() {
		defer close(e.ready)
		e.workerBin, e.workerErr = e.prepareWorker()
		if e.workerErr == nil {
			wd := e.WorkDir()
			e.wmu.Lock()
			e.w, e.workerErr = startWorker(e.workerBin, wd)
			e.wmu.Unlock()
		}
	}()
	// Warm the type information of the packages most cells use.
	warm := []string{"fmt", "strings", "math", "sort", "os", "time", "errors", "context", "strconv", cell.RTPath, cell.ModulePath + "/plots"}
	go func() {
		<-e.ready // the worker decides the build flags of the go list
		if e.fast != nil {
			_ = e.fast.ensure(warm...)
		} else {
			_ = e.imp.load(warm...)
		}
	}()
	return e, nil
}

// prepareWorker finds or builds the worker the session runs cells in and
// sets up the fast builder: a worker on shared libraries when it can be
// built (see sharedWorker), else a statically linked one.
func (e *Engine) prepareWorker() (string, error) {
	removeStaleSessions(filepath.Dir(e.dir))
	gomod, _ := os.ReadFile(filepath.Join(e.dir, "go.mod"))
	tc, err := goToolchain(e.dir, e.env, gomod)
	if err != nil {
		return "", err
	}
	key, err := sourceKey(e.dir, e.root, tc.goversion)
	if err != nil {
		return "", err
	}
	if os.Getenv("LINGO_FAST_BUILD") != "0" {
		e.fast, _ = newFastBuilder(e.dir, e.env, tc, e.imp)
	}
	if workers, err := privateDir("workers"); err == nil {
		defer pruneWorkers(workers)
	}
	if e.fast != nil && sharedWanted() && tc.goos == runtime.GOOS && tc.goarch == runtime.GOARCH {
		sw, err := buildSharedWorker(e.dir, key, e.fast)
		if err == nil {
			e.fast.shared = sw
			touchWorker(sw.dir)
			// The worker's packages need no go list: the libraries were
			// built from these archives.
			files := make(map[string]string, len(sw.pkgs))
			for p, s := range sw.pkgs {
				files[p] = s.export
			}
			e.imp.seed(files)
			return sw.bin, nil
		}
		debugf("no shared worker, cells are linked statically: %v", err)
	}
	e.imp.setFlags(e.fset, buildFlags(false))
	bin, err := workerBinary(e.dir, key, e.env)
	if err == nil {
		touchWorker(bin)
	}
	return bin, err
}

// sharedWanted reports whether cells should be linked against a shared
// worker: LINGO_SHARED=0 or LINGO_FAST_BUILD=0 turns it off, and it is only
// tried where it was tested (linux/amd64).
func sharedWanted() bool {
	return os.Getenv("LINGO_SHARED") != "0" && os.Getenv("LINGO_FAST_BUILD") != "0" &&
		runtime.GOOS == "linux" && runtime.GOARCH == "amd64"
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
	e.lock.Close()
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
	w, err := e.liveWorker()
	if err != nil {
		out.Error("WorkerError", err.Error(), []string{err.Error()})
		return "error"
	}
	plugin := ""
	if !w.loaded[c.Key] { // a cell run again is already loaded
		t1 := time.Now()
		plugin, err = e.build(c)
		debugf("%s: built in %v", file, time.Since(t1))
		if err != nil {
			msg := err.Error()
			out.Error("CompileError", msg, strings.Split(msg, "\n"))
			return "error"
		}
	}
	t2 := time.Now()
	status := w.run(worker.Command{Op: worker.CmdRun, Plugin: plugin, Key: c.Key}, out, e)
	debugf("%s: ran in %v", file, time.Since(t2))
	if plugin != "" {
		os.Remove(plugin) // the worker removes it once loaded; this covers a load that failed
		if status != "load-error" && status != "crashed" {
			w.loaded[c.Key] = true
		}
	}
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
	w, err := startWorker(e.workerBin, e.workDir)
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
	msg := "the worker process running the cell died (" + why + "); all session state (variables, types, functions) was lost. A fresh worker has been started."
	if w.killedByInterrupt.Load() {
		msg = fmt.Sprintf("the cell did not stop within %v of the interrupt, so its worker was killed; all session state (variables, types, functions) was lost. A fresh worker has been started.", e.Grace)
	}
	tb := []string{"WorkerDied: " + msg}
	if tail != "" {
		lines := strings.Split(cell.CleanNames(tail), "\n")
		if len(lines) > 30 {
			lines = append(lines[:30], "…")
		}
		tb = append(tb, lines...)
	}
	out.Error("WorkerDied", msg, tb)
	e.st.Reset()
	e.wmu.Lock()
	if nw, err := startWorker(e.workerBin, e.workDir); err == nil {
		e.w = nw
	} else {
		e.w = nil
	}
	e.wmu.Unlock()
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
	w, err := startWorker(e.workerBin, e.workDir)
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
