package history

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// History keeps every executed cell in a JSON-lines file so history_request
// works across kernel sessions, like IPython's history database.
type History struct {
	mu      sync.Mutex
	once    sync.Once // loads the file at first use, not while the kernel starts
	path    string
	entries []historyEntry
	session int
	ids     map[string]int
}

type historyEntry struct {
	Session int    `json:"session"`
	Line    int    `json:"line"`
	Input   string `json:"input"`
	Output  string `json:"output,omitempty"`
}

// Request is the content of a history_request.
type Request struct {
	Output         bool   `json:"output"`
	Raw            bool   `json:"raw"`
	HistAccessType string `json:"hist_access_type"`
	Session        int    `json:"session"`
	Start          int    `json:"start"`
	Stop           int    `json:"stop"`
	N              int    `json:"n"`
	Pattern        string `json:"pattern"`
	Unique         bool   `json:"unique"`
}

// Open returns the history kept in the file at path (creating nothing until
// a cell runs); its session is numbered after the last one in the file.
// The file is read at the first Add or Query, so that opening the history
// does not delay the kernel's start.
func Open(path string) *History {
	return &History{path: path, ids: map[string]int{}}
}

// load reads the file; h.mu is held.
func (h *History) load() {
	if f, err := os.Open(h.path); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var e historyEntry
			if json.Unmarshal(sc.Bytes(), &e) == nil {
				h.entries = append(h.entries, e)
				if e.Session > h.session {
					h.session = e.Session
				}
			}
		}
		f.Close()
	}
	h.session++
}

// Add records a cell of this kernel session with the text of its result.
func (h *History) Add(line int, input, output string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.once.Do(h.load)
	e := historyEntry{Session: h.session, Line: line, Input: input, Output: output}
	h.entries = append(h.entries, e)
	if err := os.MkdirAll(filepath.Dir(h.path), 0o755); err != nil {
		return
	}
	f, err := os.OpenFile(h.path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	b, _ := json.Marshal(e)
	f.Write(append(b, '\n'))
}

// Query answers a history_request with [session, line, input] triples.
func (h *History) Query(r Request) [][]any {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.once.Do(h.load)
	var sel []historyEntry
	switch r.HistAccessType {
	case "range":
		s := r.Session
		if s <= 0 {
			s = h.session + s // 0 is this session, negative counts back
		}
		for _, e := range h.entries {
			if e.Session == s && e.Line >= r.Start && (r.Stop <= 0 || e.Line < r.Stop) {
				sel = append(sel, e)
			}
		}
	case "search":
		re, err := globRegexp(r.Pattern)
		if err != nil {
			return [][]any{}
		}
		seen := map[string]bool{}
		for i := len(h.entries) - 1; i >= 0; i-- {
			e := h.entries[i]
			if !re.MatchString(e.Input) || (r.Unique && seen[e.Input]) {
				continue
			}
			seen[e.Input] = true
			sel = append([]historyEntry{e}, sel...)
			if r.N > 0 && len(sel) == r.N {
				break
			}
		}
	default: // tail
		n := r.N
		if n <= 0 || n > len(h.entries) {
			n = len(h.entries)
		}
		sel = h.entries[len(h.entries)-n:]
	}
	out := make([][]any, 0, len(sel))
	for _, e := range sel {
		if r.Output {
			var o any
			if e.Output != "" {
				o = e.Output
			}
			out = append(out, []any{e.Session, e.Line, []any{e.Input, o}})
		} else {
			out = append(out, []any{e.Session, e.Line, e.Input})
		}
	}
	return out
}

// globRegexp turns an IPython history glob (* and ?) into a regexp.
func globRegexp(pat string) (*regexp.Regexp, error) {
	if pat == "" {
		pat = "*"
	}
	q := regexp.QuoteMeta(pat)
	q = strings.ReplaceAll(q, `\*`, ".*")
	q = strings.ReplaceAll(q, `\?`, ".")
	return regexp.Compile("(?s)^" + q + "$")
}
