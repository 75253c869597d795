package jupyter

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

// recordSocket keeps what is sent on it.
type recordSocket struct {
	mu     sync.Mutex
	frames [][][]byte
}

func (r *recordSocket) Recv() ([][]byte, error) { select {} }
func (r *recordSocket) Send(f [][]byte) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.frames = append(r.frames, f)
	return nil
}
func (r *recordSocket) Close() error { return nil }

func (r *recordSocket) messages(t *testing.T, sig signer) []*Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	var ms []*Message
	for _, f := range r.frames {
		m, err := sig.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, m)
	}
	return ms
}

// A cell that writes 5,000 lines (as a print loop does, or a large print
// read from the pipe 64 KiB at a time) reaches the front end in a few
// stream messages, in order, and every other output waits for the text
// written before it. Before, each write was one message: 5,000 messages,
// and a front end reading slowly lost those past iopub's high-water mark
// (1,000), which is how a 100 MiB print lost part of its output.
func TestStreamIsCoalesced(t *testing.T) {
	iopub := &recordSocket{}
	s := &Server{sig: signer{key: []byte("k")}, session: "s", log: slog.New(slog.NewTextHandler(io.Discard, nil)), iopub: iopub}
	parent, err := newMessage("execute_request", "front", nil, map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	o := &jupyterOutput{s: s, parent: parent}
	var want strings.Builder
	for i := range 5000 {
		line := fmt.Sprintf("line %d\n", i)
		want.WriteString(line)
		o.Stream("stdout", line)
	}
	o.Display(map[string]string{"text/plain": "chart"}, "", false)
	o.Stream("stderr", "warning\n")
	o.Stream("stdout", "after\n")
	o.flushStream()

	var got strings.Builder
	var kinds []string
	streams := 0
	for _, m := range iopub.messages(t, s.sig) {
		c := content(t, m)
		switch m.Header.MsgType {
		case "stream":
			streams++
			if c["name"] == "stdout" && len(kinds) == 0 {
				got.WriteString(c["text"].(string))
				continue
			}
			kinds = append(kinds, fmt.Sprint(c["name"], ":", c["text"]))
		default:
			kinds = append(kinds, m.Header.MsgType)
		}
	}
	if got.String() != want.String() {
		t.Errorf("the stdout before the display: %d bytes, want the %d written, in order", got.Len(), want.Len())
	}
	if wantKinds := []string{"display_data", "stderr:warning\n", "stdout:after\n"}; fmt.Sprint(kinds) != fmt.Sprint(wantKinds) {
		t.Errorf("after the text: %q, want %q", kinds, wantKinds)
	}
	if streams > 50 {
		t.Errorf("%d stream messages for 5,002 writes; want them coalesced (≤ 50)", streams)
	}
}
