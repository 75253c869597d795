package kernel

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/lingo-nlp/lingo/kernel/worker"
)

// Output receives what a cell produces.
type Output interface {
	Stream(name, text string)
	Display(data map[string]string, id string, update bool)
	Clear(wait bool)
	Result(data map[string]string)
	Error(ename, evalue string, traceback []string)
	// Input asks the user for a line; ok is false when the frontend cannot.
	Input(prompt string, password bool) (text string, ok bool)
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

	mu      sync.Mutex // one cell at a time
	st      compileState
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

// NewEngine creates a session. The worker is built and started in the
// background; the first Execute waits for it.
func NewEngine() (*Engine, error) {
	root, err := SourceRoot()
	if err != nil {
		return nil, err
	}
	dir, err := newSessionModule(root)
	if err != nil {
		return nil, err
	}
	e := &Engine{root: root, dir: dir, env: goEnv(), fset: token.NewFileSet(), sources: map[string]string{},
		ready: make(chan struct{}), Grace: 3 * time.Second}
	e.imp = newExportImporter(e.fset, dir, e.env)
	e.workDir, _ = os.Getwd()
	_ = os.MkdirAll(filepath.Join(dir, "plugins"), 0o755)
	e.resetState()
	go func() {
		defer close(e.ready)
		if os.Getenv("LINGO_FAST_BUILD") != "0" {
			e.fast, _ = newFastBuilder(dir, e.env)
		}
		e.workerBin, e.workerErr = workerBinary(dir, root, e.env)
		if e.workerErr == nil {
			wd := e.WorkDir()
			e.wmu.Lock()
			e.w, e.workerErr = startWorker(e.workerBin, wd)
			e.wmu.Unlock()
		}
	}()
	// Warm the type information of the packages most cells use.
	warm := []string{"fmt", "strings", "math", "sort", "os", "time", "errors", "context", "strconv", rtPath, modulePath + "/plots"}
	go func() {
		e.imp.load(warm...)
		<-e.ready
		if e.fast != nil {
			_ = e.fast.ensure(warm...)
		}
	}()
	return e, nil
}

func (e *Engine) resetState() {
	e.st = compileState{objs: map[string]*sessionObj{}, methods: map[string][]string{}, imports: map[string]string{}, nextPkg: e.st.nextPkg + 1}
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
	w.send(worker.Command{Op: "interrupt"})
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

// Execute compiles and runs one cell. It returns "ok", "error" or
// "interrupted" (which is reported as an error to Jupyter).
func (e *Engine) Execute(code string, out Output) string {
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
	c, err := compileCell(&e.st, code, file, e.imp)
	debugf("%s: type-checked in %v", file, time.Since(t0))
	if err != nil {
		var ce *CompileError
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
	w, err := e.liveWorker(out)
	if err != nil {
		out.Error("WorkerError", err.Error(), []string{err.Error()})
		return "error"
	}
	t2 := time.Now()
	status := w.run(worker.Command{Op: "run", Plugin: plugin, Key: c.key}, out, e)
	debugf("%s: ran in %v", file, time.Since(t2))
	switch status {
	case "crashed":
		e.restartAfterCrash(w, out)
		return "error"
	case "load-error":
		return "error"
	}
	e.commit(c)
	if status == "interrupted" {
		out.Error("Interrupted", "the cell was interrupted; session state is kept", []string{"Interrupted: the cell was interrupted; variables from earlier cells are kept."})
		return "error"
	}
	return status
}

// commit records the cell's declarations in the session.
func (e *Engine) commit(c *compiled) {
	if c.declPkg != 0 {
		e.st.nextPkg = c.declPkg + 1
	}
	for _, o := range c.newObjs {
		e.st.objs[o.name] = o
	}
	for t, ms := range c.newMethods {
		if o := e.st.objs[t]; o != nil && o.pkg == c.declPkg {
			e.st.methods[t] = ms
		}
	}
	for n, p := range c.newImports {
		e.st.imports[n] = p
	}
}

var buildErrLine = regexp.MustCompile(`^(cell\d+):(\d+):(\d+): (.*)$`)

// build writes the cell's packages and builds the plugin; a plugin already
// built from the same sources is reused.
func (e *Engine) build(c *compiled) (string, error) {
	plugin := filepath.Join(e.dir, "plugins", c.key+".so")
	if _, err := os.Stat(plugin); err == nil {
		return plugin, nil
	}
	if c.declPkg != 0 {
		d := filepath.Join(e.dir, fmt.Sprintf("c%04d", c.declPkg))
		if err := os.MkdirAll(d, 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(d, "decl.go"), []byte(c.declSrc), 0o644); err != nil {
			return "", err
		}
	}
	rdir := filepath.Join(e.dir, "r"+c.key)
	if err := os.MkdirAll(rdir, 0o755); err != nil {
		return "", err
	}
	mainFile := filepath.Join(rdir, "main.go")
	if err := os.WriteFile(mainFile, []byte(c.mainSrc), 0o644); err != nil {
		return "", err
	}
	if e.fast != nil {
		err := func() error {
			if c.declPkg != 0 {
				d := filepath.Join(e.dir, fmt.Sprintf("c%04d", c.declPkg), "decl.go")
				if _, err := e.fast.compile(pkgImportPath(c.declPkg), d, c.declImports); err != nil {
					return err
				}
			}
			return e.fast.plugin(sessionPath+"/r"+c.key, mainFile, c.mainImports, plugin)
		}()
		if err == nil {
			return plugin, nil
		}
		debugf("fast build failed, using go build: %v", err)
		// Fall back to the go command, which also gives the usual messages.
		if c.declPkg != 0 {
			e.fast.forget(pkgImportPath(c.declPkg))
		}
	}
	cmd := exec.Command("go", "build", "-buildmode=plugin", "-o", plugin, "./r"+c.key)
	cmd.Dir = e.dir
	cmd.Env = e.env
	outb, err := cmd.CombinedOutput()
	if err != nil {
		return "", e.buildError(string(outb), err)
	}
	return plugin, nil
}

func (e *Engine) buildError(out string, err error) error {
	var msgs []string
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		if m := buildErrLine.FindStringSubmatch(line); m != nil {
			l, _ := strconv.Atoi(m[2])
			col, _ := strconv.Atoi(m[3])
			msgs = append(msgs, formatError(token.Position{Filename: m[1], Line: l, Column: col}, m[4], e.sources[m[1]]))
			continue
		}
		msgs = append(msgs, cleanNames(line))
	}
	if len(msgs) == 0 {
		msgs = append(msgs, err.Error())
	}
	return errors.New(strings.Join(msgs, "\n"))
}

// liveWorker returns the running worker, starting a new one if needed.
func (e *Engine) liveWorker(out Output) (*workerProc, error) {
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
func (e *Engine) restartAfterCrash(w *workerProc, out Output) {
	why := w.exitReason()
	tail := strings.TrimSpace(w.stderrTail())
	msg := "the worker process running the cell died (" + why + "); all session state (variables, types, functions) was lost. A fresh worker has been started."
	if w.killedByInterrupt.Load() {
		msg = fmt.Sprintf("the cell did not stop within %v of the interrupt, so its worker was killed; all session state (variables, types, functions) was lost. A fresh worker has been started.", e.Grace)
	}
	tb := []string{"WorkerDied: " + msg}
	if tail != "" {
		lines := strings.Split(cleanNames(tail), "\n")
		if len(lines) > 30 {
			lines = append(lines[:30], "…")
		}
		tb = append(tb, lines...)
	}
	out.Error("WorkerDied", msg, tb)
	e.resetState()
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
	var out [][2]string
	for n, o := range e.st.objs {
		if o.kind == "var" {
			t := o.show
			if t == "" {
				t = strings.ReplaceAll(o.typ, mark+"i_", "")
			}
			out = append(out, [2]string{n, t})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// Reset forgets every session name and restarts the worker (%reset).
func (e *Engine) Reset() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.resetState()
	e.wmu.Lock()
	defer e.wmu.Unlock()
	if e.w != nil {
		e.w.kill()
	}
	w, err := startWorker(e.workerBin, e.workDir)
	e.w = w
	return err
}

var sessionNames = regexp.MustCompile(`(?:lingo\.session/)?(?:c\d{4,}\.)?` + mark + `(?:i_[A-Za-z0-9_]*\.)?`)

// cleanNames removes the compiler's renaming from text shown to the user.
func cleanNames(s string) string {
	if !strings.Contains(s, mark) && !strings.Contains(s, "lingo.session/") {
		return s
	}
	s = sessionNames.ReplaceAllString(s, "")
	return strings.ReplaceAll(s, "lingo.session/", "")
}

// workerProc is a running worker process.
type workerProc struct {
	cmd    *exec.Cmd
	cmdW   *os.File
	events chan worker.Event
	exited chan struct{}

	sendMu sync.Mutex
	busy   chan struct{} // closed when no cell runs

	stderrMu   sync.Mutex
	stderrBuf  []byte
	stderrDone chan struct{} // one value per worker.StderrMarker read
	curOut     Output
	outMu      sync.Mutex

	killedByInterrupt atomic.Bool
}

func startWorker(bin, dir string) (*workerProc, error) {
	cmdR, cmdW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	evR, evW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin)
	cmd.Dir = dir
	cmd.ExtraFiles = []*os.File{cmdR, evW}
	cmd.Env = append(os.Environ(), "LINGO_WORKER=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stdout = os.Stderr // the worker redirects its own stdout; this only sees early output
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("lingo: starting the worker: %w", err)
	}
	cmdR.Close()
	evW.Close()
	w := &workerProc{cmd: cmd, cmdW: cmdW, events: make(chan worker.Event, 256), exited: make(chan struct{}), stderrDone: make(chan struct{}, 16)}
	w.busy = make(chan struct{})
	close(w.busy)
	go func() {
		sc := bufio.NewScanner(evR)
		sc.Buffer(make([]byte, 1<<20), 256<<20)
		for sc.Scan() {
			var ev worker.Event
			if err := json.Unmarshal(sc.Bytes(), &ev); err == nil {
				w.events <- ev
			}
		}
		evR.Close()
	}()
	go func() {
		buf := make([]byte, 32<<10)
		var pending []byte // read but not yet shown: may hold the start of a marker
		for {
			n, err := stderr.Read(buf)
			if n > 0 || (err != nil && len(pending) > 0) {
				w.stderrMu.Lock()
				w.stderrBuf = append(w.stderrBuf, buf[:n]...)
				if len(w.stderrBuf) > 64<<10 {
					w.stderrBuf = w.stderrBuf[len(w.stderrBuf)-64<<10:]
				}
				w.stderrMu.Unlock()
				pending = append(pending, buf[:n]...)
				var text string
				var marks int
				text, pending, marks = splitStderr(pending, err != nil)
				if text != "" {
					w.outMu.Lock()
					if w.curOut != nil {
						w.curOut.Stream("stderr", cleanNames(text))
					}
					w.outMu.Unlock()
				}
				for ; marks > 0; marks-- {
					select {
					case w.stderrDone <- struct{}{}:
					default:
					}
				}
			}
			if err != nil {
				break
			}
		}
		_ = cmd.Wait()
		close(w.exited)
	}()
	select {
	case ev := <-w.events:
		if ev.Op != "ready" {
			return nil, fmt.Errorf("lingo: worker said %q before ready", ev.Op)
		}
	case <-w.exited:
		return nil, fmt.Errorf("lingo: the worker exited at start: %s", w.stderrTail())
	case <-time.After(60 * time.Second):
		w.kill()
		return nil, errors.New("lingo: the worker did not start within 60 s")
	}
	return w, nil
}

func (w *workerProc) send(c worker.Command) {
	b, _ := json.Marshal(c)
	w.sendMu.Lock()
	defer w.sendMu.Unlock()
	_, _ = w.cmdW.Write(append(b, '\n'))
}

func (w *workerProc) idle() <-chan struct{} {
	w.sendMu.Lock()
	defer w.sendMu.Unlock()
	return w.busy
}

func (w *workerProc) dead() bool {
	select {
	case <-w.exited:
		return true
	default:
		return false
	}
}

func (w *workerProc) kill() {
	if w.cmd.Process != nil {
		_ = syscall.Kill(-w.cmd.Process.Pid, syscall.SIGKILL)
		_ = w.cmd.Process.Kill()
	}
	w.cmdW.Close()
}

func (w *workerProc) stderrTail() string {
	w.stderrMu.Lock()
	defer w.stderrMu.Unlock()
	return string(w.stderrBuf)
}

func (w *workerProc) exitReason() string {
	<-w.exited
	if w.killedByInterrupt.Load() {
		return "killed after an interrupt"
	}
	st := w.cmd.ProcessState
	if st == nil {
		return "unknown"
	}
	if ws, ok := st.Sys().(syscall.WaitStatus); ok {
		if ws.Signaled() {
			return "killed by signal " + ws.Signal().String()
		}
		return fmt.Sprintf("exit status %d", ws.ExitStatus())
	}
	return st.String()
}

// run sends a run command and relays events until the cell is done. It
// returns "ok", "error", "interrupted", "load-error" or "crashed".
func (w *workerProc) run(c worker.Command, out Output, e *Engine) string {
	w.sendMu.Lock()
	w.busy = make(chan struct{})
	busy := w.busy
	w.sendMu.Unlock()
	defer close(busy)
	w.stderrMu.Lock()
	w.stderrBuf = w.stderrBuf[:0]
	w.stderrMu.Unlock()
	for len(w.stderrDone) > 0 { // markers of earlier cells we stopped waiting for
		<-w.stderrDone
	}
	w.outMu.Lock()
	w.curOut = out
	w.outMu.Unlock()
	defer func() {
		w.outMu.Lock()
		w.curOut = nil
		w.outMu.Unlock()
	}()
	w.send(c)
	loadErr := false
	for {
		select {
		case ev := <-w.events:
			switch ev.Op {
			case "stream":
				out.Stream(nonEmpty(ev.Name, "stdout"), cleanNames(ev.Text))
			case "display":
				out.Display(cleanBundle(ev.Data), ev.ID, ev.Update)
			case "clear":
				out.Clear(ev.Wait)
			case "result":
				out.Result(cleanBundle(ev.Data))
			case "error":
				if ev.Ename == "LoadError" {
					loadErr = true
					if strings.Contains(ev.Evalue, "different version of package") {
						ev.Evalue += "\nLingo's source files changed after this kernel started, so new cells no longer match the running worker. Restart the kernel to pick up the change."
						ev.Traceback = append(ev.Traceback, "Restart the kernel: Lingo's sources changed while it was running.")
					}
				}
				tb := make([]string, len(ev.Traceback))
				for i, l := range ev.Traceback {
					tb[i] = cleanNames(l)
				}
				tb = e.withSource(tb)
				out.Error(ev.Ename, cleanNames(ev.Evalue), tb)
			case "input_request":
				text, ok := out.Input(ev.Text, ev.Password)
				w.send(worker.Command{Op: "input", Text: text, EOF: !ok})
			case "done":
				// The worker wrote a marker to standard error just before
				// this event: wait for it so the cell's standard error is
				// all shown before the cell is reported finished.
				select {
				case <-w.stderrDone:
				case <-w.exited:
				case <-time.After(2 * time.Second):
				}
				if loadErr {
					return "load-error"
				}
				return ev.Status
			}
		case <-w.exited:
			// Drain what the worker said before it died.
			for {
				select {
				case ev := <-w.events:
					if ev.Op == "stream" {
						out.Stream(nonEmpty(ev.Name, "stdout"), cleanNames(ev.Text))
					}
					continue
				default:
				}
				break
			}
			return "crashed"
		}
	}
}

// splitStderr takes the worker's standard error read so far and returns the
// text to show, the bytes to keep for the next read (a possible start of a
// marker, or of a UTF-8 sequence) and how many markers it removed. At the
// end of the stream nothing is kept.
func splitStderr(b []byte, end bool) (text string, rest []byte, marks int) {
	var sb strings.Builder
	for {
		i := bytes.Index(b, []byte(worker.StderrMarker))
		if i < 0 {
			break
		}
		sb.Write(b[:i])
		b = b[i+len(worker.StderrMarker):]
		marks++
	}
	keep := 0
	if !end {
		for k := min(len(worker.StderrMarker)-1, len(b)); k > 0; k-- {
			if bytes.HasSuffix(b, []byte(worker.StderrMarker[:k])) {
				keep = k
				break
			}
		}
		if keep == 0 { // hold back a rune cut in two by the read
			for i := len(b) - 1; i >= 0 && i >= len(b)-3; i-- {
				if utf8.RuneStart(b[i]) {
					if !utf8.FullRune(b[i:]) {
						keep = len(b) - i
					}
					break
				}
			}
		}
	}
	sb.Write(b[:len(b)-keep])
	return sb.String(), append([]byte(nil), b[len(b)-keep:]...), marks
}

// withSource adds the source line after each "cellN:L" frame of a
// traceback.
func (e *Engine) withSource(tb []string) []string {
	var out []string
	for _, l := range tb {
		out = append(out, l)
		t := strings.TrimSpace(l)
		if !strings.HasPrefix(t, "cell") {
			continue
		}
		f, rest, ok := strings.Cut(t, ":")
		if !ok {
			continue
		}
		num := rest
		if i := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
			num = rest[:i]
		}
		n, err := strconv.Atoi(num)
		src, ok := e.sources[f]
		if err != nil || !ok {
			continue
		}
		lines := strings.Split(src, "\n")
		if n >= 1 && n <= len(lines) {
			out = append(out, "      "+strings.TrimSpace(lines[n-1]))
		}
	}
	return out
}

func cleanBundle(b map[string]string) map[string]string {
	if t, ok := b["text/plain"]; ok {
		b["text/plain"] = cleanNames(t)
	}
	return b
}

func nonEmpty(s, def string) string {
	if s == "" {
		return def
	}
	return s
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
func (e *Engine) GoGet(mods []string, out Output) error {
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
