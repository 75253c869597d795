package engine

import (
	"runtime"
	"strings"
	"testing"
)

// %memory reports the worker's resident memory, split into data and code
// on Linux, and %who ends with the total.
func TestMemoryMagic(t *testing.T) {
	e := testEngine(t)
	mustRun(t, e, `memBuf := make([]byte, 8<<20)
for i := range memBuf { memBuf[i] = 1 }`)
	r := mustRun(t, e, `%memory`)
	out := r.stdout.String()
	for _, want := range []string{"Worker memory (process ", " MiB resident, ", " cells loaded", "%reset"} {
		if !strings.Contains(out, want) {
			t.Errorf("%%memory output lacks %q:\n%s", want, out)
		}
	}
	m, err := e.Memory()
	if err != nil {
		t.Fatal(err)
	}
	if m.RSS < 8<<20 || m.Cells < 1 {
		t.Errorf("Memory() = %+v, want RSS ≥ 8 MiB (the cell touched 8 MiB) and ≥ 1 cell", m)
	}
	if runtime.GOOS == "linux" {
		if m.Anon < 8<<20 || m.File <= 0 || m.Anon+m.File > m.RSS+1<<20 {
			t.Errorf("Memory() = %+v, want data ≥ 8 MiB, some code, data+code ≈ RSS", m)
		}
		for _, want := range []string{"  data ", "  code "} {
			if !strings.Contains(out, want) {
				t.Errorf("%%memory output lacks %q:\n%s", want, out)
			}
		}
	}
	r = mustRun(t, e, `%who`)
	if out := r.stdout.String(); !strings.Contains(out, "memBuf") || !strings.Contains(out, "Worker memory: ") {
		t.Errorf("%%who output lacks memBuf or the worker's memory:\n%s", out)
	}
}
