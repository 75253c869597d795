package worker

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"plugin"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/lingo-nlp/lingo/kernel/limits"
	"github.com/lingo-nlp/lingo/kernel/rt"
	"github.com/lingo-nlp/lingo/plots"
)

var (
	events   *json.Encoder
	eventsMu sync.Mutex

	stdoutR *os.File
	loaded  = map[string]func(context.Context){}
)

func send(e Event) {
	eventsMu.Lock()
	defer eventsMu.Unlock()
	if events != nil {
		_ = events.Encode(e)
	}
}

// Main runs the worker: it is the whole of the worker binary's main.
func Main() {
	cmds := os.NewFile(3, "lingo-commands")
	out := os.NewFile(4, "lingo-events")
	if cmds == nil || out == nil {
		fmt.Fprintln(os.Stderr, "lingo worker: must be started by the Lingo kernel (fd 3 and 4 missing)")
		os.Exit(2)
	}
	events = json.NewEncoder(out)
	stderrFile = os.Stderr       // kept: a cell may reassign os.Stderr
	debug.SetMaxStack(512 << 20) // runaway recursion dies sooner than the 1 GB default
	limitMemory()
	captureStdout()
	if devnull, err := os.Open(os.DevNull); err == nil {
		os.Stdin = devnull
	}
	plots.SetSink(sink{})
	rt.SetHost(host{})
	send(Event{Op: EvReady})

	runs := make(chan Command, 16)
	go func() {
		sc := bufio.NewScanner(cmds)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			var c Command
			if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
				fmt.Fprintln(os.Stderr, "lingo worker: bad command:", err)
				continue
			}
			switch c.Op {
			case CmdInterrupt:
				rt.Interrupt()
			case CmdInput:
				select {
				case inputs <- c:
				default:
				}
			case CmdRun:
				runs <- c
			case CmdPing:
				send(Event{Op: EvPong})
			}
		}
		os.Exit(0) // the kernel closed our commands: it is gone
	}()
	for c := range runs {
		status := run(c)
		flushStdout()
		_, _ = stderrFile.WriteString(StderrMarker)
		send(Event{Op: EvDone, Status: status})
	}
}

// limitMemory holds the worker to the memory limit the kernel passes in
// limits.EnforceVar: with RLIMIT_DATA set, an allocation past it fails and
// the Go runtime stops with "out of memory", which the kernel reports as
// the cell hitting the limit. GOMEMLIMIT (set by the kernel too) makes the
// garbage collector work harder before that.
func limitMemory() {
	n, err := strconv.ParseUint(os.Getenv(limits.EnforceVar), 10, 64)
	if err != nil || n == 0 {
		return
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_DATA, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
		fmt.Fprintln(os.Stderr, "lingo worker: cannot limit memory:", err)
	}
}

// run loads the plugin of a cell (or reuses it) and runs it on its own
// goroutine, and says how it ended.
func run(c Command) Status {
	f, ok := loaded[c.Key]
	if !ok {
		p, err := plugin.Open(c.Plugin)
		if err != nil {
			send(Event{Op: EvError, Ename: "LoadError", Evalue: err.Error(), Traceback: []string{"LoadError: " + err.Error()}})
			return StatusError
		}
		sym, err := p.Lookup("Run")
		if err != nil {
			send(Event{Op: EvError, Ename: "LoadError", Evalue: err.Error()})
			return StatusError
		}
		fn, ok := sym.(func(context.Context))
		if !ok {
			send(Event{Op: EvError, Ename: "LoadError", Evalue: fmt.Sprintf("Run has type %T", sym)})
			return StatusError
		}
		f = fn
		loaded[c.Key] = f
	}
	ctx := rt.BeginCell()
	done := make(chan Status, 1)
	go func() {
		returned := false
		defer func() {
			if returned {
				done <- StatusOK
				return
			}
			if r := recover(); r != nil {
				reportPanic(r, debug.Stack())
				done <- StatusError
				return
			}
			// runtime.Goexit from Check: the cell was interrupted.
			done <- StatusInterrupted
		}()
		f(ctx)
		returned = true
	}()
	status := <-done
	if status == StatusInterrupted || rt.Interrupted() {
		if status != StatusError {
			status = StatusInterrupted
		}
	}
	return status
}

func reportPanic(r any, stack []byte) {
	flushStdout()
	msg := fmt.Sprint(r)
	if err, ok := r.(error); ok {
		msg = err.Error()
	}
	var tb []string
	tb = append(tb, "panic: "+msg)
	lines := strings.Split(string(stack), "\n")
	// Keep the frames that ran cell code: their file is a cell ("cellN").
	for i := 0; i+1 < len(lines); i++ {
		file := strings.TrimSpace(lines[i+1])
		if strings.HasPrefix(file, "cell") && strings.HasPrefix(lines[i+1], "\t") {
			fn := lines[i]
			if j := strings.LastIndex(fn, "("); j > 0 {
				fn = fn[:j]
			}
			if k := strings.Index(file, " +0x"); k > 0 {
				file = file[:k]
			}
			tb = append(tb, "  "+file+" in "+fn)
		}
	}
	send(Event{Op: EvError, Ename: "panic", Evalue: msg, Traceback: tb})
}

// captureStdout points file descriptor 1 at a pipe that a goroutine reads
// and forwards as "stream" events, so output and displays stay in order.
func captureStdout() {
	r, w, err := os.Pipe()
	if err != nil {
		return
	}
	if err := syscall.Dup2(int(w.Fd()), 1); err != nil {
		return
	}
	w.Close()
	stdoutR = r
	go forwardStdout(r)
}

// flushMarker is written to standard output by flushStdout; when the
// forwarding goroutine reads it back, everything written before it has been
// sent. It never reaches the user.
const flushMarker = "\x00\x01lingo-flush\x01\x00"

var (
	flushMu   sync.Mutex
	flushSeen = make(chan struct{}, 16)
)

func forwardStdout(r *os.File) {
	buf := make([]byte, 64<<10)
	var pending []byte // bytes read but not yet sent
	for {
		n, err := r.Read(buf)
		pending = append(pending, buf[:n]...)
		for {
			i := strings.Index(string(pending), flushMarker)
			if i < 0 {
				break
			}
			sendText(pending[:i])
			pending = append(pending[:0], pending[i+len(flushMarker):]...)
			flushSeen <- struct{}{}
		}
		// Keep back a possible start of a marker, and an incomplete UTF-8
		// sequence, for the next read.
		keep := 0
		for k := len(flushMarker) - 1; k > 0; k-- {
			if k <= len(pending) && strings.HasPrefix(flushMarker, string(pending[len(pending)-k:])) {
				keep = k
				break
			}
		}
		cut := len(pending) - keep
		for cut > 0 && cut > len(pending)-keep-4 && !utf8.Valid(pending[:cut]) {
			cut--
		}
		if cut > 0 {
			sendText(pending[:cut])
			pending = append(pending[:0], pending[cut:]...)
		}
		if err != nil {
			if err != io.EOF {
				fmt.Fprintln(os.Stderr, "lingo worker: stdout:", err)
			}
			return
		}
	}
}

func sendText(b []byte) {
	if len(b) > 0 {
		send(Event{Op: EvStream, Name: "stdout", Text: string(b)})
	}
}

// flushStdout waits until everything written to standard output so far has
// been forwarded, so an event sent next comes after it.
func flushStdout() {
	if stdoutR == nil {
		return
	}
	flushMu.Lock()
	defer flushMu.Unlock()
	if _, err := os.Stdout.WriteString(flushMarker); err != nil {
		return
	}
	select {
	case <-flushSeen:
	case <-time.After(5 * time.Second):
	}
}

// sink sends displays to the kernel.
type sink struct{}

func (sink) Display(b plots.Bundle, id string, update bool) error {
	flushStdout()
	send(Event{Op: EvDisplay, Data: b, ID: id, Update: update})
	return nil
}

func (sink) Clear(wait bool) error {
	flushStdout()
	send(Event{Op: EvClear, Wait: wait})
	return nil
}

// host serves cell code through package rt.
type host struct{}

var inputs = make(chan Command, 1)

// stderrFile is the worker's own standard error (file descriptor 2), where
// StderrMarker is written even if a cell points os.Stderr elsewhere.
var stderrFile *os.File

// Result shows the value of a cell's last expression.
func (host) Result(vs []any) {
	var b plots.Bundle
	if len(vs) == 1 {
		if _, ok := vs[0].(plots.DisplayID); ok {
			return // the value of plots.Display(…): nothing more to show
		}
		b = plots.Render(vs[0])
	} else {
		b = plots.Render(vs)
	}
	flushStdout()
	send(Event{Op: EvResult, Data: b})
}

// Input asks the kernel for a line of input.
func (host) Input(prompt string, password bool) (string, bool) {
	flushStdout()
	send(Event{Op: EvInputRequest, Text: prompt, Password: password})
	select {
	case c := <-inputs:
		return c.Text, !c.EOF
	case <-rt.Done():
		runtime.Goexit()
	}
	return "", false
}
