package rt

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
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/lingo-nlp/lingo/plots"
)

var (
	events   *json.Encoder
	eventsMu sync.Mutex

	stdoutR     *os.File
	stdoutBusy  atomic.Bool
	stdoutMu    sync.Mutex
	loaded      = map[string]func(context.Context){}
	workerStart = time.Now()
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
	debug.SetMaxStack(512 << 20) // runaway recursion dies sooner than the 1 GB default
	captureStdout()
	if devnull, err := os.Open(os.DevNull); err == nil {
		os.Stdin = devnull
	}
	plots.SetSink(sink{})
	send(Event{Op: "ready"})

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
			case "interrupt":
				interrupt()
			case "input":
				select {
				case inputs <- c:
				default:
				}
			case "run":
				runs <- c
			case "ping":
				send(Event{Op: "pong"})
			}
		}
		os.Exit(0) // the kernel closed our commands: it is gone
	}()
	for c := range runs {
		status := run(c)
		flushStdout()
		send(Event{Op: "done", Status: status})
	}
}

// run loads the plugin of a cell (or reuses it) and runs it on its own
// goroutine, returning "ok", "error" or "interrupted".
func run(c Command) string {
	f, ok := loaded[c.Key]
	if !ok {
		p, err := plugin.Open(c.Plugin)
		if err != nil {
			send(Event{Op: "error", Ename: "LoadError", Evalue: err.Error(), Traceback: []string{"LoadError: " + err.Error()}})
			return "error"
		}
		sym, err := p.Lookup("Run")
		if err != nil {
			send(Event{Op: "error", Ename: "LoadError", Evalue: err.Error()})
			return "error"
		}
		fn, ok := sym.(func(context.Context))
		if !ok {
			send(Event{Op: "error", Ename: "LoadError", Evalue: fmt.Sprintf("Run has type %T", sym)})
			return "error"
		}
		f = fn
		loaded[c.Key] = f
	}
	ctx := beginCell()
	done := make(chan string, 1)
	go func() {
		returned := false
		defer func() {
			if returned {
				done <- "ok"
				return
			}
			if r := recover(); r != nil {
				reportPanic(r, debug.Stack())
				done <- "error"
				return
			}
			// runtime.Goexit from Check: the cell was interrupted.
			done <- "interrupted"
		}()
		f(ctx)
		returned = true
	}()
	status := <-done
	if status == "interrupted" || interrupted.Load() {
		if status != "error" {
			status = "interrupted"
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
	send(Event{Op: "error", Ename: "panic", Evalue: msg, Traceback: tb})
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
	go func() {
		buf := make([]byte, 64<<10)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				stdoutBusy.Store(true)
				text := string(buf[:n])
				// Do not split a UTF-8 sequence across two messages.
				for k := 0; k < 3 && n < len(buf) && !utf8Complete(text); k++ {
					m, _ := r.Read(buf[n : n+1])
					n += m
					text = string(buf[:n])
				}
				send(Event{Op: "stream", Name: "stdout", Text: text})
				stdoutBusy.Store(false)
			}
			if err != nil {
				if err != io.EOF {
					fmt.Fprintln(os.Stderr, "lingo worker: stdout:", err)
				}
				return
			}
		}
	}()
}

func utf8Complete(s string) bool {
	// Look at the last up to 3 bytes for an incomplete multi-byte sequence.
	for i := len(s) - 1; i >= 0 && i >= len(s)-3; i-- {
		c := s[i]
		if c < 0x80 {
			return true
		}
		if c >= 0xC0 { // lead byte: is the sequence complete?
			need := 2
			if c >= 0xE0 {
				need = 3
			}
			if c >= 0xF0 {
				need = 4
			}
			return len(s)-i >= need
		}
	}
	return true
}

// flushStdout waits until everything written to standard output has been
// forwarded, so an event sent next comes after it.
func flushStdout() {
	if stdoutR == nil {
		return
	}
	os.Stdout.Sync()
	deadline := time.Now().Add(2 * time.Second)
	for time.Now().Before(deadline) {
		n, err := pipeUnread(int(stdoutR.Fd()))
		if err != nil || (n == 0 && !stdoutBusy.Load()) {
			return
		}
		time.Sleep(100 * time.Microsecond)
		runtime.Gosched()
	}
}

// sink sends displays to the kernel.
type sink struct{}

func (sink) Display(b plots.Bundle, id string, update bool) error {
	flushStdout()
	send(Event{Op: "display", Data: b, ID: id, Update: update})
	return nil
}

func (sink) Clear(wait bool) error {
	flushStdout()
	send(Event{Op: "clear", Wait: wait})
	return nil
}
