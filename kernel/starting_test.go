package kernel

import (
	"context"
	"os"
	"path/filepath"
	"strings"
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
