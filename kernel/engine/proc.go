package engine

import (
	"bufio"
	"bytes"
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
	"unicode/utf8"

	"github.com/lingo-nlp/lingo/kernel/cell"
	"github.com/lingo-nlp/lingo/kernel/jupyter"
	"github.com/lingo-nlp/lingo/kernel/limits"
	"github.com/lingo-nlp/lingo/kernel/worker"
)

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
	curOut     jupyter.Output
	outMu      sync.Mutex

	killedByInterrupt atomic.Bool

	oomBefore int64 // the control group's OOM kills when the worker started
	oomKnown  bool  // whether that count could be read
}

// startWorker starts the worker binary bin in directory dir with
// environment env and waits until it is ready.
func startWorker(bin, dir string, env []string) (*workerProc, error) {
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
	cmd.Env = env
	cmd.SysProcAttr = workerSysProcAttr()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stdout = os.Stderr // the worker redirects its own stdout; this only sees early output
	oom, oomKnown := limits.OOMKills()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("lingo: starting the worker: %w", err)
	}
	cmdR.Close()
	evW.Close()
	w := &workerProc{cmd: cmd, cmdW: cmdW, events: make(chan worker.Event, 256), exited: make(chan struct{}), stderrDone: make(chan struct{}, 16),
		oomBefore: oom, oomKnown: oomKnown}
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
						w.curOut.Stream("stderr", cell.CleanNames(text))
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
		if ev.Op != worker.EvReady {
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

// killedBy returns the signal that ended the worker, if one did.
func (w *workerProc) killedBy() (syscall.Signal, bool) {
	<-w.exited
	if st := w.cmd.ProcessState; st != nil {
		if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return ws.Signal(), true
		}
	}
	return 0, false
}

// run sends a run command and relays events until the cell is done. It
// returns "ok", "error", "interrupted", "load-error" or "crashed".
func (w *workerProc) run(c worker.Command, out jupyter.Output, e *Engine) string {
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
					loadErr = true
					if strings.Contains(ev.Evalue, "different version of package") {
						ev.Evalue += "\nLingo's source files changed after this kernel started, so new cells no longer match the running worker. Restart the kernel to pick up the change."
						ev.Traceback = append(ev.Traceback, "Restart the kernel: Lingo's sources changed while it was running.")
					}
				}
				tb := make([]string, len(ev.Traceback))
				for i, l := range ev.Traceback {
					tb[i] = cell.CleanNames(l)
				}
				tb = e.withSource(tb)
				out.Error(ev.Ename, cell.CleanNames(ev.Evalue), tb)
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
				}
				if loadErr {
					return "load-error"
				}
				return string(ev.Status)
			}
		case <-w.exited:
			// Drain what the worker said before it died.
			for {
				select {
				case ev := <-w.events:
					if ev.Op == worker.EvStream {
						out.Stream(nonEmpty(ev.Name, "stdout"), cell.CleanNames(ev.Text))
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
