package cell

import (
	"fmt"
	"go/parser"
	"go/token"
	"sort"
	"strconv"
	"strings"
)

// virtualFile is the single-package view of the session used to type-check
// a cell: every current session declaration with its original name, the
// cell's declarations, and the cell's statements inside func ẞrun.
type virtualFile struct {
	src     string
	spans   []span // where the cell's chunks sit in src
	runName string
}

type span struct {
	vstart int // offset in the virtual file
	c      chunk
}

func (v *virtualFile) cellOffset(off int) (int, *chunk) {
	for i := range v.spans {
		s := &v.spans[i]
		if off >= s.vstart && off <= s.vstart+(s.c.end-s.c.start) {
			return s.c.start + off - s.vstart, &s.c
		}
	}
	return -1, nil
}

func lineDirective(file string, c chunk) string {
	return fmt.Sprintf("\n//line %s:%d:%d\n", file, c.line, c.col)
}

// buildVirtual assembles the virtual file for a cell.
func buildVirtual(st *State, src, file string, chunks []chunk, extraImports map[string]string, hoisted map[string]string, declared map[string]bool) *virtualFile {
	var b strings.Builder
	v := &virtualFile{runName: Mark + "run"}
	b.WriteString("package virtual\n\nimport " + Mark + "context \"context\"\n")
	cellImports := map[string]bool{}
	for _, c := range chunks {
		if c.kind == chunkImport {
			b.WriteString(lineDirective(file, c))
			v.spans = append(v.spans, span{b.Len(), c})
			b.WriteString(src[c.start:c.end])
			b.WriteString("\n")
			for _, name := range importNames(src[c.start:c.end]) {
				cellImports[name] = true
			}
		}
	}
	b.WriteString("\n//line session:1\n")
	names := make([]string, 0, len(st.imports)+len(extraImports))
	all := map[string]string{}
	for n, p := range st.imports {
		all[n] = p
	}
	for n, p := range extraImports {
		all[n] = p
	}
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !cellImports[n] {
			fmt.Fprintf(&b, "import %s %q\n", n, all[n])
		}
	}
	// Imports needed by the types of session variables.
	seen := map[string]bool{}
	var objNames []string
	for n := range st.objs {
		objNames = append(objNames, n)
	}
	sort.Strings(objNames)
	for _, n := range objNames {
		for alias, p := range st.objs[n].imports {
			if !seen[alias] {
				seen[alias] = true
				fmt.Fprintf(&b, "import %s %q\n", alias, p)
			}
		}
	}
	for _, n := range objNames {
		o := st.objs[n]
		if declared[n] {
			continue
		}
		if _, ok := hoisted[n]; ok {
			continue
		}
		b.WriteString(o.src)
		b.WriteString("\n")
		if o.kind == "type" {
			for _, m := range st.methods[n] {
				b.WriteString(m)
				b.WriteString("\n")
			}
		}
	}
	hn := make([]string, 0, len(hoisted))
	for n := range hoisted {
		hn = append(hn, n)
	}
	sort.Strings(hn)
	for _, n := range hn {
		fmt.Fprintf(&b, "var %s %s\n", n, hoisted[n])
	}
	for _, c := range chunks {
		if c.kind == chunkDecl {
			b.WriteString(lineDirective(file, c))
			v.spans = append(v.spans, span{b.Len(), c})
			b.WriteString(src[c.start:c.end])
			b.WriteString("\n")
		}
	}
	b.WriteString("\n//line session:2\nfunc " + v.runName + "(ctx " + Mark + "context.Context) {")
	for _, c := range chunks {
		if c.kind == chunkStmt {
			b.WriteString(lineDirective(file, c))
			v.spans = append(v.spans, span{b.Len(), c})
			b.WriteString(src[c.start:c.end])
			b.WriteString("\n")
		}
	}
	b.WriteString("}\n")
	v.src = b.String()
	return v
}

// importNames returns the names an import declaration binds.
func importNames(decl string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+decl, parser.ImportsOnly)
	if err != nil {
		return nil
	}
	var names []string
	for _, is := range f.Imports {
		p, _ := strconv.Unquote(is.Path.Value)
		if is.Name != nil {
			names = append(names, is.Name.Name)
		} else {
			names = append(names, guessPackageName(p))
		}
	}
	return names
}
