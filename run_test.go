package main

// Black-box tests of `lingo run` (issue 27 item 13): what it refuses, what
// it writes and how, and what a cell with a lot of output costs.

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// goNotebook has one code cell whose result is 2.
const goNotebook = `{"cells": [{"cell_type": "code", "metadata": {}, "source": "x := 2\nx", "outputs": [], "execution_count": null}],
 "metadata": {"kernelspec": {"name": "lingo", "display_name": "Go (Lingo)", "language": "go"}}, "nbformat": 4, "nbformat_minor": 5}
`

// lingoRun runs `lingo run args...` in dir and returns its exit code and
// stderr.
func lingoRun(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"run"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "LINGO_TEST_AS_LINGO=1")
	var stderr syncBuffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), stderr.String()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, stderr.String()
}

func writeNotebook(t *testing.T, path, src string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(src), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // past the umask
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// entries lists the names in dir.
func entries(t *testing.T, dir string) string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return strings.Join(names, " ")
}

// TestRunRefusesOtherLanguages: a Python notebook is neither executed as
// Go nor rewritten with a Go kernelspec.
func TestRunRefusesOtherLanguages(t *testing.T) {
	dir := t.TempDir()
	nb := filepath.Join(dir, "py.ipynb")
	src := `{"cells": [{"cell_type": "code", "metadata": {}, "source": "print('hi')", "outputs": [], "execution_count": null}],
 "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
  "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}`
	writeNotebook(t, nb, src, 0o644)
	for _, args := range [][]string{{nb}, {nb, "--inplace"}, {nb, "-o", nb}} {
		code, stderr := lingoRun(t, dir, args...)
		if code == 0 || !strings.Contains(stderr, "python notebook") {
			t.Errorf("lingo run %v: exit %d, said:\n%s\nwant a refusal naming the language", args, code, tail(stderr, 1000))
		}
		if read(t, nb) != src {
			t.Fatalf("lingo run %v rewrote the Python notebook", args)
		}
	}
}

// TestRunRequiresCells: a notebook without "cells" is an error, and is
// not rewritten with "cells": null.
func TestRunRequiresCells(t *testing.T) {
	dir := t.TempDir()
	nb := filepath.Join(dir, "empty.ipynb")
	src := `{"metadata": {}, "nbformat": 4, "nbformat_minor": 5}`
	writeNotebook(t, nb, src, 0o644)
	code, stderr := lingoRun(t, dir, nb, "-o", nb)
	if code == 0 || !strings.Contains(stderr, `"cells"`) {
		t.Errorf("exit %d, said:\n%s\nwant an error about the missing cells", code, tail(stderr, 1000))
	}
	if read(t, nb) != src {
		t.Fatal("the notebook was rewritten")
	}
}

// TestRunWritesOnlyWhatIsAsked: without -o, --inplace or --html, lingo
// run leaves the directory as it was (it used to rewrite the notebook in
// place, dirtying the checkout). --inplace writes the executed notebook
// over the original, keeping its permission bits.
func TestRunWritesOnlyWhatIsAsked(t *testing.T) {
	dir := t.TempDir()
	nb := filepath.Join(dir, "nb.ipynb")
	writeNotebook(t, nb, goNotebook, 0o640)
	if code, stderr := lingoRun(t, dir, nb); code != 0 {
		t.Fatalf("exit %d:\n%s", code, tail(stderr, 2000))
	}
	if read(t, nb) != goNotebook || entries(t, dir) != "nb.ipynb" {
		t.Fatalf("lingo run without -o/--inplace changed %s: now %q", dir, entries(t, dir))
	}
	if code, stderr := lingoRun(t, dir, nb, "--inplace", "--html", filepath.Join(dir, "nb.html")); code != 0 {
		t.Fatalf("--inplace: exit %d:\n%s", code, tail(stderr, 2000))
	}
	if got := read(t, nb); !strings.Contains(got, `"execution_count": 1`) || !strings.Contains(got, `"2"`) {
		t.Fatalf("--inplace did not write the outputs:\n%s", got)
	}
	if fi, _ := os.Stat(nb); fi.Mode().Perm() != 0o640 {
		t.Errorf("--inplace changed the mode to %v, want 0640", fi.Mode().Perm())
	}
	if got := entries(t, dir); got != "nb.html nb.ipynb" {
		t.Errorf("the directory holds %q, want the notebook and nb.html only", got)
	}
	if code, _ := lingoRun(t, dir, nb, "--inplace", "-o", filepath.Join(dir, "x.ipynb")); code != 2 {
		t.Errorf("--inplace with -o: exit %d, want 2 (usage)", code)
	}
}

// TestRunKeepsSymlinksAndMode: writing a notebook over itself through a
// symbolic link updates the file it points to, which keeps its mode; the
// link stays a link.
func TestRunKeepsSymlinksAndMode(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.ipynb")
	writeNotebook(t, real, goNotebook, 0o640)
	link := filepath.Join(dir, "link.ipynb")
	if err := os.Symlink("real.ipynb", link); err != nil {
		t.Fatal(err)
	}
	if code, stderr := lingoRun(t, dir, link, "-o", link); code != 0 {
		t.Fatalf("exit %d:\n%s", code, tail(stderr, 2000))
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("link.ipynb is no longer a symbolic link (%v)", err)
	}
	if !strings.Contains(read(t, real), `"execution_count": 1`) {
		t.Fatal("the link's target was not updated")
	}
	if fi, _ := os.Stat(real); fi.Mode().Perm() != 0o640 {
		t.Errorf("the notebook's mode became %v, want 0640", fi.Mode().Perm())
	}
	if got := entries(t, dir); got != "link.ipynb real.ipynb" {
		t.Errorf("the directory holds %q", got)
	}
}

// TestRunIgnoresPlantedTemp: a planted NB.ipynb.tmp symbolic link to
// someone else's file is neither followed nor moved over the notebook,
// and writing to a directory fails without leaving DIR.tmp behind.
func TestRunIgnoresPlantedTemp(t *testing.T) {
	dir := t.TempDir()
	nb := filepath.Join(dir, "nb.ipynb")
	writeNotebook(t, nb, goNotebook, 0o644)
	victim := filepath.Join(t.TempDir(), "victim")
	writeNotebook(t, victim, "precious\n", 0o644)
	if err := os.Symlink(victim, nb+".tmp"); err != nil {
		t.Fatal(err)
	}
	if code, stderr := lingoRun(t, dir, nb, "-o", nb); code != 0 {
		t.Fatalf("exit %d:\n%s", code, tail(stderr, 2000))
	}
	if read(t, victim) != "precious\n" {
		t.Fatal("lingo run wrote through the planted nb.ipynb.tmp link")
	}
	if fi, err := os.Lstat(nb); err != nil || !fi.Mode().IsRegular() || !strings.Contains(read(t, nb), `"execution_count": 1`) {
		t.Fatalf("nb.ipynb is not the executed notebook (%v)", err)
	}
	if got := entries(t, dir); got != "nb.ipynb nb.ipynb.tmp" {
		t.Errorf("the directory holds %q", got)
	}

	out := filepath.Join(dir, "outdir")
	os.Mkdir(out, 0o755)
	if code, stderr := lingoRun(t, dir, nb, "-o", out); code == 0 || !strings.Contains(stderr, "outdir") {
		t.Errorf("-o DIR: exit %d, said:\n%s", code, tail(stderr, 1000))
	}
	if got := entries(t, dir); got != "nb.ipynb nb.ipynb.tmp outdir" {
		t.Errorf("after -o DIR the directory holds %q", got)
	}
}

// TestRunLargeOutputMemory: a cell that prints 100 MiB, written with -o.
// Gathering its stream messages by repeated string concatenation and
// encoding the notebook in memory peaked at 1.38 GB (RSS of lingo run, on
// main before the fix); gathered in a strings.Builder and written as it
// is encoded, about 0.42 GB: the text, the builder's last growth and the
// garbage collector's headroom. The bound is on memory, not time.
func TestRunLargeOutputMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("prints 100 MiB through the kernel")
	}
	dir := t.TempDir()
	nb := filepath.Join(dir, "big.ipynb")
	src := strings.Replace(goNotebook, `"x := 2\nx"`, `"b := []byte(strings.Repeat(\"0123456789abcde\\n\", 1<<16))\nfor range 100 {\n\tos.Stdout.Write(b)\n}"`, 1)
	writeNotebook(t, nb, src, 0o644)
	cmd := exec.Command(os.Args[0], "run", nb, "-o", filepath.Join(dir, "out.ipynb"))
	cmd.Env = append(os.Environ(), "LINGO_TEST_AS_LINGO=1")
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v:\n%s", err, tail(stderr.String(), 2000))
	}
	fi, err := os.Stat(filepath.Join(dir, "out.ipynb"))
	if err != nil || fi.Size() < 100<<20 {
		t.Fatalf("out.ipynb: %v, %d bytes; want the 100 MiB of output in it", err, fi.Size())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Skip("no rusage on this system")
	}
	peak := ru.Maxrss << 10 // KiB on Linux
	t.Logf("lingo run peak RSS: %d MB", peak>>20)
	if peak > 700<<20 {
		t.Errorf("lingo run peaked at %d MB for 100 MiB of output", peak>>20)
	}
}
