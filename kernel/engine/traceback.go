package engine

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/lingo-nlp/lingo/kernel/cell"
)

// A frame is one call of a goroutine's stack that ran a cell's code.
type frame struct {
	fn   string // as the user reads it: "explode", "(*account).deposit", "" for the cell's own statements
	file string // cell[23]
	line int
}

var (
	// "\tcell[23]:3 +0x1d" under a function line of a stack dump.
	frameFile = regexp.MustCompile(`^\t((?:cell|silent)\[\d+\]):(\d+)(?: |$)`)
	// "lingo.session/r0123…abc.Run": the package of a cell's statements.
	runPackage = regexp.MustCompile(`^r[0-9a-f]{24}\.`)
)

// cellFrames returns the frames that ran cell code in the first goroutine
// of a Go stack dump (debug.Stack, or the report of a fatal error) that has
// any, innermost first.
func cellFrames(dump string) []frame {
	var fs []frame
	lines := strings.Split(dump, "\n")
	for i := 1; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], "goroutine ") && len(fs) > 0 {
			break // the goroutine that ran the cell is done
		}
		m := frameFile.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		fs = append(fs, frame{fn: funcName(lines[i-1]), file: m[1], line: n})
	}
	return fs
}

// funcName turns the function line of a stack dump into what the user
// wrote: "lingo.session/c0003.ẞexplode(0x1, …)" → "explode"; the cell's own
// statements (package r…, function Run) → ""; closures → "a function
// literal".
func funcName(s string) string {
	if i := strings.LastIndex(s, "("); i > 0 && strings.HasSuffix(strings.TrimSpace(s), ")") {
		s = s[:i]
	}
	s = runPackage.ReplaceAllString(cell.CleanNames(strings.TrimSpace(s)), "")
	if s == "Run" {
		return ""
	}
	if i := strings.Index(s, ".func"); i >= 0 {
		if s[:i] == "Run" {
			return "a function literal"
		}
		return "a function literal in " + s[:i]
	}
	if i := strings.Index(s, ".gowrap"); i >= 0 {
		return funcName(s[:i])
	}
	return s
}

// formatFrames renders frames as traceback lines, at most max of them:
// "cell[4] line 2 in explode" followed by that line of the cell. A run of
// one frame repeated (a recursion) is shown once, with its count.
func (e *Engine) formatFrames(fs []frame, max int) []string {
	var out []string
	for i := 0; i < len(fs); {
		j := i + 1
		for j < len(fs) && fs[j] == fs[i] {
			j++
		}
		f := fs[i]
		where := fmt.Sprintf("  %s line %d", f.file, f.line)
		if f.fn != "" {
			where += " in " + f.fn
		}
		if j-i > 1 {
			where += fmt.Sprintf(" (%d times)", j-i)
		}
		lines := []string{where}
		if src := e.sourceLine(f.file, f.line); src != "" {
			lines = append(lines, "      "+src)
		}
		if len(out)+len(lines) > max {
			return append(out, "  …")
		}
		out = append(out, lines...)
		i = j
	}
	return out
}

// sourceLine returns line n of the cell called file, trimmed.
func (e *Engine) sourceLine(file string, n int) string {
	e.srcMu.Lock()
	src, ok := e.sources[file]
	e.srcMu.Unlock()
	if !ok {
		return ""
	}
	lines := strings.Split(src, "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimSpace(lines[n-1])
}

// crashStart returns where the report of a fatal error starts in text
// written to the worker's standard error, or -1. atLineStart says whether
// text starts a line. The Go runtime's reports start a line with one of a
// few phrases.
func crashStart(text string, atLineStart bool) int {
	for i := 0; i < len(text); i++ {
		if i == 0 && !atLineStart || i > 0 && text[i-1] != '\n' {
			continue
		}
		for _, p := range []string{"panic: ", "fatal error: ", "runtime: ", "unexpected fault address", "SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGABRT"} {
			if strings.HasPrefix(text[i:], p) {
				return i
			}
		}
	}
	return -1
}

// crashSummary turns the report of a fatal error that killed the worker
// into a headline ("fatal error: stack overflow") and the frames of the
// cells that were running.
func (e *Engine) crashSummary(stderr string, maxFrames int) (headline string, frames []string) {
	i := crashStart(stderr, true)
	if i < 0 {
		return "", nil
	}
	report := stderr[i:]
	for _, l := range strings.Split(report, "\n") {
		if strings.HasPrefix(l, "panic: ") || strings.HasPrefix(l, "fatal error: ") {
			headline = cell.CleanNames(strings.TrimSpace(l))
			break
		}
	}
	if headline == "" {
		headline, _, _ = strings.Cut(report, "\n")
	}
	return headline, e.formatFrames(cellFrames(report), maxFrames)
}

func cleanBundle(b map[string]string) map[string]string {
	if t, ok := b["text/plain"]; ok {
		b["text/plain"] = cell.CleanNames(t)
	}
	return b
}

func nonEmpty(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
