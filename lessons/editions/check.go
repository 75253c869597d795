package editions

import (
	"fmt"
	"strings"
)

// shared is a code cell both editions must have, with its index in its
// notebook.
type shared struct {
	i int
	c *Cell
}

// sharedCode returns the English notebook's code cells that no marked
// Chinese cell replaces, and the Chinese notebook's unmarked code cells.
func sharedCode(en, zh *Notebook) (e, z []shared, replaced map[string]bool) {
	replaced = map[string]bool{}
	for _, c := range zh.Cells {
		if c.Type() == "code" && c.Edition() != "" {
			for _, id := range c.Replaces() {
				replaced[id] = true
			}
		}
	}
	for i, c := range en.Cells {
		if c.Type() == "code" && !(c.ID() != "" && replaced[c.ID()]) {
			e = append(e, shared{i, c})
		}
	}
	for i, c := range zh.Cells {
		if c.Type() == "code" && c.Edition() == "" {
			z = append(z, shared{i, c})
		}
	}
	return e, z, replaced
}

// Check compares the code of an English notebook and its Chinese edition
// and returns one line per difference outside the Chinese edition's marked
// cells; none means the editions run the same code.
func Check(en, zh *Notebook) []string {
	e, z, replaced := sharedCode(en, zh)
	var out []string
	ids := map[string]bool{}
	for _, c := range en.Cells {
		if c.ID() != "" {
			ids[c.ID()] = true
		}
	}
	for id := range replaced {
		if !ids[id] {
			out = append(out, fmt.Sprintf("a marked cell replaces %q, which the English notebook does not have", id))
		}
	}
	for i, c := range zh.Cells {
		if c.Type() == "code" && c.Edition() != "" && c.Edition() != "zh" {
			out = append(out, fmt.Sprintf("zh %s is marked for edition %q; only \"zh\" is known", c.name(i), c.Edition()))
		}
	}
	n := min(len(e), len(z))
	for k := 0; k < n; k++ {
		a, b := e[k], z[k]
		if a.c.Source() != b.c.Source() {
			out = append(out, fmt.Sprintf("shared code cell %d: en %s and zh %s differ: %s", k+1, a.c.name(a.i), b.c.name(b.i), firstDiff(a.c.Source(), b.c.Source())))
			if len(out) > 20 {
				return append(out, "… (run go run ./lessons/zhsync to copy the English code)")
			}
		}
	}
	for _, a := range e[n:] {
		out = append(out, fmt.Sprintf("en %s has no twin in the Chinese edition", a.c.name(a.i)))
	}
	for _, b := range z[n:] {
		out = append(out, fmt.Sprintf("zh %s is not in the English edition (mark it \"edition\": \"zh\" if it is Chinese data)", b.c.name(b.i)))
	}
	return out
}

// firstDiff names the first line where a and b differ.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) || i < len(lb); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("line %d: en %q, zh %q", i+1, x, y)
		}
	}
	return "same lines"
}
