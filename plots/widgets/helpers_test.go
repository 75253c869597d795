package widgets

import (
	"encoding/json"
	"sync"
	"testing"

	"github.com/lingo-nlp/lingo/plots"
	"github.com/lingo-nlp/lingo/plots/comm"
)

// wire records what the widgets send to the front end, as the kernel
// would publish it, and plays the front end's part.
type wire struct {
	mu       sync.Mutex
	frames   []comm.Frame
	displays []display
	refs     uint64
}

type display struct {
	b      plots.Bundle
	id     string
	update bool
}

func (w *wire) Send(f comm.Frame) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.frames = append(w.frames, f)
	return nil
}

func (w *wire) Display(b plots.Bundle, id string, update bool) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.displays = append(w.displays, display{b, id, update})
	return nil
}

func (w *wire) Clear(bool) error { return nil }

// take returns the frames sent since the last take, after every message
// delivered to the kernel side has been handled.
func (w *wire) take() []comm.Frame {
	comm.Flush()
	w.mu.Lock()
	defer w.mu.Unlock()
	fs := w.frames
	w.frames = nil
	return fs
}

func (w *wire) takeDisplays() []display {
	w.mu.Lock()
	defer w.mu.Unlock()
	ds := w.displays
	w.displays = nil
	return ds
}

// send delivers a comm_msg from the front end and returns its Ref.
func (w *wire) send(id string, data any) uint64 {
	b, err := json.Marshal(data)
	if err != nil {
		panic(err)
	}
	w.mu.Lock()
	w.refs++
	ref := w.refs
	w.mu.Unlock()
	comm.Deliver(comm.Frame{Type: comm.TypeMsg, CommID: id, Data: b, Ref: ref})
	return ref
}

// open delivers a comm_open from the front end.
func (w *wire) open(id, target string, data any) {
	b, _ := json.Marshal(data)
	comm.Deliver(comm.Frame{Type: comm.TypeOpen, CommID: id, Target: target, Data: b})
}

// session speaks protocol p to a recording wire for the test's length.
func session(t *testing.T, p Protocol) *wire {
	t.Helper()
	w := &wire{}
	prevT := comm.SetTransport(w)
	prevS := plots.SetSink(w)
	SetProtocol(p)
	t.Cleanup(func() {
		comm.Flush()
		comm.SetTransport(prevT)
		plots.SetSink(prevS)
		SetProtocol(0)
		protoMu.Lock()
		detected = 0
		protoMu.Unlock()
	})
	return w
}

// decoded is a frame's data as the wire carries it.
func decoded(t testing.TB, raw json.RawMessage) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("frame data %s: %v", raw, err)
	}
	return m
}

// content is the content of the comm message a frame becomes.
func content(f comm.Frame) map[string]any {
	var data any = map[string]any{}
	if len(f.Data) > 0 {
		_ = json.Unmarshal(f.Data, &data)
	}
	c := map[string]any{"comm_id": f.CommID, "data": data}
	if f.Type == comm.TypeOpen {
		c["target_name"] = f.Target
	}
	return c
}
