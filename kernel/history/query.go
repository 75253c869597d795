package history

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
)

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

// Query answers a history_request with [session, line, input] triples
// (input is [input, output] when r.Output). "range" selects lines of one
// session (0 is this one, negative numbers count back), "search" the
// inputs matching a glob (* and ?), and "tail" the last r.N entries. As in
// IPython, entries are ordered by session and then by line, not by when
// they were written: kernels share the file, and a kernel's cells come
// after those of every session started before it, however the writes of
// running kernels interleave. The history files are read when asked, never
// held in memory.
func (h *History) Query(r Request) [][]any {
	es := h.readAll()
	slices.SortStableFunc(es, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.Session, b.Session), cmp.Compare(a.Line, b.Line))
	})
	var sel []entry
	switch r.HistAccessType {
	case "range":
		s := r.Session
		if s <= 0 {
			s = h.session + s
		}
		for _, e := range es {
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
		for i := len(es) - 1; i >= 0 && (r.N <= 0 || len(sel) < r.N); i-- {
			e := es[i]
			if !re.MatchString(e.Input) || (r.Unique && seen[e.Input]) {
				continue
			}
			seen[e.Input] = true
			sel = append(sel, e)
		}
		for i, j := 0, len(sel)-1; i < j; i, j = i+1, j-1 {
			sel[i], sel[j] = sel[j], sel[i]
		}
	default: // tail
		n := r.N
		if n <= 0 || n > len(es) {
			n = len(es)
		}
		sel = es[len(es)-n:]
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
