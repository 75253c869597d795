package jupyter

import (
	"context"
	"encoding/json"
	"testing"
	"time"
)

// A front end that sends kernel_info_request before its iopub subscription
// has reached the kernel still sees the request's "busy" on iopub: the
// kernel waits for a subscriber first. jupyter_client checks iopub this way
// on every start and asked again 0.2 s later when the status was lost.
func TestKernelInfoWaitsForIOPubSubscriber(t *testing.T) {
	old := iopubWait
	iopubWait = time.Minute // the test must not depend on how fast the SUB connects
	defer func() { iopubWait = old }()
	exec := &fakeExec{execute: func(ctx context.Context, code string, out Output) error { return nil }}
	s, c := startServer(t, exec, hooks{})
	req := c.send(c.shell, "kernel_info_request", map[string]any{})
	sub, err := dial(sub, s.ci.addr(s.ci.IOPubPort))
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Close()
	if r := c.recv(c.shell); r.Header.MsgType != "kernel_info_reply" {
		t.Fatalf("reply %s", r.Header.MsgType)
	}
	m := c.recv(sub)
	var parent Header
	if err := json.Unmarshal(m.Parent, &parent); err != nil {
		t.Fatal(err)
	}
	if m.Header.MsgType != "status" || parent.MsgID != req.Header.MsgID || content(t, m)["execution_state"] != "busy" {
		t.Fatalf("first iopub message: %s %v (parent %s), want the request's busy status", m.Header.MsgType, content(t, m), parent.MsgID)
	}
}
