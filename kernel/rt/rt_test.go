package rt

import (
	"errors"
	"io"
	"strconv"
	"testing"
	"time"
)

// fakeHost records what cell code sends.
type fakeHost struct {
	results [][]any
	fails   []error
	inputs  []string
}

func (h *fakeHost) Result(vs []any) { h.results = append(h.results, vs) }
func (h *fakeHost) Fail(err error)  { h.fails = append(h.fails, err) }
func (h *fakeHost) Input(prompt string, password bool) (string, bool) {
	if len(h.inputs) == 0 {
		return "", false
	}
	s := h.inputs[0]
	h.inputs = h.inputs[1:]
	return s, true
}

func withHost(t *testing.T) *fakeHost {
	h := &fakeHost{}
	old := host
	SetHost(h)
	t.Cleanup(func() { host = old })
	return h
}

func TestResultOrError(t *testing.T) {
	h := withHost(t)
	ResultOrError(strconv.Atoi("12"))
	if len(h.results) != 1 || h.results[0][0] != 12 || len(h.fails) != 0 {
		t.Errorf("Atoi(12): results %v, fails %v", h.results, h.fails)
	}
	ResultOrError(strconv.Atoi("x"))
	var ne *strconv.NumError
	if len(h.fails) != 1 || !errors.As(h.fails[0], &ne) || len(h.results) != 1 {
		t.Errorf("Atoi(x): results %v, fails %v", h.results, h.fails)
	}
	ResultOrError(error(nil)) // a call returning only a nil error shows nothing
	if len(h.results) != 1 || len(h.fails) != 1 {
		t.Errorf("nil error: results %v, fails %v", h.results, h.fails)
	}
	ResultUnlessWrite(3, nil)
	if len(h.results) != 1 {
		t.Errorf("(3, nil) of a write was shown: %v", h.results)
	}
}

// An interrupt ends Sleep and Check at once, and the next cell starts
// uninterrupted.
func TestInterrupt(t *testing.T) {
	ctx := BeginCell()
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		Sleep(time.Hour) // ends the goroutine when interrupted
		t.Error("Sleep returned instead of ending the goroutine")
	}()
	Interrupt()
	<-ended
	if !Interrupted() || ctx.Err() == nil {
		t.Errorf("after Interrupt: Interrupted %v, ctx.Err %v", Interrupted(), ctx.Err())
	}
	Interrupt() // twice is fine
	ctx = BeginCell()
	if Interrupted() || ctx.Err() != nil {
		t.Errorf("a new cell starts interrupted: %v, %v", Interrupted(), ctx.Err())
	}
	Check() // returns
}

func TestStdin(t *testing.T) {
	h := withHost(t)
	h.inputs = []string{"gopher"}
	b := make([]byte, 64)
	n, err := Stdin.Read(b)
	if err != nil || string(b[:n]) != "gopher\n" {
		t.Errorf("Read = %q, %v", b[:n], err)
	}
	if _, err := Stdin.Read(b); !errors.Is(err, ErrNoInput) {
		t.Errorf("with no input: err %v, want ErrNoInput", err)
	}
	var _ io.Reader = Stdin
}
