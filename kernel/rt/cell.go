package rt

import (
	"context"
	"errors"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Host is what the worker provides to cell code: it shows results, asks the
// user for input and flushes standard output. rt itself imports nothing
// heavy, so a cell's plugin links only what the cell uses.
type Host interface {
	Result(vs []any)
	// Fail reports err as the cell's error; the cell fails when it ends.
	Fail(err error)
	Input(prompt string, password bool) (text string, ok bool)
}

var host Host

// SetHost installs the worker's Host. Only the worker calls it.
func SetHost(h Host) { host = h }

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
	case <-Done():
		runtime.Goexit()
	}
}

var (
	ctxMu    sync.Mutex
	cellStop context.CancelFunc
	stopChan = make(chan struct{})
)

// Done is closed when the running cell is interrupted.
func Done() <-chan struct{} {
	ctxMu.Lock()
	defer ctxMu.Unlock()
	return stopChan
}

// BeginCell resets the interrupt state and returns the new cell's context.
// Only the worker calls it.
func BeginCell() context.Context {
	ctxMu.Lock()
	defer ctxMu.Unlock()
	interrupted.Store(false)
	stopChan = make(chan struct{})
	var ctx context.Context
	ctx, cellStop = context.WithCancel(context.Background())
	return ctx
}

// Interrupt cancels the running cell: loops stop at their next Check,
// sleeps wake, and the cell's context is cancelled. Only the worker calls it.
func Interrupt() {
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
	if len(vs) > 0 && host != nil {
		host.Result(vs)
	}
}

// ResultUnlessWrite is Result for calls returning (n int, err error), such
// as fmt.Println: nothing is shown unless err is not nil.
func ResultUnlessWrite(n int, err error) {
	if err != nil {
		Result(n, err)
	}
}

// ResultOrError is Result for a call whose last result is an error, such
// as strconv.Atoi or os.WriteFile: a non-nil error is shown as the cell's
// error (and the cell fails); otherwise the values before it are shown, if
// there are any.
func ResultOrError(vs ...any) {
	if len(vs) == 0 || host == nil {
		return
	}
	if err, _ := vs[len(vs)-1].(error); err != nil {
		host.Fail(err)
		return
	}
	Result(vs[:len(vs)-1]...)
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
		text, err := Input("")
		if err != nil {
			return 0, err
		}
		r.buf = append(r.buf, text...)
		r.buf = append(r.buf, '\n')
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// Input shows prompt and returns the line the user types (without the
// newline), like Python's input().
func Input(prompt string) (string, error) {
	if host == nil {
		return "", ErrNoInput
	}
	text, ok := host.Input(prompt, false)
	if !ok {
		return "", ErrNoInput
	}
	return text, nil
}
