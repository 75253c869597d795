package engine

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/lingo-nlp/lingo/kernel/cell"
	"github.com/lingo-nlp/lingo/kernel/jupyter"
	"github.com/lingo-nlp/lingo/kernel/limits"
	"github.com/lingo-nlp/lingo/kernel/worker"
)

// workerProc is a running worker process.
//
// Two goroutines read what it says. One reads its events: output (stream,
// display, clear, result, error) goes straight to out; the events the run
// loop waits for (ready, input_request, done) go to control. The other
// reads its standard error and streams it to out. out is the running
// cell's Output and stays the last cell's after it ends, so what a
// goroutine a cell left running prints later is shown as it comes, under
// that cell (as ipykernel does).
type workerProc struct {
	cmd        *exec.Cmd
	cmdW       *os.File
	control    chan worker.Event
	eventsDone chan struct{} // the event pipe has been read to its end
	exited     chan struct{}

	sendMu sync.Mutex
	seq    int64 // number of the last run command

	stderrMu   sync.Mutex
	stderrBuf  []byte
	stderrDone chan struct{} // one value per worker.StderrMarker read

	outMu      sync.Mutex
	out        jupyter.Output
	onComm     func(w *workerProc, ev worker.Event, out jupyter.Output) // publishes comm events (Engine.serve sets it)
	traceback  func(ev worker.Event) []string                           // of an error event
	loadFailed atomic.Bool                                              // the running cell's plugin did not load

	killedByInterrupt atomic.Bool
	markersLost       atomic.Int64 // done events whose stderr marker never came

	loaded    map[string]bool // keys of the cells this worker has loaded (used by runGo only)
	oomBefore int64           // the control group's OOM kills when the worker started
	oomKnown  bool            // whether that count could be read
}

// startWorker starts a worker in the working directory dir with the
// environment env (nil: the kernel's); tb formats the tracebacks of its
// error events. It returns the worker and its ready event.
func startWorker(bin, dir string, env []string, tb func(worker.Event) []string) (*workerProc, worker.Event, error) {
	var ready worker.Event
	cmdR, cmdW, err := os.Pipe()
	if err != nil {
		return nil, ready, err
	}
	evR, evW, err := os.Pipe()
	if err != nil {
		return nil, ready, err
	}
	cmd := exec.Command(bin)
	cmd.Dir = dir
	cmd.ExtraFiles = []*os.File{cmdR, evW}
	if env == nil {
		env = os.Environ()
	}
	cmd.Env = append(env[:len(env):len(env)], "LINGO_WORKER=1")
	cmd.SysProcAttr = workerSysProcAttr()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, ready, err
	}
	cmd.Stdout = os.Stderr // the worker redirects its own stdout; this only sees early output
	oom, oomKnown := limits.OOMKills()
	if err := cmd.Start(); err != nil {
		return nil, ready, fmt.Errorf("lingo: starting the worker: %w", err)
	}
	cmdR.Close()
	evW.Close()
	w := &workerProc{cmd: cmd, cmdW: cmdW, control: make(chan worker.Event, 16), eventsDone: make(chan struct{}), loaded: map[string]bool{},
		exited: make(chan struct{}), stderrDone: make(chan struct{}, 16), traceback: tb,
		oomBefore: oom, oomKnown: oomKnown}
	go w.readEvents(evR)
	go w.readStderr(stderr)
	select {
	case ready = <-w.control:
		if ready.Op != worker.EvReady {
			return nil, ready, fmt.Errorf("lingo: worker said %q before ready", ready.Op)
		}
	case <-w.exited:
		return nil, ready, fmt.Errorf("lingo: the worker exited at start: %s", w.stderrTail())
	case <-time.After(60 * time.Second):
		w.kill()
		return nil, ready, errors.New("lingo: the worker did not start within 60 s")
	}
	return w, ready, nil
}

func (w *workerProc) readEvents(r *os.File) {
	defer close(w.eventsDone)
	defer r.Close()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	for sc.Scan() {
		var ev worker.Event
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			debugf("bad event from the worker: %v", err)
			continue
		}
		switch ev.Op {
		case worker.EvStream, worker.EvDisplay, worker.EvClear, worker.EvResult, worker.EvError:
			w.emit(ev)
		case worker.EvComm:
			w.emitComm(ev)
		default:
			w.control <- ev
		}
	}
}

// emit sends an output event to the current Output.
func (w *workerProc) emit(ev worker.Event) {
	w.outMu.Lock()
	defer w.outMu.Unlock()
	out := w.out
	if out == nil {
		return
	}
	switch ev.Op {
	case worker.EvStream:
		out.Stream(nonEmpty(ev.Name, "stdout"), cell.CleanNames(ev.Text))
	case worker.EvDisplay:
		out.Display(cleanBundle(ev.Data), ev.ID, ev.Update)
	case worker.EvClear:
		out.Clear(ev.Wait)
	case worker.EvResult:
		out.Result(cleanBundle(ev.Data))
	case worker.EvError:
		if ev.Ename == "LoadError" {
			w.loadFailed.Store(true)
			if strings.Contains(ev.Evalue, "different version of package") {
				ev.Evalue += "\nLingo's source files changed after this kernel started, so new cells no longer match the running worker. Restart the kernel to pick up the change."
				ev.Traceback = append(ev.Traceback, "Restart the kernel: Lingo's sources changed while it was running.")
			}
		}
		if len(ev.NilVars) > 0 { // "model is nil (cell[5] set it last)"
			ev.Evalue += ": " + strings.Join(ev.NilVars, "; ")
			if len(ev.Traceback) > 0 {
				ev.Traceback[0] += ": " + strings.Join(ev.NilVars, "; ")
			}
		}
		out.Error(ev.Ename, cell.CleanNames(ev.Evalue), w.traceback(ev))
	}
}

// setOut makes out receive the worker's output and returns the previous.
func (w *workerProc) setOut(out jupyter.Output) jupyter.Output {
	w.outMu.Lock()
	defer w.outMu.Unlock()
	prev := w.out
	w.out = out
	return prev
}

func (w *workerProc) send(c worker.Command) {
	b, err := json.Marshal(c)
	if err != nil {
		panic(err) // a Command always marshals
	}
	w.sendMu.Lock()
	defer w.sendMu.Unlock()
	if _, err := w.cmdW.Write(append(b, '\n')); err != nil {
		debugf("sending %s to the worker: %v", c.Op, err) // it died: the run loop sees it exit
	}
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

// run sends a run command and relays its output to out until the cell is
// done. It returns "ok", "error", "interrupted", "load-error" or "crashed",
// and the done event (how long the code ran, the working directory and
// environment after it). When ctx is cancelled it asks the worker to
// interrupt the run, and kills the worker if the run has not ended within
// grace.
func (w *workerProc) run(ctx context.Context, c worker.Command, out jupyter.Output, grace time.Duration) (string, worker.Event) {
	w.seq++
	c.Seq = w.seq
	w.stderrMu.Lock()
	w.stderrBuf = w.stderrBuf[:0]
	w.stderrMu.Unlock()
	for len(w.stderrDone) > 0 { // markers of earlier cells we stopped waiting for
		<-w.stderrDone
	}
	w.loadFailed.Store(false)
	prev := w.setOut(out)
	if _, ok := out.(*quiet); ok { // a magic's own cell: later output goes to the cell before
		defer w.setOut(prev)
	}
	w.send(c)
	interrupt := ctx.Done()
	var graceOver <-chan time.Time
	for {
		select {
		case <-interrupt:
			interrupt = nil
			w.send(worker.Command{Op: worker.CmdInterrupt, Seq: c.Seq})
			graceOver = time.After(grace)
		case <-graceOver:
			w.killedByInterrupt.Store(true)
			w.kill()
		case ev := <-w.control:
			switch ev.Op {
			case worker.EvInputRequest:
				text, ok := out.Input(ev.Text, ev.Password)
				w.send(worker.Command{Op: worker.CmdInput, Text: text, EOF: !ok})
			case worker.EvDone:
				// The worker wrote a marker to standard error just before
				// this event: wait for it so the cell's standard error is
				// all shown before the cell is reported finished.
				select {
				case <-w.stderrDone:
				case <-w.exited:
				case <-time.After(2 * time.Second):
					w.markersLost.Add(1)
				}
				if w.loadFailed.Load() {
					return "load-error", ev
				}
				return string(ev.Status), ev
			}
		case <-w.exited:
			// Show what the worker said before it died, then report.
			select {
			case <-w.eventsDone:
			case <-time.After(2 * time.Second):
			}
			return "crashed", worker.Event{}
		}
	}
}
