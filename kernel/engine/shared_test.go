package engine

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
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
	for _, re := range []string{`cell\[\d+\] line 2 in explodeAt\n\s+return xs\[5\]`, `cell\[\d+\] line 2\n\s+explodeAt\(\[\]int\{k\}\)`} {
		if !regexp.MustCompile(re).MatchString(tb) {
			t.Errorf("traceback lacks %s:\n%s", re, tb)
		}
	}
}

// Lesson 02's embedding-map cells, shrunk: the second plugin links
// packages of both shared libraries and statically linked ones (nlp/vec,
// nlp/word2vec) and failed to link with "can't find relocation in
// type:twCBjoWQ at offset 104": the linker looked a libcore.so type up in
// librest.so, which only imports it; see linkerPatches.
func TestCellUsingBothSharedLibraries(t *testing.T) {
	e := testEngine(t)
	mustRun(t, e, "var coE *word2vec.Cooccurrence\nmaxWordsE := 3\nstartE := time.Now()\nvar kvE *vec.KeyedVectors\nfmt.Println(coE == nil, maxWordsE, startE.IsZero(), kvE == nil)")
	r := mustRun(t, e, `groupsE := map[string][]string{"months": {"january", "february"}, "numbers": {"two"}}
var labelsE, groupOfE []string
var pointsE [][]float64
for _, g := range []string{"months", "numbers"} {
	for _, w := range groupsE[g] {
		if kvE != nil {
			v, _ := kvE.Vector(w)
			_ = v
		}
		p := make([]float64, 2)
		for i, x := range vec.Unit([]float32{0, 2}) {
			p[i] = float64(x)
		}
		labelsE, groupOfE, pointsE = append(labelsE, w), append(groupOfE, g), append(pointsE, p)
	}
}
mapE := plots.NewEmbeddingMap("t", labelsE, pointsE)
mapE.Groups = groupOfE
mapE`)
	if len(r.results) != 1 || r.results[0]["image/svg+xml"] == "" {
		t.Fatalf("the embedding map was not displayed as SVG: %v", r.results)
	}
}

// A cached shared worker whose library others may rewrite is not used
// (the worker would load it).
func TestSharedWorkerRefusesForeignLibrary(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shared-x")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"worker-x", "libcore.so", "librest.so"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, sharedManifest), []byte("fmt\t/cache/fmt.a\tlibcore.so\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadSharedWorker(dir); err != nil {
		t.Fatalf("a private shared worker was refused: %v", err)
	}
	if err := os.Chmod(filepath.Join(dir, "librest.so"), 0o777); err != nil {
		t.Fatal(err)
	}
	if _, err := loadSharedWorker(dir); err == nil || !strings.Contains(err.Error(), "writable by others") {
		t.Fatalf("loadSharedWorker accepted a world-writable library: %v", err)
	}
}
