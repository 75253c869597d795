//go:build unix

package plots

import (
	"encoding/gob"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
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
	if d.DisplayID != string(id) {
		t.Errorf("DisplayID %q, want %q", d.DisplayID, id)
	}

	// An update reuses the id (GoNB then sends update_display_data).
	Update(id, NewTable("word").Row("replaced"))
	if d := g.next(t); d.DisplayID != string(id) || !strings.Contains(d.Data["text/plain"].(string), "replaced") {
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

// TestGoNBRealProtocol builds testdata/gonbreader, a GoNB-side reader
// compiled against the real gonbui/protocol package, and shows a Lingo
// table and an update through GoNBSink. It needs
// github.com/janpfeifer/gonb@v0.11.1 in the module cache (go mod download
// it once; the test never downloads) and skips otherwise.
func TestGoNBRealProtocol(t *testing.T) {
	gomodcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Skip("no go command:", err)
	}
	if _, err := os.Stat(filepath.Join(strings.TrimSpace(string(gomodcache)), "github.com/janpfeifer/gonb@v0.11.1")); err != nil {
		t.Skip("github.com/janpfeifer/gonb@v0.11.1 is not in the module cache; " +
			"run `go mod download github.com/janpfeifer/gonb@v0.11.1` in a scratch module to enable this test")
	}
	dir := t.TempDir()
	for _, f := range []string{"go.mod", "go.sum", "main.go"} {
		b, err := os.ReadFile(filepath.Join("testdata", "gonbreader", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(dir, "gonbreader")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOSUMDB=off", "GOWORK=off")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the GoNB reader: %v\n%s", err, out)
	}
	pipe, back := filepath.Join(dir, "pipe"), filepath.Join(dir, "back")
	for _, p := range []string{pipe, back} {
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Skip(err)
		}
	}
	reader := exec.Command(bin, pipe, back)
	var stdout, stderr strings.Builder
	reader.Stdout, reader.Stderr = &stdout, &stderr
	if err := reader.Start(); err != nil {
		t.Fatal(err)
	}
	s := &GoNBSink{Pipe: pipe, PipeBack: back}
	if err := s.Display(nextWord().Render(), "lingo-t", false); err != nil {
		t.Fatal(err)
	}
	if err := s.Display(NewTable("word").Row("replaced").Render(), "lingo-t", true); err != nil {
		t.Fatal(err)
	}
	if s.noSync {
		t.Error("GoNB did not acknowledge the displays")
	}
	s.w.Close()
	if err := reader.Wait(); err != nil {
		t.Fatalf("reader: %v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("reader printed %d messages, want 2:\n%s", len(lines), stdout.String())
	}
	type msg struct {
		MsgType string `json:"msg_type"`
		Content struct {
			Data      map[string]string `json:"data"`
			Transient map[string]string `json:"transient"`
		} `json:"content"`
	}
	var first, second msg
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil {
		t.Fatal(err)
	}
	if first.MsgType != "display_data" || !strings.Contains(first.Content.Data["text/html"], "lingo-table") ||
		first.Content.Transient["display_id"] != "lingo-t" {
		t.Errorf("first message: %+v", first)
	}
	if second.MsgType != "update_display_data" || !strings.Contains(second.Content.Data["text/plain"], "replaced") {
		t.Errorf("second message: %+v", second)
	}
}
