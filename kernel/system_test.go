package kernel

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/kernel/engine"
	"github.com/lingo-nlp/lingo/kernel/trust"
)

// fakeSystem lays out a system install under a temporary prefix (what
// install.sh --system makes, without the programs) and makes this lingo
// one of it for the test.
func fakeSystem(t *testing.T) system {
	t.Helper()
	s := system{t.TempDir()}
	for _, d := range []string{s.modCache(), s.goCache(), filepath.Join(s.data(), "sotu"), s.lessons()} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(s.goCache(), "README"), []byte("a Go build cache"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := systemPrefix
	systemPrefix = s.prefix
	t.Cleanup(func() { systemPrefix = old })
	for _, k := range []string{"GOMODCACHE", "GOCACHEPROG", "LINGO_SYSTEM_CACHE", "GOTOOLCHAIN", "XDG_DATA_DIRS", "PATH"} {
		t.Setenv(k, os.Getenv(k)) // restored after the test
	}
	for _, k := range []string{"GOMODCACHE", "GOCACHEPROG", "LINGO_SYSTEM_CACHE", "GOTOOLCHAIN", "XDG_DATA_DIRS"} {
		os.Unsetenv(k)
	}
	return s
}

func TestSystemDefaults(t *testing.T) {
	s := fakeSystem(t)
	t.Setenv("GOTOOLCHAIN", "go1.99") // set by the user: kept
	applySystemDefaults()
	for k, want := range map[string]string{
		"GOMODCACHE":         s.modCache(),
		"LINGO_SYSTEM_CACHE": s.cache(),
		"GOTOOLCHAIN":        "go1.99",
		"XDG_DATA_DIRS":      filepath.Join(s.prefix, "share") + ":/usr/local/share:/usr/share",
	} {
		if got := os.Getenv(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if p := os.Getenv("GOCACHEPROG"); !strings.HasSuffix(p, " gocache \""+s.goCache()+"\"") {
		t.Errorf("GOCACHEPROG = %q, want lingo gocache %s", p, s.goCache())
	}
	// Run again (a kernel started by lingo): nothing is added twice.
	applySystemDefaults()
	if got := os.Getenv("XDG_DATA_DIRS"); strings.Count(got, s.prefix) != 1 {
		t.Errorf("XDG_DATA_DIRS = %q", got)
	}
}

// TestSystemDefaultsSkipUntrustedCache: a shared build cache that others
// could write is not handed to the go command.
func TestSystemDefaultsSkipUntrustedCache(t *testing.T) {
	s := fakeSystem(t)
	if err := os.Chmod(s.goCache(), 0o777); err != nil {
		t.Fatal(err)
	}
	applySystemDefaults()
	if p := os.Getenv("GOCACHEPROG"); p != "" {
		t.Errorf("GOCACHEPROG = %q for a world-writable cache", p)
	}
}

// TestDoctorSeesSystemInstall: doctor, run by a user of a system install,
// reports the install, its shared caches, and finds a corpus in the
// system's data directory when the user has none.
func TestDoctorSeesSystemInstall(t *testing.T) {
	s := fakeSystem(t)
	t.Setenv("LINGO_DATA", t.TempDir())
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	applySystemDefaults()
	var out bytes.Buffer
	doctorCmd(nil, &out)
	got := out.String()
	for _, want := range []string{
		"ok      system install                             prefix " + s.prefix,
		"ok      shared module cache (GOMODCACHE)           " + s.modCache(),
		"ok      shared build cache (GOCACHEPROG)",
		"ok      data: sotu                                 " + filepath.Join(s.data(), "sotu"),
		"ok      your own cache directory",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("doctor lacks %q:\n%s", want, got)
		}
	}
	t.Setenv("GOMODCACHE", t.TempDir())
	out.Reset()
	doctorCmd(nil, &out)
	if !strings.Contains(out.String(), "MISSING shared module cache (GOMODCACHE)") {
		t.Errorf("doctor should flag a GOMODCACHE that is not the system's:\n%s", out.String())
	}
}

// TestDoctorSystemKernelspec: a user without a kernelspec of their own is
// told whether Jupyter finds the system's — under a prefix other than
// /usr/local or /usr only with JUPYTER_PATH (as in deploy/jupyterhub_config.py).
func TestDoctorSystemKernelspec(t *testing.T) {
	s := fakeSystem(t)
	t.Setenv("JUPYTER_DATA_DIR", t.TempDir()) // no kernelspec of the user's own
	jdir := filepath.Join(s.prefix, "share", "jupyter")
	spec := filepath.Join(jdir, "kernels", "lingo", "kernel.json")
	if err := os.MkdirAll(filepath.Dir(spec), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(spec, []byte(`{"argv": ["lingo", "kernel"]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ jupyterPath, want string }{
		{"", "MISSING kernelspec \"lingo\"                         " + spec},
		{"", "fix: Jupyter does not look in " + jdir + ": set JUPYTER_PATH=" + jdir},
		{"/elsewhere:" + jdir, "ok      kernelspec \"lingo\"                         " + spec},
	} {
		t.Setenv("JUPYTER_PATH", c.jupyterPath)
		var out bytes.Buffer
		doctorCmd(nil, &out)
		if !strings.Contains(out.String(), c.want) {
			t.Errorf("JUPYTER_PATH=%q: doctor lacks %q:\n%s", c.jupyterPath, c.want, out.String())
		}
	}
}

// TestLessonsKeepsEdits: lingo lessons copies what is new and never
// overwrites a student's file.
func TestLessonsKeepsEdits(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	t.Setenv("LINGO_LESSONS", src)
	t.Setenv("JUPYTER_DATA_DIR", t.TempDir()) // never this user's trust database
	files := map[string]string{"00-tour.ipynb": "tour", "01-wordnet.ipynb": "wordnet", "zh/00-tour.ipynb": "导览", "tour.png": "png"}
	for name, body := range files {
		p := filepath.Join(src, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dst, "00-tour.ipynb"), []byte("my edits"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code := lessonsCmd([]string{dst}); code != 0 {
		t.Fatalf("lingo lessons exited %d", code)
	}
	for name, want := range map[string]string{"00-tour.ipynb": "my edits", "01-wordnet.ipynb": "wordnet", "zh/00-tour.ipynb": "导览", "tour.png": "png"} {
		if b, err := os.ReadFile(filepath.Join(dst, name)); err != nil || string(b) != want {
			t.Errorf("%s: %q, %v; want %q", name, b, err, want)
		}
	}
	copied, kept, err := copyNew(src, dst)
	if err != nil || len(copied) != 0 || kept != 4 {
		t.Errorf("second copy: %d copied, %d kept, %v; want 0 and 4", len(copied), kept, err)
	}
}

// lingo lessons signs the notebooks it copies into the student's Jupyter
// trust database (so a student of a hub sees the stored charts), leaves a
// student's own edited notebook as it is, and doctor's trust check finds
// the copies in ~/lingo-lessons of a system install (whose source tree has
// no notebooks).
func TestLessonsSignsCopies(t *testing.T) {
	if _, err := trust.FindPython(); err != nil {
		t.Skip(err)
	}
	s := fakeSystem(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("JUPYTER_DATA_DIR", t.TempDir())
	t.Setenv("LINGO_LESSONS", "")
	root, err := engine.SourceRoot()
	if err != nil {
		t.Skip(err)
	}
	for _, name := range []string{"00-tour.ipynb", "01-wordnet.ipynb"} {
		b, err := os.ReadFile(filepath.Join(root, "notebooks", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(s.lessons(), name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if c := trustCheck(); c.ok || !strings.Contains(c.info, "0 of 2 lessons signed") {
		t.Errorf("doctor before lingo lessons (the shared copies, unsigned): %+v", c)
	}
	dst := filepath.Join(home, "lingo-lessons")
	// The student's own 00-tour, edited (a notebook with other content).
	edited := `{"cells": [{"cell_type": "markdown", "id": "mine", "metadata": {}, "source": "my notes"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`
	os.MkdirAll(dst, 0o755)
	if err := os.WriteFile(filepath.Join(dst, "00-tour.ipynb"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := lessonsCmd(nil); code != 0 {
		t.Fatalf("lingo lessons exited %d", code)
	}
	ok, err := trust.Trusted(filepath.Join(dst, "00-tour.ipynb"), filepath.Join(dst, "01-wordnet.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if ok[0] || !ok[1] {
		t.Errorf("trusted after lingo lessons: edited 00-tour %v (want false: not ours to sign), copied 01-wordnet %v (want true)", ok[0], ok[1])
	}
	if b, _ := os.ReadFile(filepath.Join(dst, "00-tour.ipynb")); string(b) != edited {
		t.Errorf("the student's 00-tour changed: %s", b)
	}
	c := trustCheck()
	if !strings.Contains(c.info, "1 of 2 lessons signed") || !strings.Contains(c.info, "00-tour.ipynb") {
		t.Errorf("doctor after lingo lessons (the student's copies): %+v", c)
	}
}
