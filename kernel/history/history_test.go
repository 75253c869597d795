package history

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func open(t *testing.T, path string, o Options) *History {
	t.Helper()
	h, err := Open(path, o)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestConcurrentSessionsAreUnique: kernels started at the same moment
// used to read the same last session number and share the next one.
func TestConcurrentSessionsAreUnique(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	const n = 16
	sessions := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { sessions[i] = open(t, path, Options{}).Session() })
	}
	wg.Wait()
	seen := map[int]bool{}
	for _, s := range sessions {
		if seen[s] || s < 1 || s > n {
			t.Fatalf("sessions %v: want 1..%d, each once", sessions, n)
		}
		seen[s] = true
	}
}

// TestSessionAfterOldHistory: a history written before PATH.session
// existed continues after its highest session.
func TestSessionAfterOldHistory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	var b strings.Builder
	for s := 1; s <= 7; s++ {
		fmt.Fprintf(&b, `{"session":%d,"line":1,"input":"x"}`+"\n", s)
	}
	os.WriteFile(path, []byte(b.String()), 0o644)
	if s := open(t, path, Options{}).Session(); s != 8 {
		t.Fatalf("session %d, want 8", s)
	}
}

func TestFileModes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "lingo")
	path := filepath.Join(dir, "history.jsonl")
	h := open(t, path, Options{})
	if err := h.Add(1, "secret := 42", ""); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600, path + ".session": 0o600} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v (%v), want %v", p, fi.Mode().Perm(), err, want)
		}
	}
	// A file an older version made 0644 becomes 0600 at the next entry.
	os.Chmod(path, 0o644)
	h.Add(2, "y := 1", "")
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("an old 0644 file stays %v", fi.Mode().Perm())
	}
}

// TestRotation: past MaxBytes the file moves to PATH.1 and a new one
// starts; queries see both; the disk holds at most about 2×MaxBytes.
func TestRotation(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "history.jsonl")
	h := open(t, path, Options{MaxBytes: 1000})
	for i := 1; i <= 100; i++ {
		if err := h.Add(i, fmt.Sprintf("cell %03d %s", i, strings.Repeat("x", 40)), ""); err != nil {
			t.Fatal(err)
		}
	}
	var total int64
	for _, p := range []string{path, path + ".1"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Size() > 1000 {
			t.Errorf("%s is %d bytes, over MaxBytes", p, fi.Size())
		}
		total += fi.Size()
	}
	tail := h.Query(Request{HistAccessType: "tail", N: 3})
	if len(tail) != 3 || !strings.HasPrefix(tail[2][2].(string), "cell 100") {
		t.Fatalf("tail: %v", tail)
	}
	all := h.Query(Request{HistAccessType: "range", Start: 1})
	if len(all) < 10 || len(all) > 40 || all[len(all)-1][1] != 100 {
		t.Fatalf("range over %d bytes on disk: %d entries, last %v", total, len(all), all[len(all)-1])
	}
}

// TestBadLinesAreSkipped: a line that is not JSON, a truncated one, and
// one of 17 MB (a cell over 16 MB once made every later kernel ignore the
// rest of the file) are skipped; the entries after them are read.
func TestBadLinesAreSkipped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	var b bytes.Buffer
	b.WriteString(`{"session":1,"line":1,"input":"before"}` + "\n")
	b.WriteString("not json\n")
	b.WriteString(`{"session":1,"line":2,"input":"huge` + strings.Repeat("x", 17<<20) + "\"}\n")
	b.WriteString(`{"session":1,"line":3,"inp` + "\n")
	b.WriteString("\n" + `{"session":2,"line":1,"input":"after"}` + "\n")
	b.WriteString(`{"session":2,"line":2,"input":"no newline at the end"}`)
	os.WriteFile(path, b.Bytes(), 0o600)
	h := open(t, path, Options{})
	got := h.Query(Request{HistAccessType: "search", Pattern: "*"})
	var inputs []string
	for _, e := range got {
		inputs = append(inputs, e[2].(string))
	}
	if strings.Join(inputs, "|") != "before|after|no newline at the end" {
		t.Fatalf("inputs %q", inputs)
	}
	if h.Session() != 3 {
		t.Fatalf("session %d, want 3", h.Session())
	}
}

// TestOpenReadsNothing: starting a kernel does not read the history; a
// 64 MB file costs Open a bounded read of its end (no PATH.session yet).
func TestOpenReadsNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	line := `{"session":5,"line":1,"input":"` + strings.Repeat("y", 1000) + "\"}\n"
	os.WriteFile(path, bytes.Repeat([]byte(line), 64<<20/len(line)), 0o600)
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	h := open(t, path, Options{})
	runtime.ReadMemStats(&m1)
	if h.Session() != 6 {
		t.Fatalf("session %d, want 6", h.Session())
	}
	if d := m1.TotalAlloc - m0.TotalAlloc; d > 8<<20 {
		t.Fatalf("Open allocated %d bytes for a 64 MB history", d)
	}
}

func TestQuery(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	a := open(t, path, Options{})
	a.Add(1, "x := 1", "")
	a.Add(2, "x", "1")
	b := open(t, path, Options{})
	b.Add(1, "x := 1", "")
	b.Add(2, "fmt.Println(x)", "")
	if got := fmt.Sprint(b.Query(Request{HistAccessType: "range", Session: -1, Start: 2, Output: true})); got != "[[1 2 [x 1]]]" {
		t.Errorf("previous session's line 2: %s", got)
	}
	if got := fmt.Sprint(b.Query(Request{HistAccessType: "range", Session: 0})); got != "[[2 1 x := 1] [2 2 fmt.Println(x)]]" {
		t.Errorf("this session: %s", got)
	}
	if got := fmt.Sprint(b.Query(Request{HistAccessType: "search", Pattern: "x*", Unique: true})); got != "[[1 2 x] [2 1 x := 1]]" {
		t.Errorf("unique search: %s", got)
	}
	if got := fmt.Sprint(b.Query(Request{HistAccessType: "search", Pattern: "x*", N: 1})); got != "[[2 1 x := 1]]" {
		t.Errorf("search n=1: %s", got)
	}
}

// TestOrderBySessionThenLine: two kernels write the shared file at once.
// A tail or search used to return entries in the order they were written,
// so the older session's late cell came last and a kernel's own last cells
// were not the tail (jupyter_kernel_test's test_history failed once that
// way); like IPython, entries are ordered by session, then line.
func TestOrderBySessionThenLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	old := open(t, path, Options{})
	cur := open(t, path, Options{})
	old.Add(1, "a1", "")
	cur.Add(1, "b1", "")
	cur.Add(2, "b2", "")
	old.Add(2, "a2", "") // written last, by the older session
	for _, tc := range []struct {
		r    Request
		want string
	}{
		{Request{HistAccessType: "tail", N: 2}, "[[2 1 b1] [2 2 b2]]"},
		{Request{HistAccessType: "tail"}, "[[1 1 a1] [1 2 a2] [2 1 b1] [2 2 b2]]"},
		{Request{HistAccessType: "search", Pattern: "*", N: 2}, "[[2 1 b1] [2 2 b2]]"},
		{Request{HistAccessType: "search", Pattern: "a*"}, "[[1 1 a1] [1 2 a2]]"},
		{Request{HistAccessType: "range", Session: 0}, "[[2 1 b1] [2 2 b2]]"},
	} {
		if got := fmt.Sprint(cur.Query(tc.r)); got != tc.want {
			t.Errorf("%s n=%d %q: %s, want %s", tc.r.HistAccessType, tc.r.N, tc.r.Pattern, got, tc.want)
		}
	}
}

func TestCut(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	h := open(t, path, Options{MaxEntry: 100})
	h.Add(1, strings.Repeat("世", 100), "")
	got := h.Query(Request{HistAccessType: "tail", N: 1})[0][2].(string)
	if !utf8.ValidString(got) || !strings.HasPrefix(got, strings.Repeat("世", 33)+"\n… (cut") {
		t.Fatalf("cut input %q", got)
	}
}

// FuzzEachEntry: any bytes, read as a history file, give entries without
// panicking, and lines longer than the limit are never returned.
func FuzzEachEntry(f *testing.F) {
	f.Add([]byte(`{"session":1,"line":1,"input":"x"}` + "\n"))
	f.Add([]byte("garbage\n{\"session\":2}\n{"))
	f.Add([]byte(`{"session":1,"input":"` + strings.Repeat("z", 300) + "\"}\n" + `{"session":3,"line":1,"input":"a"}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		eachEntry(bytes.NewReader(in), 128, func(e entry) {
			if e.Session <= 0 || len(e.Input) > 128 {
				t.Fatalf("entry %+v", e)
			}
		})
	})
}
