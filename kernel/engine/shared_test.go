package engine

import (
	"regexp"
	"testing"
)

// A panic's traceback names the frames of both cells: the function that
// panicked and the cell that called it. (Linked against the shared worker,
// a cell's Run had name offset 0 in its module, which the runtime reads as
// no name, and the traceback dropped that frame; see linkerPatches.)
func TestPanicTracebackNamesCallingCell(t *testing.T) {
	e := testEngine(t)
	mustRun(t, e, "func explodeAt(xs []int) int {\n\treturn xs[5]\n}")
	r, st := run(t, e, "k := 1\nexplodeAt([]int{k})")
	if st != "error" || len(r.errs) != 1 {
		t.Fatalf("status %s, errors %q; want one panic", st, r.errs)
	}
	tb := r.errs[0]
	for _, re := range []string{`cell\d+:2 in explodeAt`, `cell\d+:2 in \S*Run`, `explodeAt\(\[\]int\{k\}\)`} {
		if !regexp.MustCompile(re).MatchString(tb) {
			t.Errorf("traceback lacks %s:\n%s", re, tb)
		}
	}
}
