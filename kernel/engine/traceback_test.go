package engine

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Tracebacks name cells as the frontend shows them, In [N] → cell[N], and
// the functions as the user wrote them (issue 27 item 5: they showed
// "cell23:3 in r039974f778efa6dde2d6e427.Run").
func TestPanicTraceback(t *testing.T) {
	e := testEngine(t)
	mustRun(t, e, "func explode(xs []int) int {\n\treturn xs[5]\n}")
	decl := cellCount
	r, st := run(t, e, "n := 1\nexplode([]int{n})")
	if st != "error" || len(r.errs) != 1 {
		t.Fatalf("status %s, errors %q", st, r.errs)
	}
	tb := r.errs[0]
	for _, want := range []string{
		fmt.Sprintf("cell[%d] line 2 in explode\n      return xs[5]", decl),
		fmt.Sprintf("cell[%d] line 2\n      explode([]int{n})", cellCount),
	} {
		if !strings.Contains(tb, want) {
			t.Errorf("traceback lacks %q:\n%s", want, tb)
		}
	}
	r, _ = run(t, e, "func() {\n\tvar m map[string]int\n\tm[\"a\"] = 1\n}()")
	if want := fmt.Sprintf("cell[%d] line 3 in a function literal", cellCount); len(r.errs) != 1 || !strings.Contains(r.errs[0], want) {
		t.Errorf("closure traceback lacks %q: %q", want, r.errs)
	}
	for _, internal := range []string{"lingo.session", ".Run", "ẞ", "func1", "+0x"} {
		if strings.Contains(tb+r.errs[0], internal) {
			t.Errorf("traceback shows the internal %q:\n%s\n%s", internal, tb, r.errs[0])
		}
	}
}

// Runaway recursion kills the worker; the report is short and names the
// cell's frames (issue 27 item 6: 372 lines of runtime dump).
func TestStackOverflowReport(t *testing.T) {
	e := testEngine(t)
	mustRun(t, e, "func down(n int) int {\n\treturn down(n+1) + 1\n}") // compile time is not what is measured
	start := time.Now()
	r, st := run(t, e, "func down(n int) int {\n\treturn down(n+1) + 1\n}\ndown(0)")
	t.Logf("stack overflow reported after %v", time.Since(start))
	if st != "error" || len(r.errs) != 1 {
		t.Fatalf("status %s, errors %q", st, r.errs)
	}
	tb := strings.SplitN(r.errs[0], "\n", 2)[1] // after "ename: evalue"
	lines := strings.Split(tb, "\n")
	if len(lines) > 20 {
		t.Errorf("the report has %d lines, want ≤ 20:\n%s", len(lines), tb)
	}
	for _, want := range []string{"WorkerDied: ", "stack overflow", fmt.Sprintf("cell[%d] line 2 in down (", cellCount), "return down(n+1) + 1"} {
		if !strings.Contains(tb, want) {
			t.Errorf("report lacks %q:\n%s", want, tb)
		}
	}
	if s := r.stderr.String(); strings.Contains(s, "goroutine ") || strings.Contains(s, "runtime stack") {
		t.Errorf("the runtime's dump reached the cell's stderr:\n%.2000s", s)
	}
	mustRun(t, e, `fmt.Println("a fresh worker")`)
}

// Text that only looks like the start of a fatal error report is shown
// when the cell ends.
func TestStderrThatLooksLikeACrash(t *testing.T) {
	e := testEngine(t)
	r := mustRun(t, e, `fmt.Fprintln(os.Stderr, "before")
fmt.Fprintln(os.Stderr, "panic: not really")
fmt.Fprintln(os.Stderr, "after")`)
	if got := r.stderr.String(); got != "before\npanic: not really\nafter\n" {
		t.Errorf("stderr %q", got)
	}
}

// A panic on a nil session variable names the variable and the cell that
// set it last (issue 22 item 6).
func TestNilSessionVariable(t *testing.T) {
	e := testEngine(t)
	mustRun(t, e, "type model struct{ name string }\nfunc load(ok bool) (*model, error) {\n\tif !ok {\n\t\treturn nil, errors.New(\"no such file\")\n\t}\n\treturn &model{\"m\"}, nil\n}")
	mustRun(t, e, "mdl, err := load(true)\n_ = err")
	mustRun(t, e, "mdl, err = load(false)")
	setter := cellCount
	r, st := run(t, e, "fmt.Println(mdl.name)")
	want := fmt.Sprintf("mdl is nil (cell[%d] set it last)", setter)
	if st != "error" || len(r.errs) != 1 || !strings.Contains(r.errs[0], want) {
		t.Fatalf("errors %q, want one naming %q", r.errs, want)
	}
	r, _ = run(t, e, "var nm map[string]int\nnm[\"a\"] = 1")
	if want := "nm is nil (this cell sets it)"; len(r.errs) != 1 || !strings.Contains(r.errs[0], want) {
		t.Errorf("errors %q, want one naming %q", r.errs, want)
	}
}
