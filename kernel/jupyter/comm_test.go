package jupyter

import (
	"context"
	"encoding/json"
	"testing"
	"time"
)

// commExec is an Executor that hosts comms: it records what the Server
// hands it and answers through its peer as the test says.
type commExec struct {
	fakeExec
	peer  CommPeer
	got   chan CommMsg
	cells chan Cell
}

func (e *commExec) SetCommPeer(p CommPeer) { e.peer = p }
func (e *commExec) HandleComm(m CommMsg)   { e.got <- m }
func (e *commExec) Execute(ctx context.Context, c Cell, out Output) error {
	e.cells <- c
	// A comm opened by the cell goes out with the cell's output.
	out.(CommOutput).Comm(CommMsg{Type: "comm_open", CommID: "k1", Target: "lingo.k", Data: json.RawMessage(`{"a":1}`),
		Metadata: json.RawMessage(`{"version":"2.1.0"}`), Buffers: [][]byte{[]byte("bin")}})
	return nil
}

// iopubOf subscribes to the server's iopub socket; the function it
// returns gives the next message of a type.
func iopubOf(t *testing.T, s *Server, c *testClient) func(typ string) *Message {
	sock, err := dial(sub, s.ci.addr(s.ci.IOPubPort))
	if err != nil {
		t.Fatal(err)
	}
	msgs := make(chan *Message, 64)
	go func() {
		for {
			frames, err := sock.Recv()
			if err != nil {
				close(msgs)
				return
			}
			if m, err := c.sig.Decode(frames); err == nil {
				msgs <- m
			}
		}
	}()
	t.Cleanup(func() { sock.Close() })
	// A SUB socket misses what is published before its subscription
	// arrives: ask for status messages until one comes.
	for subscribed := false; !subscribed; {
		c.send(c.shell, "kernel_info_request", map[string]any{})
		c.recv(c.shell)
		select {
		case <-msgs:
			subscribed = true
		case <-time.After(200 * time.Millisecond):
		}
	}
	return func(typ string) *Message {
		deadline := time.After(time.Minute)
		for {
			select {
			case m, ok := <-msgs:
				if !ok {
					t.Fatal("iopub closed")
				}
				if m.Header.MsgType == typ {
					return m
				}
			case <-deadline:
				t.Fatalf("no %s on iopub within a minute", typ)
			}
		}
	}
}

func parentID(t *testing.T, m *Message) string {
	var h Header
	if err := json.Unmarshal(m.Parent, &h); err != nil {
		t.Fatal(err)
	}
	return h.MsgID
}

// TestCommRouting: the Server hands the front end's comm messages to a
// CommHost with a Ref, lists open comms in comm_info by target, publishes
// the host's comm messages with the front-end message they answer as
// parent, and a cell's comm messages with its request as parent.
func TestCommRouting(t *testing.T) {
	exec := &commExec{got: make(chan CommMsg, 8), cells: make(chan Cell, 1)}
	s, c := startServer(t, exec, hooks{})
	next := iopubOf(t, s, c)

	open := c.send(c.shell, "comm_open", map[string]any{"comm_id": "f1", "target_name": "lingo.echo", "data": map[string]any{"x": 1}})
	m := <-exec.got
	if m.Type != "comm_open" || m.CommID != "f1" || m.Target != "lingo.echo" || string(m.Data) != `{"x":1}` || m.Ref == 0 {
		t.Fatalf("HandleComm got %+v", m)
	}
	exec.peer.SendComm(CommMsg{Type: "comm_msg", CommID: "f1", Data: json.RawMessage(`{"echo":true}`), Ref: m.Ref})
	echo := next("comm_msg")
	if parentID(t, echo) != open.Header.MsgID || string(echo.Content) != `{"comm_id":"f1","data":{"echo":true}}` {
		t.Errorf("echo %s with parent %s, want parent %s", echo.Content, parentID(t, echo), open.Header.MsgID)
	}

	exe := c.send(c.shell, "execute_request", map[string]any{"code": "x", "silent": false})
	if cell := <-exec.cells; cell.ID != "" {
		t.Errorf("cell id %q from a request without one", cell.ID)
	}
	ko := next("comm_open")
	if parentID(t, ko) != exe.Header.MsgID || string(ko.Metadata) != `{"version":"2.1.0"}` || len(ko.Buffers) != 1 || string(ko.Buffers[0]) != "bin" {
		t.Errorf("the cell's comm_open: parent %s, metadata %s, buffers %q", parentID(t, ko), ko.Metadata, ko.Buffers)
	}
	c.recv(c.shell) // execute_reply

	info := func(target string) map[string]any {
		c.send(c.shell, "comm_info_request", map[string]any{"target_name": target})
		return content(t, c.recv(c.shell))["comms"].(map[string]any)
	}
	if all := info(""); len(all) != 2 || all["f1"] == nil || all["k1"] == nil {
		t.Errorf("comm_info = %v, want f1 and k1", all)
	}
	if k := info("lingo.k"); len(k) != 1 || k["k1"] == nil {
		t.Errorf("comm_info(lingo.k) = %v", k)
	}
	c.send(c.shell, "comm_close", map[string]any{"comm_id": "f1", "data": map[string]any{}})
	if m := <-exec.got; m.Type != "comm_close" {
		t.Errorf("HandleComm got %s, want comm_close", m.Type)
	}
	exec.peer.SendComm(CommMsg{Type: "comm_close", CommID: "k1"})
	next("comm_close")
	if all := info(""); len(all) != 0 {
		t.Errorf("comm_info after closing both = %v", all)
	}

	// A cell id in the request's metadata reaches the executor.
	req, _ := newMessage("execute_request", "test", nil, map[string]any{"code": "y"})
	req.Metadata = json.RawMessage(`{"cellId":"c-42"}`)
	frames, _ := c.sig.Encode(req)
	if err := c.shell.Send(frames); err != nil {
		t.Fatal(err)
	}
	if cell := <-exec.cells; cell.ID != "c-42" {
		t.Errorf("cell id %q, want c-42", cell.ID)
	}
	c.recv(c.shell)
}

// Without a CommHost every comm the front end opens is closed again.
func TestCommWithoutHost(t *testing.T) {
	s, c := startServer(t, &fakeExec{execute: func(context.Context, string, Output) error { return nil }}, hooks{})
	next := iopubOf(t, s, c)
	open := c.send(c.shell, "comm_open", map[string]any{"comm_id": "f9", "target_name": "jupyter.widget", "data": map[string]any{}})
	cl := next("comm_close")
	if parentID(t, cl) != open.Header.MsgID || content(t, cl)["comm_id"] != "f9" {
		t.Errorf("comm_close %s", cl.Content)
	}
}
