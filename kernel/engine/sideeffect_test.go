package engine

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// parseDuration reads a duration as fmtDuration writes it ("4.05 µs").
func parseDuration(t *testing.T, s string) time.Duration {
	t.Helper()
	num, unit, _ := strings.Cut(strings.TrimSpace(s), " ")
	x, err := strconv.ParseFloat(num, 64)
	if err != nil {
		t.Fatalf("duration %q: %v", s, err)
	}
	scale := map[string]time.Duration{"ns": time.Nanosecond, "µs": time.Microsecond, "ms": time.Millisecond, "s": time.Second}[unit]
	if scale == 0 {
		t.Fatalf("duration %q: unknown unit", s)
	}
	return time.Duration(x * float64(scale))
}

// %time reports how long the code ran, and the compile time on its own
// line (issue 27 item 8: %time fmt.Println(x) said 1.33 s, the link). The
// engine's clock is made to jump 10 s while the cell is built, so the two
// cannot be confused.
func TestTimeReportsRunAndCompileApart(t *testing.T) {
	e := testEngine(t)
	var jump time.Duration
	e.now = func() time.Time { return time.Now().Add(jump) }
	e.hooks.afterBuild = func() { jump += 10 * time.Second }
	defer func() { e.now, e.hooks = time.Now, hooks{} }()
	for _, code := range []string{"%time x := 1", "%%time\ny := 2\n_ = y"} {
		lines := strings.Split(strings.TrimSpace(mustRun(t, e, code).stdout.String()), "\n")
		if len(lines) != 2 || !strings.HasPrefix(lines[0], "Wall time: ") || !strings.HasPrefix(lines[1], "Compiler : ") {
			t.Fatalf("%q printed %q, want a Wall time and a Compiler line", code, lines)
		}
		run := parseDuration(t, strings.TrimPrefix(lines[0], "Wall time: "))
		compile := parseDuration(t, strings.TrimPrefix(lines[1], "Compiler : "))
		if run >= time.Second || compile < 10*time.Second {
			t.Errorf("%q: Wall time %v, Compiler %v; want the run (µs) apart from the 10 s compile", code, run, compile)
		}
	}
}

// Changes a cell makes to the working directory and the environment are
// what magics and shell commands see (issue 27 item 12).
func TestCellSideEffectsSeenByMagics(t *testing.T) {
	e := testEngine(t)
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	orig := e.WorkDir()
	defer mustRun(t, e, "os.Chdir(`"+orig+"`)")
	mustRun(t, e, "os.Chdir(`"+dir+"`)\nos.Setenv(\"LINGO_SIDE_EFFECT\", \"from a cell\")")
	if got := mustRun(t, e, "!pwd").stdout.String(); got != dir+"\n" {
		t.Errorf("!pwd after os.Chdir: %q, want %q", got, dir)
	}
	mustRun(t, e, "%%writefile note.txt\nhello\n")
	if b, err := os.ReadFile(filepath.Join(dir, "note.txt")); err != nil || string(b) != "hello\n" {
		t.Errorf("%%%%writefile after os.Chdir: %q, %v", b, err)
	}
	if got := mustRun(t, e, "!echo $LINGO_SIDE_EFFECT").stdout.String(); got != "from a cell\n" {
		t.Errorf("!echo after os.Setenv: %q", got)
	}
	if got := mustRun(t, e, "%env LINGO_SIDE_EFFECT").stdout.String(); got != "from a cell\n" {
		t.Errorf("%%env after os.Setenv: %q", got)
	}
	mustRun(t, e, "%env LINGO_SIDE_EFFECT=from a magic")
	if r := mustRun(t, e, `os.Getenv("LINGO_SIDE_EFFECT")`); len(r.results) != 1 || r.results[0]["text/plain"] != "from a magic" {
		t.Errorf("os.Getenv after %%env: %v", r.results)
	}
}

// A cell that closes os.Stdout or os.Stderr does not silence later cells
// (issue 27 item 12: every later cell's output was lost until %reset).
func TestClosedStdoutAndStderr(t *testing.T) {
	e := testEngine(t)
	mustRun(t, e, "os.Stdout.Close()")
	if got := mustRun(t, e, `fmt.Println("back")`).stdout.String(); got != "back\n" {
		t.Errorf("after os.Stdout.Close(): stdout %q", got)
	}
	mustRun(t, e, "os.Stderr.Close()")
	if got := mustRun(t, e, `fmt.Fprintln(os.Stderr, "err back")`).stderr.String(); got != "err back\n" {
		t.Errorf("after os.Stderr.Close(): stderr %q", got)
	}
}

// What a goroutine prints after its cell ended is sent as it comes, to that
// cell's output (issue 27 item 12: it was held and shown in the next cell).
// The goroutine waits on a FIFO, which the test opens once the cell is done.
func TestLateGoroutineOutput(t *testing.T) {
	e := testEngine(t)
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	late := make(chan struct{})
	out := &notifier{onStream: func(text string) {
		if strings.Contains(text, "late") {
			close(late)
		}
	}}
	code := "go func() {\n\tf, err := os.Open(`" + fifo + "`)\n\tif err == nil {\n\t\tf.Close()\n\t}\n\tfmt.Println(\"late\")\n}()"
	if err := execute(t, e, t.Context(), code, out); err != nil {
		t.Fatalf("cell failed: %v", out.errs)
	}
	f, err := os.OpenFile(fifo, os.O_WRONLY, 0) // meets the goroutine's open
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	select {
	case <-late:
	case <-time.After(time.Minute):
		t.Fatal("the goroutine's output did not arrive while no cell ran")
	}
	if r := mustRun(t, e, `fmt.Println("next")`); r.stdout.String() != "next\n" {
		t.Errorf("the next cell printed %q", r.stdout.String())
	}
}
