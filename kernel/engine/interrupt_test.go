package engine

import (
	"context"
	"strings"
	"testing"
	"time"
)

// notifier is a recorder that calls onStream with each stream text.
type notifier struct {
	recorder
	onStream func(text string)
}

func (n *notifier) Stream(name, text string) {
	n.recorder.Stream(name, text)
	if n.onStream != nil {
		n.onStream(text)
	}
}

// execute runs code with ctx and fails the test if the cell has not ended
// after a minute (a lost interrupt leaves it running forever).
func execute(t *testing.T, e *Engine, ctx context.Context, code string, out *notifier) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- e.Execute(ctx, nextCell(code), out) }()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Minute):
		t.Fatalf("cell %q has not ended a minute after it was interrupted", code)
		return nil
	}
}

// An interrupt at any moment from the request to the reply ends the cell
// with Interrupted; a cell interrupted before it runs does not run
// (issue 27 item 1: an interrupt during the compile used to be lost and the
// cell ran forever).
func TestInterruptAtEveryStage(t *testing.T) {
	e := testEngine(t)
	mustRun(t, e, `keptAcrossInterrupts := 7`)
	stages := []struct {
		name    string
		set     func(h *hooks, cancel func())
		mayRun  bool // the worker already has the cell
		inCells bool // cancel when the cell prints "started"
	}{
		{"before the request is taken", func(h *hooks, cancel func()) { cancel() }, false, false},
		{"after type-checking", func(h *hooks, cancel func()) { h.afterCheck = cancel }, false, false},
		{"after the build", func(h *hooks, cancel func()) { h.afterBuild = cancel }, false, false},
		{"as the run is sent", func(h *hooks, cancel func()) { h.beforeRun = cancel }, true, false},
		{"while the cell runs", func(h *hooks, cancel func()) {}, true, true},
	}
	for i, st := range stages {
		t.Run(st.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			e.hooks = hooks{}
			defer func() { e.hooks = hooks{} }()
			st.set(&e.hooks, cancel)
			out := &notifier{}
			if st.inCells {
				out.onStream = func(text string) {
					if strings.Contains(text, "started") {
						cancel()
					}
				}
			}
			// A different cell each time, so no plugin is reused.
			code := "fmt.Println(\"started\")\nn := " + string(rune('0'+i)) + "\nfor { n++ }"
			err := execute(t, e, ctx, code, out)
			if err == nil {
				t.Fatal("an interrupted cell succeeded")
			}
			if len(out.errs) != 1 || !strings.HasPrefix(out.errs[0], "Interrupted:") {
				t.Fatalf("errors %q, want one Interrupted", out.errs)
			}
			if !st.mayRun && out.stdout.String() != "" {
				t.Errorf("a cell interrupted before it ran printed %q", out.stdout.String())
			}
		})
	}
	e.hooks = hooks{}
	if r := mustRun(t, e, `keptAcrossInterrupts`); len(r.results) != 1 || r.results[0]["text/plain"] != "7" {
		t.Fatalf("after the interrupts: %v, %v", r.results, r.errs)
	}
}

// An interrupt kills a shell command and what it started (issue 27 item 4:
// !sleep 15 could not be interrupted).
func TestInterruptShellCommand(t *testing.T) {
	e := testEngine(t)
	for _, code := range []string{"!echo started; sleep 600", "%%sh\necho started\nsleep 600 & sleep 600\n"} {
		ctx, cancel := context.WithCancel(context.Background())
		out := &notifier{onStream: func(text string) {
			if strings.Contains(text, "started") {
				cancel()
			}
		}}
		if err := execute(t, e, ctx, code, out); err == nil {
			t.Fatalf("%q: an interrupted shell command succeeded", code)
		}
		if len(out.errs) != 1 || !strings.HasPrefix(out.errs[0], "Interrupted:") {
			t.Fatalf("%q: errors %q, want one Interrupted", code, out.errs)
		}
		cancel()
	}
}
