package cell

import (
	"errors"
	"go/scanner"
	"go/token"
	"go/types"
	"sort"
	"strings"
	"unicode"
)

// IsComplete tells Jupyter whether code can run as it is ("complete"),
// needs more lines ("incomplete", with an indent) or can never run, whatever
// follows ("invalid"). Magics are complete lines.
func IsComplete(code string) (status, indent string) {
	for _, seg := range Segments(code) {
		if seg.Kind != GoCode {
			continue
		}
		if st, ind := goComplete(seg.Text); st != "complete" {
			return st, ind
		}
	}
	return "complete", ""
}

func goComplete(code string) (status, indent string) {
	fset := token.NewFileSet()
	f := fset.AddFile("", -1, len(code))
	var s scanner.Scanner
	open, bad := false, false
	s.Init(f, []byte(code), func(_ token.Position, msg string) {
		if msg == "raw string literal not terminated" || msg == "comment not terminated" {
			open = true
		} else {
			bad = true
		}
	}, 0)
	depth, closedTooMany := 0, false
	last := token.ILLEGAL
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
			closedTooMany = closedTooMany || depth < 0 // nothing typed later can open it
		}
		if !(tok == token.SEMICOLON && lit == "\n") {
			last = tok
		}
	}
	switch {
	case open:
		return "incomplete", ""
	case bad || closedTooMany:
		return "invalid", ""
	case depth > 0:
		return "incomplete", strings.Repeat("    ", depth)
	}
	switch last {
	case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.AND, token.OR, token.XOR,
		token.LAND, token.LOR, token.COMMA, token.ASSIGN, token.DEFINE, token.PERIOD, token.ARROW:
		return "incomplete", ""
	}
	if _, err := splitCell(code); err != nil {
		var se *SyntaxError
		if errors.As(err, &se) && se.AtEnd {
			return "incomplete", ""
		}
		return "invalid", ""
	}
	return "complete", ""
}

var goKeywords = []string{"break", "case", "chan", "const", "continue", "default", "defer", "else",
	"fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
	"return", "select", "struct", "switch", "type", "var"}

// wordBefore returns the identifier (with dotted prefix) ending at cursor.
func wordBefore(code string, cursor int) (expr, prefix string, start int) {
	r := []rune(code)
	if cursor > len(r) {
		cursor = len(r)
	}
	i := cursor
	for i > 0 && (unicode.IsLetter(r[i-1]) || unicode.IsDigit(r[i-1]) || r[i-1] == '_') {
		i--
	}
	prefix = string(r[i:cursor])
	start = i
	if i > 0 && r[i-1] == '.' {
		j := i - 1
		for j > 0 && (unicode.IsLetter(r[j-1]) || unicode.IsDigit(r[j-1]) || r[j-1] == '_' || r[j-1] == '.') {
			j--
		}
		expr = string(r[j : i-1])
	}
	return expr, prefix, start
}

// sessionCheck type-checks the session with code as the cell, for
// completion and inspection. A cell that does not split is left out.
func sessionCheck(st *State, imp types.Importer, code string) *checkResult {
	chunks, err := splitCell(code)
	if err != nil {
		chunks = nil
		code = ""
	}
	v := buildVirtual(st, code, "cellX", chunks, nil, nil, map[string]bool{})
	r, err := typeCheck(v, imp)
	if err != nil || r.pkg == nil {
		v = buildVirtual(st, "", "cellX", nil, nil, nil, map[string]bool{})
		r, _ = typeCheck(v, imp)
	}
	return r
}

// evalIn evaluates expr where the cell's top-level names are visible.
func (r *checkResult) evalIn(expr string) (types.TypeAndValue, error) {
	pos := token.NoPos
	if r.run != nil {
		pos = r.run.Scope().End() - 1
	}
	return types.Eval(r.fset, r.pkg, pos, expr)
}

// Complete returns the names that complete the word before cursor (a rune
// offset into code), sorted, and the rune offset where that word starts:
// members after a dot, else keywords, builtins, session names and packages.
func Complete(st *State, imp types.Importer, code string, cursor int) (matches []string, start int) {
	expr, prefix, start := wordBefore(code, cursor)
	lineStart := strings.LastIndex(string([]rune(code)[:start]), "\n") + 1
	r := sessionCheck(st, imp, string([]rune(code)[:lineStart]))
	var cands []string
	if expr != "" && r != nil && r.pkg != nil {
		if pn, ok := lookupPkgName(r, expr); ok {
			for _, n := range pn.Scope().Names() {
				if token.IsExported(n) {
					cands = append(cands, n)
				}
			}
		} else if p, ok := st.autoImport(expr); ok {
			if pkg, err := imp.Import(p); err == nil {
				for _, n := range pkg.Scope().Names() {
					if token.IsExported(n) {
						cands = append(cands, n)
					}
				}
			}
		} else if tv, err := r.evalIn(expr); err == nil && tv.Type != nil {
			cands = membersOf(tv.Type)
		}
	} else if expr == "" {
		cands = append(cands, goKeywords...)
		cands = append(cands, types.Universe.Names()...)
		if r != nil && r.pkg != nil {
			for _, n := range r.pkg.Scope().Names() {
				if !strings.HasPrefix(n, Mark) {
					cands = append(cands, n)
				}
			}
			if r.run != nil {
				cands = append(cands, r.run.Scope().Names()...)
			}
			for _, is := range r.file.Imports {
				if is.Name != nil {
					cands = append(cands, is.Name.Name)
				}
			}
		}
		for n := range st.imports {
			cands = append(cands, n)
		}
		for _, n := range st.autoImportNames() {
			if !strings.HasPrefix(n, Mark) {
				cands = append(cands, n)
			}
		}
	}
	seen := map[string]bool{}
	matches = []string{}
	for _, c := range cands {
		if strings.HasPrefix(c, prefix) && !seen[c] && !strings.HasPrefix(c, Mark) && c != "ctx" || (c == "ctx" && strings.HasPrefix(c, prefix) && !seen[c]) {
			seen[c] = true
			matches = append(matches, c)
		}
	}
	sort.Strings(matches)
	return matches, start
}

// membersOf lists the fields and methods reachable from a value of type t.
func membersOf(t types.Type) []string {
	var out []string
	seen := map[string]bool{}
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, typ := range []types.Type{t, types.NewPointer(t)} {
		if _, isPtr := t.(*types.Pointer); isPtr && typ != t {
			continue
		}
		ms := types.NewMethodSet(typ)
		for i := 0; i < ms.Len(); i++ {
			add(ms.At(i).Obj().Name())
		}
	}
	var fields func(t types.Type, depth int)
	fields = func(t types.Type, depth int) {
		if depth > 3 {
			return
		}
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok {
			return
		}
		for i := 0; i < st.NumFields(); i++ {
			f := st.Field(i)
			add(f.Name())
			if f.Embedded() {
				fields(f.Type(), depth+1)
			}
		}
	}
	fields(t, 0)
	return out
}
