//go:build unix

package plots

import (
	"encoding/gob"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// The fake kernel below reads the pipe the way GoNB v0.11.1 does
// (internal/jpyexec/namedpipes.go, pollNamedPipeReader): one gob decoder
// over the FIFO, decoding into a struct shaped like protocol.DisplayData
// with a named MIME string type, answering sync requests on the back pipe.

type gonbMIMEType string

type gonbKernelData struct {
	Data      map[gonbMIMEType]any
	Metadata  map[string]any
	DisplayID string
}

type gonbAck struct {
	Address string
	Request bool
	Value   any
}

type fakeGoNB struct {
	pipe, back string
	msgs       chan gonbKernelData
	syncs      atomic.Int32
	ack        bool
}

func newFakeGoNB(t *testing.T, ack bool) *fakeGoNB {
	dir := t.TempDir()
	g := &fakeGoNB{pipe: filepath.Join(dir, "gonb_pipe_1"), back: filepath.Join(dir, "gonb_pipe_2"),
		msgs: make(chan gonbKernelData, 100), ack: ack}
	for _, p := range []string{g.pipe, g.back} {
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
	acks := make(chan *gonbAck, 10)
	go func() { // like openPipeWriter + pollPipeWriterFifo
		w, err := os.OpenFile(g.back, os.O_WRONLY, 0o600)
		if err != nil {
			return
		}
		defer w.Close()
		enc := gob.NewEncoder(w)
		for a := range acks {
			if enc.Encode(a) != nil {
				return
			}
		}
	}()
	go func() { // like openPipeReader + pollNamedPipeReader
		defer close(acks)
		defer close(g.msgs)
		r, err := os.Open(g.pipe)
		if err != nil {
			return
		}
		defer r.Close()
		dec := gob.NewDecoder(r)
		for {
			var d gonbKernelData
			err := dec.Decode(&d)
			if errors.Is(err, io.EOF) {
				return
			} else if err != nil {
				t.Errorf("fake GoNB: failed to parse message: %v", err)
				return
			}
			if v, ok := d.Data[gonbCommValue]; ok {
				req, ok := v.(gonbComm) // protocol.CommValue in GoNB
				if !ok {
					t.Errorf("comm value of type %T", v)
					return
				}
				if req.Address == gonbSyncAddress && g.ack {
					g.syncs.Add(1)
					acks <- &gonbAck{Address: gonbSyncAck, Value: req.Value}
				}
				continue
			}
			g.msgs <- d
		}
	}()
	return g
}

func (g *fakeGoNB) next(t *testing.T) gonbKernelData {
	t.Helper()
	select {
	case d := <-g.msgs:
		return d
	case <-time.After(5 * time.Second):
		t.Fatal("fake GoNB received nothing")
	}
	return gonbKernelData{}
}

func TestGoNBSinkFromEnv(t *testing.T) {
	g := newFakeGoNB(t, true)
	t.Setenv(gonbPipeEnv, g.pipe)
	t.Setenv(gonbPipeBackEnv, g.back)
	sink, ok := NewGoNBSinkFromEnv()
	if !ok {
		t.Fatal("GONB_PIPE set but no GoNB sink")
	}
	if _, isGoNB := defaultSink().(*GoNBSink); !isGoNB {
		t.Error("defaultSink does not select GoNB under GONB_PIPE")
	}
	old := SetSink(sink)
	defer SetSink(old)

	// A Lingo table displays in GoNB: HTML and text, with a display id.
	id := Display(nextWord())
	d := g.next(t)
	if html, _ := d.Data["text/html"].(string); !strings.Contains(html, `class="lingo-table"`) {
		t.Errorf("table HTML missing: %v", d.Data)
	}
	if txt, _ := d.Data["text/plain"].(string); !strings.Contains(txt, "company") {
		t.Errorf("table text missing: %v", d.Data)
	}
	if d.DisplayID != id {
		t.Errorf("DisplayID %q, want %q", d.DisplayID, id)
	}

	// An update reuses the id (GoNB then sends update_display_data).
	Update(id, NewTable("word").Row("replaced"))
	if d := g.next(t); d.DisplayID != id || !strings.Contains(d.Data["text/plain"].(string), "replaced") {
		t.Errorf("update: %q %v", d.DisplayID, d.Data)
	}

	// SVG is sent wrapped in HTML; JSON is dropped.
	Display(Bundle{MIMESVG: `<?xml version="1.0"?><svg></svg>`, MIMEJSON: `{"a":1}`, MIMEText: "svg"})
	d = g.next(t)
	if d.Data["text/html"] != "<div><svg></svg></div>" || d.Data[gonbMIMEType(MIMEJSON)] != nil || d.Data[gonbMIMEType(MIMESVG)] != nil {
		t.Errorf("svg bundle sent as %v", d.Data)
	}
	if g.syncs.Load() != 3 {
		t.Errorf("%d sync acknowledgements, want one per display (3)", g.syncs.Load())
	}
}

func TestGoNBSinkNoAck(t *testing.T) {
	// A GoNB that never acknowledges: the display still arrives, the sink
	// gives up syncing after the timeout instead of hanging.
	g := newFakeGoNB(t, false)
	s := &GoNBSink{Pipe: g.pipe, PipeBack: g.back, SyncTimeout: 100 * time.Millisecond}
	start := time.Now()
	if err := s.Display(Bundle{MIMEText: "hi"}, "x", false); err != nil {
		t.Fatal(err)
	}
	if err := s.Display(Bundle{MIMEText: "again"}, "x", true); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("took %v", el)
	}
	if g.next(t).Data["text/plain"] != "hi" || g.next(t).Data["text/plain"] != "again" {
		t.Error("displays lost")
	}
}

func TestGoNBSinkNoKernel(t *testing.T) {
	// A stale GONB_PIPE with no GoNB reading: an error, not a hang.
	dir := t.TempDir()
	p := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip(err)
	}
	s := &GoNBSink{Pipe: p, SyncTimeout: 50 * time.Millisecond}
	if err := s.Display(Bundle{MIMEText: "x"}, "", false); err == nil {
		t.Error("no error without a reader")
	}
}
