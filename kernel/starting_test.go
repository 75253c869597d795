package kernel

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/lingo-nlp/lingo/kernel/jupyter"
)

// errorOutput records the errors a cell reports.
type errorOutput struct{ errs []string }

func (o *errorOutput) Stream(string, string)                   {}
func (o *errorOutput) Display(map[string]string, string, bool) {}
func (o *errorOutput) Clear(bool)                              {}
func (o *errorOutput) Result(map[string]string)                {}
func (o *errorOutput) Input(string, bool) (string, bool)       { return "", false }
func (o *errorOutput) Error(ename, evalue string, tb []string) {
	o.errs = append(o.errs, ename+": "+evalue)
}

// The kernel listens before its engine exists; when the engine cannot be
// created, cells say why instead of the kernel dying at start (before, the
// process exited and the frontend only saw a dead kernel).
func TestStartingEngineReportsWhyItCannotRun(t *testing.T) {
	notADir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notADir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("LINGO_CACHE", notADir) // sessions cannot be created under a file
	s := newStartingEngine()
	s.start()
	out := &errorOutput{}
	if err := s.Execute(context.Background(), jupyter.Cell{Code: `fmt.Println(1)`, Count: 1}, out); err == nil {
		t.Fatal("Execute succeeded without an engine")
	}
	if len(out.errs) != 1 || !strings.HasPrefix(out.errs[0], "KernelError: lingo: creating") {
		t.Fatalf("errors = %q, want one KernelError saying what could not be created", out.errs)
	}
	if got := s.Complete("fm", 2); len(got.Matches) != 0 {
		t.Errorf("Complete without an engine = %+v, want no matches", got)
	}
	s.Close()
}

// commRecorder is a jupyter.CommPeer that keeps what is sent.
type commRecorder struct {
	mu   sync.Mutex
	sent []jupyter.CommMsg
}

func (c *commRecorder) SendComm(m jupyter.CommMsg) {
	c.mu.Lock()
	c.sent = append(c.sent, m)
	c.mu.Unlock()
}

// The kernel's Executor is a CommHost and can interrupt idle code, like the
// engine it wraps: without that the Server closed every comm a front end
// opened (ipywidgets' version comm, lingo.echo in test_comms.py) and
// comm_info listed none. A comm_open that arrives before the engine exists
// is kept; if the engine cannot be created, the comm is closed.
func TestStartingEngineHandlesComms(t *testing.T) {
	var x jupyter.Executor = newStartingEngine()
	if _, ok := x.(jupyter.CommHost); !ok {
		t.Fatal("startingEngine is not a jupyter.CommHost: the Server closes every comm the front end opens")
	}
	if _, ok := x.(interface{ InterruptIdle() }); !ok {
		t.Fatal("startingEngine has no InterruptIdle: an interrupt cannot stop a widget callback")
	}
	notADir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notADir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("LINGO_CACHE", notADir) // the engine cannot be created
	s := newStartingEngine()
	peer := &commRecorder{}
	s.SetCommPeer(peer)
	s.HandleComm(jupyter.CommMsg{Type: "comm_open", CommID: "c1", Target: "lingo.echo", Ref: 7}) // before start: kept
	s.start()
	<-s.ready
	s.HandleComm(jupyter.CommMsg{Type: "comm_open", CommID: "c2", Target: "lingo.echo", Ref: 8})
	s.InterruptIdle() // no engine: nothing to stop, must not panic
	peer.mu.Lock()
	defer peer.mu.Unlock()
	if len(peer.sent) != 2 || peer.sent[0].CommID != "c1" || peer.sent[1].CommID != "c2" ||
		peer.sent[0].Type != "comm_close" || peer.sent[0].Ref != 7 {
		t.Fatalf("sent %+v, want comm_close for c1 (ref 7) then c2", peer.sent)
	}
	s.Close()
}
