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
	comms   comms
	curCell string     // cellKey of the cell Execute runs
	mu      sync.Mutex // one cell at a time
	st      *cell.State
	silent  int // uncounted cells so far
	srcMu   sync.Mutex
	sources map[string]string // cell name → source, for tracebacks

	wmu       sync.Mutex
	w         *workerProc
	workerBin string
	workerErr error
	ready     chan struct{}

	// The worker's working directory and environment as the last cell
	// left them: shell commands and magics use them, and a new worker
	// starts with them.
	workDir string
	limits  limits.Limits
	env0    []string // nil until the worker has said

	timing *timing // where runGo adds its times, for %time; nil if none
	now    func() time.Time

	// Grace is how long an interrupted cell may take to stop before its
	// worker is killed.
	Grace time.Duration

	hooks hooks // for tests
}

// hooks are called at fixed points of running Go code, so that tests can
// act (interrupt, say) at exactly that point. Nil hooks are skipped.
type hooks struct {
	afterCheck func() // the cell type-checked and generated
	afterBuild func() // its plugin is built
	beforeRun  func() // the worker is about to be told to run it
}

func call(h func()) {
	if h != nil {
		h()
	}
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
		ready: make(chan struct{}), Grace: 3 * time.Second, st: cell.NewState(), now: time.Now}
	e.magics = &magics{e: e}
	e.limits = limits.Detect(cfg.Limits)
	if n := e.limits.GoMaxProcs(); n > 0 {
		e.env = append(e.env, "GOMAXPROCS="+strconv.Itoa(n)) // the compiler's parallelism too
	}
	e.st.Packages = lingoPackages(root)
	var once sync.Once
	var known map[string][]string
	e.st.Known = func(name string) []string {
		// Listed the first time a cell needs it: go list costs seconds.
		once.Do(func() { known = knownPackages(dir, e.env) })
		return known[name]
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
			e.wmu.Lock()
			e.w, e.workerErr = e.newWorker()
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

// errFailed is what Execute returns for a cell that failed; the failure
// itself has been reported on the cell's output.
var errFailed = errors.New("the cell failed")

// Execute runs a cell — Go code and magics — and sends what it produces to
// out. It returns nil if the cell succeeded, else an error already reported
// on out. Cancelling ctx interrupts the cell.
func (e *Engine) Execute(ctx context.Context, c jupyter.Cell, out jupyter.Output) error {
	name := e.cellName(c.Count)
	e.srcMu.Lock()
	e.sources[name] = c.Code
	e.srcMu.Unlock()
	e.magics.name = name
	e.curCell = cellKey(c.ID, c.Code)
	if e.magics.run(ctx, c.Code, out) != "ok" {
		return errFailed
	}
	return nil
}

// cellName is what positions and tracebacks call a cell: cell[23] for the
// cell the frontend shows as In [23], like IPython's "Cell In[23]";
// silent[n] for uncounted cells.
func (e *Engine) cellName(count int) string {
	if count > 0 {
		return fmt.Sprintf("cell[%d]", count)
	}
	e.silent++
	return fmt.Sprintf("silent[%d]", e.silent)
}

// runGo compiles and runs Go code. It returns "ok", "error" or
// "interrupted" (which is reported as an error to Jupyter). Once ctx is
// cancelled the code does not start; if it runs, the worker is asked to
// stop it, and killed if it has not stopped within Grace.
func (e *Engine) runGo(ctx context.Context, file, code string, out jupyter.Output) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	<-e.ready
	if e.workerErr != nil {
		out.Error("WorkerError", e.workerErr.Error(), []string{e.workerErr.Error()})
		return "error"
	}
	if ctx.Err() != nil {
		return notStarted(out)
	}
	start := e.now()
	t0 := time.Now()
	c, err := cell.Compile(e.st, code, file, e.imp)
	debugf("%s: type-checked in %v", file, time.Since(t0))
	call(e.hooks.afterCheck)
	if err != nil {
		var ce *cell.CompileError
		if errors.As(err, &ce) {
			out.Error("CompileError", strings.Join(ce.Msgs, "\n"), ce.Msgs)
		} else {
			out.Error("CompileError", err.Error(), []string{err.Error()})
		}
		return "error"
	}
	if ctx.Err() != nil {
		return notStarted(out)
	}
	t1 := time.Now()
	plugin, err := e.build(ctx, c)
	debugf("%s: built in %v", file, time.Since(t1))
	call(e.hooks.afterBuild)
	if ctx.Err() != nil {
		return notStarted(out)
	}
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
	call(e.hooks.beforeRun)
	t2 := time.Now()
	status, done := w.run(ctx, worker.Command{Op: worker.CmdRun, Plugin: plugin, Key: c.Key, Cell: e.curCell}, out, e.Grace)
	debugf("%s: ran in %v", file, time.Since(t2))
	e.follow(done, false)
	if e.timing != nil {
		e.timing.run += done.Elapsed
		e.timing.compile += e.now().Sub(start) - done.Elapsed
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

// timing is what %time reports: how long the cells' code ran, and how long
// compiling, building and loading it took.
type timing struct{ compile, run time.Duration }

// notStarted reports a cell interrupted before it ran.
func notStarted(out jupyter.Output) string {
	out.Error("Interrupted", "the cell was interrupted before it ran", []string{"Interrupted: the cell was interrupted before it ran; the session is unchanged."})
	return "interrupted"
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
	w, err := e.newWorker()
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
