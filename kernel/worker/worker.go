package worker

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"plugin"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/lingo-nlp/lingo/kernel/limits"
	"github.com/lingo-nlp/lingo/kernel/rt"
	"github.com/lingo-nlp/lingo/plots"
	"github.com/lingo-nlp/lingo/plots/comm"
)

var (
	events   *json.Encoder
	eventsMu sync.Mutex

	// An interrupt names the run it stops. It may arrive before that run
	// begins (the commands are read on their own goroutine): interruptSeq
	// remembers it, and a run whose Seq it has reached never starts.
	interruptSeq atomic.Int64
	runningSeq   atomic.Int64

	cellFailed atomic.Bool // the running cell reported an error (host.Fail)

	loaded = map[string]*cellPlugin{} // by Command.Key
)

func send(e Event) {
	eventsMu.Lock()
	defer eventsMu.Unlock()
	if events != nil {
		e.Background = background(e.Op)
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
	// Processes a cell starts must not hold the kernel's pipes open.
	syscall.CloseOnExec(3)
	syscall.CloseOnExec(4)
	events = json.NewEncoder(out)
	debug.SetMaxStack(64 << 20) // runaway recursion dies within seconds (Go's default is 1 GB)
	limitMemory()
	captureStdout()
	if devnull, err := os.Open(os.DevNull); err == nil {
		os.Stdin = devnull
	}
	plots.SetSink(sink{})
	rt.SetHost(host{})
	comm.SetTransport(commTransport{})
	dir, env := changes()
	send(Event{Op: EvReady, Dir: dir, Env: env})

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
				interruptSeq.Store(c.Seq)
				if runningSeq.Load() == c.Seq {
					rt.Interrupt()
				}
			case CmdInput:
				select {
				case inputs <- c:
				default:
				}
			case CmdRun:
				runs <- c
			case CmdPing:
				send(Event{Op: EvPong})
			case CmdComm:
				deliverComm(c)
			case CmdInterruptIdle:
				if runningSeq.Load() == 0 {
					rt.Interrupt()
				}
			}
		}
		os.Exit(0) // the kernel closed our commands: it is gone
	}()
	for c := range runs {
		repairStdio()
		beginRun(c.Cell)
		status, elapsed := run(c)
		flushStdout()
		_, _ = stderrOwn.WriteString(StderrMarker)
		dir, env := changes()
		endRun(Event{Op: EvDone, Status: status, Elapsed: elapsed, Dir: dir, Env: env})
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

var lastEnv []string

// changes returns the working directory, and the environment if it changed
// since the last call (else nil): cells may change both, and the kernel's
// magics follow.
func changes() (dir string, env []string) {
	dir, _ = os.Getwd()
	env = os.Environ()
	if slices.Equal(env, lastEnv) {
		return dir, nil
	}
	lastEnv = env
	return dir, env
}

// run loads the plugin of a cell (or reuses it) and runs it on its own
// goroutine, and says how it ended and how long the cell's code ran.
func run(c Command) (Status, time.Duration) {
	if interruptSeq.Load() >= c.Seq {
		return StatusInterrupted, 0
	}
	cp, ok := loaded[c.Key]
	if !ok {
		p, err := plugin.Open(c.Plugin)
		if err != nil {
			send(Event{Op: EvError, Ename: "LoadError", Evalue: err.Error(), Traceback: []string{"LoadError: " + err.Error()}})
			return StatusError, 0
		}
		// The file is no longer needed: the plugin stays mapped, and a
		// cell run again is found by its key.
		os.Remove(c.Plugin)
		sym, err := p.Lookup("Run")
		if err != nil {
			send(Event{Op: EvError, Ename: "LoadError", Evalue: err.Error()})
			return StatusError, 0
		}
		fn, ok := sym.(func(context.Context))
		if !ok {
			send(Event{Op: EvError, Ename: "LoadError", Evalue: fmt.Sprintf("Run has type %T", sym)})
			return StatusError, 0
		}
		cp = &cellPlugin{run: fn}
		if sym, err := p.Lookup("NilVars"); err == nil {
			cp.nilVars, _ = sym.(func() []string)
		}
		loaded[c.Key] = cp
	}
	// Begin, then publish the run's number, then look for an interrupt that
	// came first: either this goroutine sees the interrupt's number, or the
	// command reader sees this run's and interrupts it after BeginCell.
	cellFailed.Store(false)
	ctx := rt.BeginCell()
	runningSeq.Store(c.Seq)
	defer runningSeq.Store(0)
	if interruptSeq.Load() >= c.Seq {
		return StatusInterrupted, 0
	}
	done := make(chan Status, 1)
	var elapsed time.Duration // set before done is sent
	go func() {
		returned := false
		defer func() {
			if returned {
				done <- StatusOK
				return
			}
			if r := recover(); r != nil {
				reportPanic(r, debug.Stack(), cp.nilVars)
				done <- StatusError
				return
			}
			// runtime.Goexit from Check: the cell was interrupted.
			done <- StatusInterrupted
		}()
		start := time.Now()
		defer func() { elapsed = time.Since(start) }()
		cp.run(ctx)
		returned = true
	}()
	status := <-done
	if status == StatusOK && cellFailed.Load() {
		status = StatusError
	}
	if status == StatusInterrupted || rt.Interrupted() {
		if status != StatusError {
			status = StatusInterrupted
		}
	}
	return status, elapsed
}

// cellPlugin is a loaded cell.
type cellPlugin struct {
	run     func(context.Context)
	nilVars func() []string // may be nil
}

// reportPanic sends a cell's panic. On a nil dereference it names the
// cell's session variables that are nil (nilVars, from the plugin).
func reportPanic(r any, stack []byte, nilVars func() []string) {
	flushStdout()
	msg := fmt.Sprint(r)
	if err, ok := r.(error); ok {
		msg = err.Error()
	}
	var nils []string
	if nilVars != nil && (strings.Contains(msg, "nil pointer dereference") || strings.Contains(msg, "nil map")) {
		func() {
			defer func() { recover() }()
			nils = nilVars()
		}()
	}
	// The kernel picks the frames that ran cells out of the stack.
	send(Event{Op: EvError, Ename: "panic", Evalue: msg, Traceback: []string{"panic: " + msg}, Stack: string(stack), NilVars: nils})
}
