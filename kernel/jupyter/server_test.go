package jupyter

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"
)

// fakeExec is an Executor whose Execute is the test's function.
type fakeExec struct {
	execute func(ctx context.Context, code string, out Output) error
}

func (f *fakeExec) Execute(ctx context.Context, c Cell, out Output) error {
	return f.execute(ctx, c.Code, out)
}
func (f *fakeExec) Complete(string, int) Completion           { return Completion{} }
func (f *fakeExec) Inspect(string, int, int) Inspection       { return Inspection{} }
func (f *fakeExec) IsComplete(string) (status, indent string) { return "complete", "" }
func (f *fakeExec) Close()                                    {}

// testClient talks to a Server started by startServer.
type testClient struct {
	t              *testing.T
	sig            signer
	shell, control socket
}

// startServer serves exec on free local ports; hooks are installed before
// the server starts.
func startServer(t *testing.T, exec Executor, h hooks) (*Server, *testClient) {
	t.Helper()
	ports, err := freePorts(5)
	if err != nil {
		t.Fatal(err)
	}
	ci := &ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: ports[0], IOPubPort: ports[1],
		StdinPort: ports[2], ControlPort: ports[3], HBPort: ports[4], Key: "test-key"}
	s, err := NewServer(ci, Config{Executor: exec})
	if err != nil {
		t.Fatal(err)
	}
	s.hooks = h
	served := make(chan struct{})
	go func() { s.Serve(); close(served) }()
	c := &testClient{t: t, sig: signer{key: []byte(ci.Key)}}
	if c.shell, err = dial(dealer, ci.addr(ci.ShellPort)); err != nil {
		t.Fatal(err)
	}
	if c.control, err = dial(dealer, ci.addr(ci.ControlPort)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.send(c.control, "shutdown_request", map[string]any{"restart": false})
		<-served
		c.shell.Close()
		c.control.Close()
	})
	return s, c
}

func (c *testClient) send(sock socket, typ string, content any) *Message {
	c.t.Helper()
	m, err := newMessage(typ, "test", nil, content)
	if err != nil {
		c.t.Fatal(err)
	}
	frames, err := c.sig.Encode(m)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := sock.Send(frames); err != nil {
		c.t.Fatal(err)
	}
	return m
}

// recv returns the next message on sock, failing the test if none comes
// within a minute.
func (c *testClient) recv(sock socket) *Message {
	c.t.Helper()
	ch := make(chan *Message, 1)
	errc := make(chan error, 1)
	go func() {
		frames, err := sock.Recv()
		if err != nil {
			errc <- err
			return
		}
		m, err := c.sig.Decode(frames)
		if err != nil {
			errc <- err
			return
		}
		ch <- m
	}()
	select {
	case m := <-ch:
		return m
	case err := <-errc:
		c.t.Fatal(err)
	case <-time.After(time.Minute):
		c.t.Fatal("no reply within a minute")
	}
	return nil
}

func content(t *testing.T, m *Message) map[string]any {
	t.Helper()
	var c map[string]any
	if err := json.Unmarshal(m.Content, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// An interrupt ends every cell requested before it, even one still waiting
// in the queue: it starts with its context cancelled (issue 27 item 1).
func TestInterruptEndsQueuedCell(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	ctxErr := make(chan error, 1)
	exec := &fakeExec{execute: func(ctx context.Context, code string, out Output) error {
		if code == "first" {
			close(started)
			<-release // a cell that ignores the interrupt and then succeeds
			return nil
		}
		ctxErr <- ctx.Err()
		if ctx.Err() != nil {
			out.Error("Interrupted", "before it ran", nil)
			return ctx.Err()
		}
		return nil
	}}
	queued := make(chan struct{}, 2)
	_, c := startServer(t, exec, hooks{queued: func() { queued <- struct{}{} }})
	req := func(code string) map[string]any {
		return map[string]any{"code": code, "silent": false, "stop_on_error": false}
	}
	first := c.send(c.shell, "execute_request", req("first"))
	<-queued
	<-started
	second := c.send(c.shell, "execute_request", req("second"))
	<-queued
	c.send(c.control, "interrupt_request", map[string]any{})
	if r := c.recv(c.control); r.Header.MsgType != "interrupt_reply" {
		t.Fatalf("got %s, want interrupt_reply", r.Header.MsgType)
	}
	close(release)
	replies := map[string]map[string]any{}
	for range 2 {
		r := c.recv(c.shell)
		var parent Header
		if err := json.Unmarshal(r.Parent, &parent); err != nil {
			t.Fatal(err)
		}
		replies[parent.MsgID] = content(t, r)
	}
	if st := replies[first.Header.MsgID]["status"]; st != "ok" {
		t.Errorf("first cell: status %v, want ok", st)
	}
	if err := <-ctxErr; !errors.Is(err, context.Canceled) {
		t.Errorf("the queued cell started with ctx error %v, want context.Canceled", err)
	}
	if r := replies[second.Header.MsgID]; r["status"] != "error" || r["ename"] != "Interrupted" {
		t.Errorf("queued cell: reply %v, want an Interrupted error", r)
	}
	// A cell requested after the interrupt runs normally.
	c.send(c.shell, "execute_request", req("third"))
	c.recv(c.shell)
	if err := <-ctxErr; err != nil {
		t.Errorf("a cell requested after the interrupt started with ctx error %v", err)
	}
}

// A request whose content does not decode is answered with an error and
// never executed.
func TestBadContentIsAnswered(t *testing.T) {
	exec := &fakeExec{execute: func(ctx context.Context, code string, out Output) error {
		t.Errorf("executed %q", code)
		return nil
	}}
	_, c := startServer(t, exec, hooks{})
	for _, tc := range []struct {
		typ     string
		content map[string]any
	}{
		{"execute_request", map[string]any{"code": 5}},
		{"is_complete_request", map[string]any{"code": []int{1}}},
		{"complete_request", map[string]any{"code": "x", "cursor_pos": "end"}},
		{"history_request", map[string]any{"hist_access_type": "tail", "n": "ten"}},
	} {
		t.Run(tc.typ, func(t *testing.T) {
			c.send(c.shell, tc.typ, tc.content)
			r := c.recv(c.shell)
			want := tc.typ[:len(tc.typ)-len("request")] + "reply"
			got := content(t, r)
			if r.Header.MsgType != want || got["status"] != "error" || got["ename"] != "BadRequest" {
				t.Errorf("reply %s %v, want %s with status error, ename BadRequest", r.Header.MsgType, got, want)
			}
		})
	}
}
