package engine

import (
	"strconv"
	"strings"

	"github.com/lingo-nlp/lingo/kernel/cell"
)

// withSource adds the source line after each "cellN:L" frame of a
// traceback.
func (e *Engine) withSource(tb []string) []string {
	var out []string
	for _, l := range tb {
		out = append(out, l)
		t := strings.TrimSpace(l)
		if !strings.HasPrefix(t, "cell") {
			continue
		}
		f, rest, ok := strings.Cut(t, ":")
		if !ok {
			continue
		}
		num := rest
		if i := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
			num = rest[:i]
		}
		n, err := strconv.Atoi(num)
		src, ok := e.sources[f]
		if err != nil || !ok {
			continue
		}
		lines := strings.Split(src, "\n")
		if n >= 1 && n <= len(lines) {
			out = append(out, "      "+strings.TrimSpace(lines[n-1]))
		}
	}
	return out
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
