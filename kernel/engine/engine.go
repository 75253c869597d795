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
	linkMode string // see LinkMode
	key      string // the worker build's sourceKey
	root     string
	dir      string   // session module
	lock     *os.File // holds the session's lock (see lockSession)
	env      []string
	fset     *token.FileSet
	imp      *exportImporter
	fast     *fastBuilder // nil when the go command must build every cell

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
	dir, lock, err := newSessionModule(root)
	if err != nil {
		return nil, err
	}
	e := &Engine{root: root, dir: dir, lock: lock, env: goEnv(), fset: token.NewFileSet(), sources: map[string]string{},
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
			e.wmu.Lock()
			if e.fast != nil && e.fast.shared != nil && sharedStartHook != nil {
				e.workerErr = sharedStartHook()
			}
			if e.workerErr == nil {
				e.w, e.workerErr = e.newWorker()
			}
			if e.workerErr != nil && e.fast != nil && e.fast.shared != nil {
				// A shared worker that does not start: static plugins.
				e.workerBin, e.workerErr = e.staticWorker(fmt.Errorf("the shared worker does not start: %w", e.workerErr))
				if e.workerErr == nil {
					e.w, e.workerErr = e.newWorker()
				}
			}
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
	tc, err := lookupToolchain(e.dir, e.env, gomod)
	if err != nil {
		return "", err
	}
	key, err := sourceKey(e.dir, e.root, tc.goversion)
	if err != nil {
		return "", err
	}
	e.key = key
	if os.Getenv("LINGO_FAST_BUILD") != "0" {
		e.fast, _ = newFastBuilder(e.dir, e.env, tc, e.imp)
	}
	if workers, err := privateDir("workers"); err == nil {
		defer pruneWorkers(workers, filepath.Dir(e.dir))
	}
	if e.fast != nil && sharedWanted() && tc.goos == runtime.GOOS && tc.goarch == runtime.GOARCH {
		sw, err := buildSharedWorker(e.dir, key, e.fast)
		if err == nil {
			e.linkMode = "shared libraries"
			e.fast.shared = sw
			useWorker(e.dir, sw.dir)
			// The worker's packages need no go list: the libraries were
			// built from these archives.
			files := make(map[string]string, len(sw.pkgs))
			for p, s := range sw.pkgs {
				files[p] = s.export
			}
			e.imp.seed(files)
			return sw.bin, nil
		}
		return e.staticWorker(err)
	}
	e.linkMode = "static plugins (" + staticWhy(e.fast != nil) + ")"
	return e.staticWorker(nil)
}

// staticWorker finds or builds the statically linked worker and makes the
// session link cells as static plugins. A non-nil why is the reason the
// shared worker could not be used, told to the user once per process.
func (e *Engine) staticWorker(why error) (string, error) {
	if why != nil {
		e.linkMode = "static plugins: " + why.Error()
		staticOnce.Do(func() {
			staticNotice("lingo: cells are linked as static plugins (slower links, bigger plugins) because the " +
				"shared-library worker could not be used: " + why.Error() +
				"\nlingo: cells work as before; LINGO_SHARED=0 chooses static plugins and silences this note")
		})
	}
	if e.fast != nil {
		e.fast.mu.Lock()
		e.fast.shared = nil
		e.fast.files = map[string]string{}
		e.fast.mu.Unlock()
	}
	e.imp.setFlags(e.fset, buildFlags(false))
	bin, err := workerBinary(e.dir, e.key, e.env)
	if err == nil {
		useWorker(e.dir, bin)
	}
	return bin, err
}

// staticNotice tells the user, once per process, that cells fell back to
// static plugins and why (on the kernel's stderr, which Jupyter logs).
var (
	staticNotice = func(msg string) { fmt.Fprintln(os.Stderr, msg) }
	staticOnce   sync.Once
)

// sharedStartHook, when set (tests), runs before a shared worker starts;
// an error it returns is handled like a worker that does not start.
var sharedStartHook func() error

// LinkMode says how the session links cells: "shared libraries", or
// "static plugins" with the reason. It waits until the worker is ready.
func (e *Engine) LinkMode() string {
	<-e.ready
	return e.linkMode
}

// staticWhy is why cells are linked statically without trying a shared
// worker.
func staticWhy(fast bool) string {
	switch {
	case !fast && os.Getenv("LINGO_FAST_BUILD") != "0":
		return "the fast builder could not be set up"
	case os.Getenv("LINGO_FAST_BUILD") == "0":
		return "LINGO_FAST_BUILD=0"
	case os.Getenv("LINGO_SHARED") == "0":
		return "LINGO_SHARED=0"
	case runtime.GOOS != "linux" || runtime.GOARCH != "amd64":
		return "shared libraries are only used on linux/amd64"
	}
	return "the session's GOOS/GOARCH differ from the kernel's"
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
	w, err := e.liveWorker()
	if err != nil {
		out.Error("WorkerError", err.Error(), []string{err.Error()})
		return "error"
	}
	plugin := ""
	if !w.loaded[c.Key] { // a cell run again is loaded already: no build
		t1 := time.Now()
		plugin, err = e.build(ctx, c)
		debugf("%s: built in %v", file, time.Since(t1))
	}
	call(e.hooks.afterBuild)
	if ctx.Err() != nil {
		os.Remove(plugin)
		return notStarted(out)
	}
	if err != nil {
		msg := err.Error()
		out.Error("CompileError", msg, strings.Split(msg, "\n"))
		return "error"
	}
	call(e.hooks.beforeRun)
	t2 := time.Now()
	status, done := w.run(ctx, worker.Command{Op: worker.CmdRun, Plugin: plugin, Key: c.Key, Cell: e.curCell}, out, e.Grace)
	debugf("%s: ran in %v", file, time.Since(t2))
	if plugin != "" {
		os.Remove(plugin) // the worker removes it once loaded; this covers a load that failed
		if status != "load-error" && status != "crashed" {
			w.loaded[c.Key] = true
		}
	}
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
