package rt

import (
	"context"
	"errors"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lingo-nlp/lingo/plots"
)

var interrupted atomic.Bool

// Check ends the calling goroutine if the running cell has been
// interrupted. The cell compiler puts a call at the top of every loop body;
// it costs one atomic load.
func Check() {
	if interrupted.Load() {
		runtime.Goexit()
	}
}

// Interrupted reports whether the current cell has been interrupted.
func Interrupted() bool { return interrupted.Load() }

// Sleep is time.Sleep that wakes up early, and ends the goroutine, when the
// cell is interrupted.
func Sleep(d time.Duration) {
	if d <= 0 {
		Check()
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-cellDone():
		runtime.Goexit()
	}
}

var (
	ctxMu     sync.Mutex
	cellCtx   context.Context = context.Background()
	cellStop  context.CancelFunc
	stopChan  = make(chan struct{})
	resultsMu sync.Mutex
)

func cellDone() <-chan struct{} {
	ctxMu.Lock()
	defer ctxMu.Unlock()
	return stopChan
}

// beginCell resets the interrupt state and returns the cell's context.
func beginCell() context.Context {
	ctxMu.Lock()
	defer ctxMu.Unlock()
	interrupted.Store(false)
	stopChan = make(chan struct{})
	cellCtx, cellStop = context.WithCancel(context.Background())
	return cellCtx
}

// interrupt cancels the running cell: loops stop at their next Check,
// sleeps wake, and the cell's context is cancelled.
func interrupt() {
	ctxMu.Lock()
	defer ctxMu.Unlock()
	if interrupted.Swap(true) {
		return
	}
	close(stopChan)
	if cellStop != nil {
		cellStop()
	}
}

// Result displays the value of a cell's last expression as its
// execute_result. A call that returns several values shows them all.
func Result(vs ...any) {
	var b plots.Bundle
	switch len(vs) {
	case 0:
		return
	case 1:
		if _, ok := vs[0].(plots.DisplayID); ok {
			return // the value of plots.Display(…): nothing more to show
		}
		b = plots.Render(vs[0])
	default:
		b = plots.Render(vs)
	}
	flushStdout()
	send(Event{Op: "result", Data: b})
}

// ResultUnlessWrite is Result for calls returning (n int, err error), such
// as fmt.Println: nothing is shown unless err is not nil.
func ResultUnlessWrite(n int, err error) {
	if err != nil {
		Result(n, err)
	}
}

// Stdin reads from the notebook: when the cell reads and no typed text is
// left, the kernel asks the user (input_request). It stands in for os.Stdin
// in cell code.
var Stdin io.Reader = &stdinReader{}

type stdinReader struct {
	mu  sync.Mutex
	buf []byte
}

// ErrNoInput is returned when the frontend does not accept input.
var ErrNoInput = errors.New("lingo: this frontend does not support input (allow_stdin is false)")

func (r *stdinReader) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.buf) == 0 {
		flushStdout()
		send(Event{Op: "input_request", Text: ""})
		select {
		case c := <-inputs:
			if c.EOF {
				return 0, ErrNoInput
			}
			r.buf = append(r.buf, c.Text...)
			r.buf = append(r.buf, '\n')
		case <-cellDone():
			runtime.Goexit()
		}
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// Input shows prompt and returns the line the user types (without the
// newline), like Python's input().
func Input(prompt string) (string, error) {
	flushStdout()
	send(Event{Op: "input_request", Text: prompt})
	select {
	case c := <-inputs:
		if c.EOF {
			return "", ErrNoInput
		}
		return c.Text, nil
	case <-cellDone():
		runtime.Goexit()
	}
	return "", nil
}

var inputs = make(chan Command, 1)
