package engine

import (
	"strconv"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/kernel/limits"
)

// TestWorkerMemoryLimit: a kernel given --memory 256M holds its worker to
// it. The worker's GOMEMLIMIT is 0.8 of the limit; a cell that keeps 1 GiB
// alive is stopped and reported as having run out of memory at that limit,
// not as a bare crash; the session goes on in a fresh worker, still
// limited. Without the limit the same worker would have grown to 1 GiB.
func TestWorkerMemoryLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts a worker")
	}
	e, err := New(Config{Limits: limits.Limits{Memory: 256 << 20, CPUs: 1}})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if l := e.Limits(); l.Memory != 256<<20 || l.MemoryFrom != "--memory" || !l.Enforce {
		t.Fatalf("limits %+v", l)
	}
	r := mustRun(t, e, `fmt.Println(debug.SetMemoryLimit(-1), runtime.GOMAXPROCS(0))`)
	want := strconv.Itoa(256<<20*8/10) + " 1\n"
	if got := r.stdout.String(); got != want {
		t.Fatalf("worker's GOMEMLIMIT and GOMAXPROCS: %q, want %q", got, want)
	}
	mustRun(t, e, `keep := 7`)
	r, st := run(t, e, `var hog [][]byte
for i := 0; i < 64; i++ {
	b := make([]byte, 16<<20)
	for j := 0; j < len(b); j += 4096 {
		b[j] = 1
	}
	hog = append(hog, b)
}
fmt.Println(len(hog))`)
	if st != "error" || len(r.errs) != 1 {
		t.Fatalf("the hog cell: status %s, errors %v", st, r.errs)
	}
	msg := r.errs[0]
	t.Log(msg)
	for _, want := range []string{"MemoryError: the cell ran out of memory", "256 MiB (--memory)", "session state", "fresh worker"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error should say %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "goroutine ") {
		t.Errorf("the error shows the runtime's goroutine dump:\n%s", msg)
	}
	// A fresh worker runs the next cell, under the same limit.
	r = mustRun(t, e, `fmt.Println(debug.SetMemoryLimit(-1))`)
	if got := r.stdout.String(); got != strconv.Itoa(256<<20*8/10)+"\n" {
		t.Errorf("after the restart GOMEMLIMIT is %q", got)
	}
	if _, st := run(t, e, `keep`); st != "error" {
		t.Errorf("keep survived the restart")
	}
}
