package engine

import (
	"encoding/json"
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

// The first cells of lessons 02 and 03 (LINGO_SCALE=ci) run in one
// session. Linking lesson 03's tenth cell, whose plugin takes packages from
// both shared libraries and links others (nlp/vec, nlp/word2vec, ...)
// statically, failed with "can't find relocation in type:... at offset
// 104": the linker looked a type of libcore.so up in librest.so, which only
// imports it (see linkerPatches). Which cell trips it depends on what the
// session linked before, so the test replays the lessons.
func TestLessonCellsLinkAgainstBothLibraries(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 22 lesson cells")
	}
	t.Setenv("LINGO_SCALE", "ci") // before the worker starts
	e, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	for _, lesson := range []struct {
		file  string
		cells int
	}{{"02-word-vectors", 12}, {"03-word2vec", 10}} {
		b, err := os.ReadFile(filepath.Join("..", "..", "notebooks", lesson.file+".ipynb"))
		if err != nil {
			t.Fatal(err)
		}
		var nb struct {
			Cells []struct {
				Type   string          `json:"cell_type"`
				Source json.RawMessage `json:"source"` // a string or a list of lines

			} `json:"cells"`
		}
		if err := json.Unmarshal(b, &nb); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, c := range nb.Cells {
			if c.Type != "code" || n == lesson.cells {
				continue
			}
			n++
			var src string
			if json.Unmarshal(c.Source, &src) != nil {
				var lines []string
				if err := json.Unmarshal(c.Source, &lines); err != nil {
					t.Fatalf("%s, code cell %d: source: %v", lesson.file, n, err)
				}
				src = strings.Join(lines, "")
			}
			if r, st := run(t, e, src); st != "ok" {
				t.Fatalf("%s, code cell %d: %q", lesson.file, n, r.errs)
			}
		}
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

// A system install's shared worker (built by lingo warm --system into the
// system cache) is used by a user whose own cache has none, so a hub's
// students do not each link the same libraries into their homes; one that
// someone else could have rewritten is refused.
func TestSystemSharedWorker(t *testing.T) {
	sys := t.TempDir()
	os.Chmod(sys, 0o755)
	t.Setenv(SystemCacheEnv, sys)
	const key = "0123456789abcdef0123"
	dir := filepath.Join(sys, "workers", "shared-"+key)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(filepath.Join(sys, "workers"), 0o755)
	files := map[string]string{
		sharedManifest:  "fmt\t/cache/fmt-d\tlibcore.so\ngithub.com/lingo-nlp/lingo/nlp/text\t/cache/text-d\tlibrest.so\n",
		"libcore.so":    "core",
		"librest.so":    "rest",
		"worker-" + key: "worker",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sw, ok := systemSharedWorker(key)
	if !ok || sw.dir != dir || sw.bin != filepath.Join(dir, "worker-"+key) || sw.pkgs["fmt"].lib != filepath.Join(dir, "libcore.so") || len(sw.pkgs) != 2 {
		t.Fatalf("systemSharedWorker: %+v, %v; want the worker in %s with 2 packages", sw, ok, dir)
	}
	if _, ok := systemSharedWorker("fedcba9876543210fedc"); ok {
		t.Error("a key with no shared worker was found")
	}
	t.Setenv(SystemCacheEnv, "")
	if _, ok := systemSharedWorker(key); ok {
		t.Error("found without a system cache")
	}
	t.Setenv(SystemCacheEnv, sys)
	os.Chmod(filepath.Join(dir, "librest.so"), 0o666)
	if _, ok := systemSharedWorker(key); ok {
		t.Error("a library writable by others was accepted")
	}
	os.Chmod(filepath.Join(dir, "librest.so"), 0o644)
	os.Chmod(filepath.Join(sys, "workers"), 0o777)
	if _, ok := systemSharedWorker(key); ok {
		t.Error("a workers directory writable by others was accepted")
	}
	os.Chmod(filepath.Join(sys, "workers"), 0o755)
	os.Remove(filepath.Join(dir, "worker-"+key))
	os.Symlink("/bin/true", filepath.Join(dir, "worker-"+key))
	if _, ok := systemSharedWorker(key); ok {
		t.Error("a worker that is a symbolic link was accepted")
	}
}
