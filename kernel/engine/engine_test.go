package engine

import (
	"context"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lingo-nlp/lingo/kernel/cell"
	"github.com/lingo-nlp/lingo/kernel/jupyter"
	"github.com/lingo-nlp/lingo/kernel/worker"
)

// recorder is an Output that keeps everything.
type recorder struct {
	mu       sync.Mutex
	stdout   strings.Builder
	stderr   strings.Builder
	results  []map[string]string
	displays []map[string]string
	errs     []string
	inputs   []string
}

func (r *recorder) Stream(name, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if name == "stderr" {
		r.stderr.WriteString(text)
	} else {
		r.stdout.WriteString(text)
	}
}
func (r *recorder) Display(d map[string]string, id string, update bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.displays = append(r.displays, d)
}
func (r *recorder) Clear(bool) {}
func (r *recorder) Result(d map[string]string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.results = append(r.results, d)
}
func (r *recorder) Error(ename, evalue string, tb []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, ename+": "+evalue+"\n"+strings.Join(tb, "\n"))
}
func (r *recorder) Input(prompt string, password bool) (string, bool) {
	if len(r.inputs) == 0 {
		return "", false
	}
	s := r.inputs[0]
	r.inputs = r.inputs[1:]
	return s, true
}

var (
	sharedEngine     *Engine
	sharedEngineErr  error
	sharedEngineOnce sync.Once
)

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedEngine != nil {
		sharedEngine.Close()
	}
	os.Exit(code)
}

func testEngine(t *testing.T) *Engine {
	t.Helper()
	sharedEngineOnce.Do(func() { sharedEngine, sharedEngineErr = New(Config{}) })
	if sharedEngineErr != nil {
		t.Fatal(sharedEngineErr)
	}
	return sharedEngine
}

var cellCount int

// nextCell numbers cells as Jupyter would.
func nextCell(code string) jupyter.Cell {
	cellCount++
	return jupyter.Cell{Code: code, Count: cellCount}
}

func run(t *testing.T, e *Engine, code string) (*recorder, string) {
	t.Helper()
	r := &recorder{}
	if err := e.Execute(context.Background(), nextCell(code), r); err != nil {
		return r, "error"
	}
	return r, "ok"
}

func mustRun(t *testing.T, e *Engine, code string) *recorder {
	t.Helper()
	start := time.Now()
	r, st := run(t, e, code)
	if st != "ok" {
		t.Fatalf("cell %q: status %s, errors %v, stderr %s", code, st, r.errs, r.stderr.String())
	}
	t.Logf("cell took %v", time.Since(start))
	return r
}

func TestEngineStatePersists(t *testing.T) {
	e := testEngine(t)
	mustRun(t, e, `m := map[string]int{}`)
	mustRun(t, e, `type counter struct{ name string; n int }
func bump(m map[string]int, c *counter) { m[c.name] += c.n }`)
	mustRun(t, e, `c := &counter{name: "x", n: 2}
bump(m, c)
bump(m, c)`)
	r := mustRun(t, e, `fmt.Println(m["x"], c.name)
m["x"]`)
	if got := r.stdout.String(); got != "4 x\n" {
		t.Fatalf("stdout = %q, want %q", got, "4 x\n")
	}
	if len(r.results) != 1 || r.results[0]["text/plain"] != "4" {
		t.Fatalf("results = %v, want one result 4", r.results)
	}
}

func TestEngineTimeIt(t *testing.T) {
	e := testEngine(t)
	r := mustRun(t, e, cell.Mark+`rt.TimeIt(func() { _ = strings.Repeat("a", 10)
})`)
	if !strings.Contains(r.stdout.String(), "per loop") {
		t.Fatalf("stdout = %q, errs %v", r.stdout.String(), r.errs)
	}
}

func TestMethodInLaterCellExplains(t *testing.T) {
	e := testEngine(t)
	mustRun(t, e, `type celsius float64`)
	r, st := run(t, e, "func (c celsius) String() string { return fmt.Sprint(float64(c), \"°C\") }")
	if st != "error" || len(r.errs) != 1 || !strings.Contains(r.errs[0], "declare it in the same cell as celsius") {
		t.Fatalf("status %s, errors %v", st, r.errs)
	}
	// Declared with its type, the method works (and satisfies fmt.Stringer).
	r = mustRun(t, e, "type kelvin float64\nfunc (k kelvin) String() string { return fmt.Sprint(float64(k), \" K\") }\nfmt.Println(kelvin(3))")
	if r.stdout.String() != "3 K\n" {
		t.Fatalf("stdout %q", r.stdout.String())
	}
}

func TestCompleteAndInspect(t *testing.T) {
	e := testEngine(t)
	mustRun(t, e, "type account struct{ owner string; balance int }\nfunc (a *account) deposit(n int) { a.balance += n }\nacct := &account{owner: \"ada\"}")
	matches := func(code string) []string {
		return e.Complete(code, len([]rune(code))).Matches
	}
	has := func(list []string, want ...string) bool {
		for _, w := range want {
			found := false
			for _, m := range list {
				found = found || m == w
			}
			if !found {
				return false
			}
		}
		return true
	}
	if m := matches("acct."); !has(m, "owner", "balance", "deposit") {
		t.Errorf("acct. → %v, want fields and methods", m)
	}
	if m := matches("strings.HasP"); !has(m, "HasPrefix") {
		t.Errorf("strings.HasP → %v", m)
	}
	if m := matches("x := 1\nac"); !has(m, "acct", "account") {
		t.Errorf("ac → %v, want session names", m)
	}
	r := e.Inspect("acct", 2, 0)
	if !strings.Contains(r.Data["text/plain"], "*account") {
		t.Errorf("inspect acct = %v", r)
	}
	r = e.Inspect("strings.ToUpper", 10, 0)
	if !strings.Contains(r.Data["text/plain"], "func ToUpper(s string) string") {
		t.Errorf("inspect strings.ToUpper = %v", r)
	}
}

// Standard error travels on its own pipe; a cell's last write to it must be
// shown before the cell is reported finished (jupyter_kernel_test's
// test_execute_stderr caught the race this guards against).
func TestStderrArrivesBeforeDone(t *testing.T) {
	e := testEngine(t)
	for i := range 5 {
		r := mustRun(t, e, `os.Stderr.WriteString(strings.Repeat("e", 200000) + "END\n")`)
		got := r.stderr.String()
		if len(got) != 200004 || !strings.HasSuffix(got, "END\n") {
			t.Fatalf("run %d: stderr has %d bytes (want 200004), ends %q", i, len(got), got[max(0, len(got)-10):])
		}
	}
	r := mustRun(t, e, `fmt.Fprintln(os.Stderr, "to stderr")`)
	if r.stderr.String() != "to stderr\n" {
		t.Fatalf("stderr = %q", r.stderr.String())
	}
	// A cell that points os.Stderr at its own file gets none of the
	// kernel's markers in it, and the cell after it still finishes at once.
	dir := t.TempDir()
	mustRun(t, e, `saved := os.Stderr
f, _ := os.Create(`+"`"+dir+`/err.txt`+"`"+`)
os.Stderr = f
fmt.Fprint(os.Stderr, "mine")`)
	e.wmu.Lock()
	w := e.w
	e.wmu.Unlock()
	lost := w.markersLost.Load()
	mustRun(t, e, `os.Stderr = saved
f.Close()`)
	if n := w.markersLost.Load() - lost; n > 0 {
		t.Errorf("the cell after the redirect waited for %d stderr marker(s) that never came", n)
	}
	if b, err := os.ReadFile(dir + "/err.txt"); err != nil || string(b) != "mine" {
		t.Errorf("the cell's own stderr file holds %q (%v), want %q", b, err, "mine")
	}
}

func TestSplitStderr(t *testing.T) {
	m := worker.StderrMarker
	cases := []struct {
		in    string
		end   bool
		text  string
		rest  string
		marks int
	}{
		{"plain", false, "plain", "", 0},
		{"a" + m + "b", false, "ab", "", 1},
		{m + m, false, "", "", 2},
		{"x" + m[:5], false, "x", m[:5], 0},     // a marker may be split across reads
		{"x" + m[:5], true, "x" + m[:5], "", 0}, // at the end, show what is left
		{"é"[:1], false, "", "é"[:1], 0},        // half a rune waits for the rest
		{"ok\xff", false, "ok\xff", "", 0},      // invalid bytes are shown, not held
	}
	for _, c := range cases {
		text, rest, marks := splitStderr([]byte(c.in), c.end)
		if text != c.text || string(rest) != c.rest || marks != c.marks {
			t.Errorf("splitStderr(%q, %v) = %q, %q, %d; want %q, %q, %d", c.in, c.end, text, rest, marks, c.text, c.rest, c.marks)
		}
	}
}

// Go code is never taken for a magic, and statements split where go/parser
// says (issue 27 item 2: the first cell ran `false` as a shell command, the
// second did not compile, the third gave "expected ';', found '{'").
func TestGoCodeIsNotMagic(t *testing.T) {
	e := testEngine(t)
	for _, tc := range []struct{ code, stdout string }{
		{"okv := true &&\n\t!false\nfmt.Println(okv)", "true\n"},
		{"raw := `\n%time\n!ls\n`\nfmt.Print(raw)", "\n%time\n!ls\n"},
		{"for i := 0; ; i++ {\n\tif i == 2 {\n\t\tfmt.Println(i)\n\t\tbreak\n\t}\n}", "2\n"},
		{"fmt.Println(\"go\")\n!echo shell\n%env LINGO_SEGMENT_TEST=1\nfmt.Println(os.Getenv(\"LINGO_SEGMENT_TEST\"))", "go\nshell\nenv: LINGO_SEGMENT_TEST=1\n1\n"},
	} {
		if got := mustRun(t, e, tc.code).stdout.String(); got != tc.stdout {
			t.Errorf("cell %q printed %q, want %q", tc.code, got, tc.stdout)
		}
	}
}

// A last expression whose last result is an error shows the error as an
// error when it is not nil, else the other values; fmt.Println's (n, err)
// and a nil error alone show nothing (issue 27 item 3, issue 22 item 6:
// strconv.Atoi("12") and lm.AttentionHeatmap(…) showed nothing or
// [&{…} <nil>]).
func TestErrorResults(t *testing.T) {
	e := testEngine(t)
	mustRun(t, e, `func heat(ok bool) (*plots.Heatmap, error) {
	if !ok {
		return nil, errors.New("no attention weights")
	}
	return plots.NewHeatmap("att", [][]float64{{1, 0}, {0, 1}}, []string{"a", "b"}, []string{"a", "b"}), nil
}`)
	dir := t.TempDir()
	for _, tc := range []struct {
		code   string
		result string // text/plain of the result, "" for none
		mime   string // a MIME type the result has
		err    string // the error shown, "" for none
	}{
		{`strconv.Atoi("12")`, "12", "", ""},
		{`strconv.Atoi("twelve")`, "", "", `strconv.NumError: strconv.Atoi: parsing "twelve": invalid syntax`},
		{`heat(true)`, "", "image/svg+xml", ""},
		{`heat(false)`, "", "", "error: no attention weights"},
		{`fmt.Println("printed")`, "", "", ""},
		{"os.WriteFile(`" + dir + "/f`, nil, 0o644)", "", "", ""},
		{"os.WriteFile(`" + dir + "/no/such/dir`, nil, 0o644)", "", "", "fs.PathError: open " + dir + "/no/such/dir: no such file or directory"},
		{"ev := errors.New(\"a value\")\nev", "error: a value", "", ""}, // an error that is not a call's result is a value, rendered as plots renders errors
	} {
		t.Run(tc.code, func(t *testing.T) {
			r, st := run(t, e, tc.code)
			if tc.err != "" {
				if st != "error" || len(r.errs) != 1 || !strings.HasPrefix(r.errs[0], tc.err+"\n") {
					t.Fatalf("status %s, errors %q; want the error %q", st, r.errs, tc.err)
				}
				if len(r.results) != 0 {
					t.Errorf("results %v next to the error", r.results)
				}
				return
			}
			if st != "ok" {
				t.Fatalf("status %s, errors %q", st, r.errs)
			}
			switch {
			case tc.result == "" && tc.mime == "":
				if len(r.results) != 0 {
					t.Errorf("results %v, want none", r.results)
				}
			case len(r.results) != 1:
				t.Errorf("results %v, want one", r.results)
			case tc.result != "" && r.results[0]["text/plain"] != tc.result:
				t.Errorf("result %q, want %q", r.results[0]["text/plain"], tc.result)
			case tc.mime != "" && r.results[0][tc.mime] == "":
				t.Errorf("result has %v, want %s", slices.Collect(maps.Keys(r.results[0])), tc.mime)
			}
		})
	}
}
