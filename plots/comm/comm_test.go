package comm

import (
	"encoding/json"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// recorder is a Transport that keeps what is sent.
type recorder struct {
	mu     sync.Mutex
	frames []Frame
}

func (r *recorder) Send(f Frame) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.frames = append(r.frames, f)
	return nil
}

func (r *recorder) take() []Frame {
	Flush()
	r.mu.Lock()
	defer r.mu.Unlock()
	fs := r.frames
	r.frames = nil
	return fs
}

func install(t *testing.T) *recorder {
	r := &recorder{}
	prev := SetTransport(r)
	t.Cleanup(func() { SetTransport(prev) })
	return r
}

func TestOpenSendClose(t *testing.T) {
	r := install(t)
	c, err := Open("t.open", map[string]any{"a": 1}, map[string]string{"version": "2.1.0"}, [][]byte{{1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Send(map[string]int{"x": 2}, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Reply(Message{Ref: 7}, json.RawMessage(`{"y":3}`), nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(nil); err != nil {
		t.Fatal(err)
	}
	_ = c.Send(map[string]int{"late": 1}, nil) // closed: nothing is sent
	_ = c.Close(nil)                           // closed: nothing is sent
	fs := r.take()
	want := []struct{ typ, data string }{{TypeOpen, `{"a":1}`}, {TypeMsg, `{"x":2}`}, {TypeMsg, `{"y":3}`}, {TypeClose, `{}`}}
	if len(fs) != len(want) {
		t.Fatalf("sent %d frames, want %d: %+v", len(fs), len(want), fs)
	}
	for i, w := range want {
		if fs[i].Type != w.typ || string(fs[i].Data) != w.data || fs[i].CommID != c.ID() {
			t.Errorf("frame %d = %s %s %s, want %s %s", i, fs[i].Type, fs[i].CommID, fs[i].Data, w.typ, w.data)
		}
	}
	if fs[0].Target != "t.open" || string(fs[0].Metadata) != `{"version":"2.1.0"}` || len(fs[0].Buffers) != 1 {
		t.Errorf("comm_open = %+v", fs[0])
	}
	if fs[2].Ref != 7 || fs[1].Ref != 0 {
		t.Errorf("refs = %d, %d; want 0 for Send, 7 for Reply", fs[1].Ref, fs[2].Ref)
	}
	if _, ok := Lookup(c.ID()); ok {
		t.Error("a closed comm is still listed")
	}
}

func TestDataMustBeObject(t *testing.T) {
	install(t)
	if _, err := Open("t.bad", []int{1}, nil, nil); err == nil || !strings.Contains(err.Error(), "JSON object") {
		t.Errorf("Open with an array: err = %v, want one about a JSON object", err)
	}
	c, _ := Open("t.ok", nil, nil, nil)
	if err := c.Send("text", nil); err == nil {
		t.Error("Send of a string: no error")
	}
}

func TestFrontEndOpens(t *testing.T) {
	r := install(t)
	var got []string
	RegisterTarget("t.echo", func(c *Comm, m Message) {
		got = append(got, "open "+string(m.Data))
		c.OnMessage(func(m Message) {
			got = append(got, "msg "+string(m.Data))
			_ = c.Reply(m, m.Data, m.Buffers)
		})
		c.OnClose(func(m Message) { got = append(got, "close") })
	})
	defer RegisterTarget("t.echo", nil)
	Deliver(Frame{Type: TypeOpen, CommID: "c1", Target: "t.echo", Data: json.RawMessage(`{"o":1}`)})
	Deliver(Frame{Type: TypeMsg, CommID: "c1", Data: json.RawMessage(`{"m":2}`), Buffers: [][]byte{[]byte("bin")}, Ref: 42})
	Deliver(Frame{Type: TypeMsg, CommID: "nobody", Data: json.RawMessage(`{}`)}) // ignored
	Deliver(Frame{Type: TypeClose, CommID: "c1"})
	Deliver(Frame{Type: TypeMsg, CommID: "c1", Data: json.RawMessage(`{"m":3}`)}) // closed: ignored
	Deliver(Frame{Type: TypeOpen, CommID: "c2", Target: "t.unknown"})
	fs := r.take()
	if strings.Join(got, "|") != `open {"o":1}|msg {"m":2}|close` {
		t.Errorf("handlers saw %q", got)
	}
	if len(fs) != 2 {
		t.Fatalf("sent %+v, want the echo and a comm_close for the unknown target", fs)
	}
	if fs[0].Type != TypeMsg || fs[0].Ref != 42 || string(fs[0].Buffers[0]) != "bin" {
		t.Errorf("echo = %+v", fs[0])
	}
	if fs[1].Type != TypeClose || fs[1].CommID != "c2" {
		t.Errorf("answer to an unknown target = %+v, want comm_close of c2", fs[1])
	}
}

func TestHandlerFailuresDoNotStopDelivery(t *testing.T) {
	install(t)
	var n int
	RegisterTarget("t.fail", func(c *Comm, m Message) {
		c.OnMessage(func(m Message) {
			n++
			switch string(m.Data) {
			case `{"panic":true}`:
				panic("boom")
			case `{"exit":true}`:
				runtime.Goexit() // what an interrupted cell's loop check does
			}
		})
	})
	defer RegisterTarget("t.fail", nil)
	Deliver(Frame{Type: TypeOpen, CommID: "f1", Target: "t.fail"})
	for _, d := range []string{`{"panic":true}`, `{"exit":true}`, `{}`} {
		Deliver(Frame{Type: TypeMsg, CommID: "f1", Data: json.RawMessage(d)})
	}
	Flush()
	if n != 3 {
		t.Errorf("handler ran %d times, want 3 (after a panic and a Goexit)", n)
	}
}

func TestCloseOwned(t *testing.T) {
	r := install(t)
	SetOwner("cell-a")
	a1, _ := Open("t.w", nil, nil, nil)
	a2, _ := Open("t.w", nil, nil, nil)
	SetOwner("cell-b")
	b, _ := Open("t.w", nil, nil, nil)
	SetOwner("")
	free, _ := Open("t.w", nil, nil, nil)
	r.take()
	CloseOwned("cell-a")
	CloseOwned("")
	fs := r.take()
	closed := map[string]bool{}
	for _, f := range fs {
		if f.Type == TypeClose {
			closed[f.CommID] = true
		}
	}
	if len(fs) != 2 || !closed[a1.ID()] || !closed[a2.ID()] {
		t.Errorf("CloseOwned(cell-a) sent %+v, want comm_close for %s and %s only", fs, a1.ID(), a2.ID())
	}
	if !a1.IsClosed() || b.IsClosed() || free.IsClosed() {
		t.Error("wrong comms closed")
	}
}

func TestNoTransport(t *testing.T) {
	prev := SetTransport(nil)
	defer SetTransport(prev)
	if Connected() {
		t.Error("Connected with no transport")
	}
	c, err := Open("t.none", nil, nil, nil)
	if err != nil || c.Send(map[string]int{}, nil) != nil || c.Close(nil) != nil {
		t.Errorf("one-sided comm failed: %v", err)
	}
}
