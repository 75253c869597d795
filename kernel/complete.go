package kernel

import (
	"bytes"
	"go/scanner"
	"go/token"
	"go/types"
	"os/exec"
	"sort"
	"strings"
	"unicode"
)

// isComplete tells Jupyter whether code can run as it is ("complete"),
// needs more lines ("incomplete", with an indent) or is broken ("invalid").
func isComplete(code string) (string, string) {
	if strings.TrimSpace(code) == "" {
		return "complete", ""
	}
	if t := strings.TrimSpace(code); strings.HasPrefix(t, "%") || strings.HasPrefix(t, "!") {
		return "complete", ""
	}
	fset := token.NewFileSet()
	f := fset.AddFile("", -1, len(code))
	var s scanner.Scanner
	unterminated, bad := false, false
	s.Init(f, []byte(code), func(_ token.Position, msg string) {
		if strings.Contains(msg, "not terminated") {
			unterminated = true
		} else {
			bad = true
		}
	}, 0)
	depth := 0
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
		}
		if !(tok == token.SEMICOLON && lit == "\n") {
			last = tok
		}
	}
	switch {
	case unterminated:
		return "incomplete", ""
	case bad || depth < 0:
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

// sessionCheck type-checks the session with the code before the cursor's
// line as the cell, for completion and inspection.
func (e *Engine) sessionCheck(code string) *checkResult {
	e.mu.Lock()
	defer e.mu.Unlock()
	st := e.st
	chunks, err := splitCell(code)
	if err != nil {
		chunks = nil
		code = ""
	}
	v := buildVirtual(&st, code, "cellX", chunks, nil, nil, map[string]bool{})
	r, err := typeCheck(v, e.imp)
	if err != nil || r.pkg == nil {
		v = buildVirtual(&st, "", "cellX", nil, nil, nil, map[string]bool{})
		r, _ = typeCheck(v, e.imp)
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

// Complete answers a complete_request.
func (e *Engine) Complete(code string, cursor int) map[string]any {
	expr, prefix, start := wordBefore(code, cursor)
	lineStart := strings.LastIndex(string([]rune(code)[:start]), "\n") + 1
	r := e.sessionCheck(string([]rune(code)[:lineStart]))
	var cands []string
	if expr != "" && r != nil && r.pkg != nil {
		if pn, ok := lookupPkgName(r, expr); ok {
			for _, n := range pn.Scope().Names() {
				if token.IsExported(n) {
					cands = append(cands, n)
				}
			}
		} else if p, ok := stdPackages[expr]; ok {
			if pkg, err := e.imp.Import(p); err == nil {
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
				if !strings.HasPrefix(n, mark) {
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
		e.mu.Lock()
		for n := range e.st.imports {
			cands = append(cands, n)
		}
		e.mu.Unlock()
		for n := range stdPackages {
			if !strings.HasPrefix(n, mark) {
				cands = append(cands, n)
			}
		}
	}
	seen := map[string]bool{}
	matches := []string{}
	for _, c := range cands {
		if strings.HasPrefix(c, prefix) && !seen[c] && !strings.HasPrefix(c, mark) && c != "ctx" || (c == "ctx" && strings.HasPrefix(c, prefix) && !seen[c]) {
			seen[c] = true
			matches = append(matches, c)
		}
	}
	sort.Strings(matches)
	return map[string]any{"status": "ok", "matches": matches, "cursor_start": start, "cursor_end": cursor, "metadata": map[string]any{}}
}

func lookupPkgName(r *checkResult, name string) (*types.Package, bool) {
	for _, is := range r.file.Imports {
		var obj types.Object
		if is.Name != nil {
			obj = r.info.Defs[is.Name]
		} else {
			obj = r.info.Implicits[is]
		}
		if pn, ok := obj.(*types.PkgName); ok && pn.Name() == name {
			return pn.Imported(), true
		}
	}
	return nil, false
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

// Inspect answers an inspect_request: the signature or type of the name at
// the cursor, and its documentation.
func (e *Engine) Inspect(code string, cursor int, detail int) map[string]any {
	r := []rune(code)
	if cursor > len(r) {
		cursor = len(r)
	}
	end := cursor
	for end < len(r) && (unicode.IsLetter(r[end]) || unicode.IsDigit(r[end]) || r[end] == '_') {
		end++
	}
	expr, prefix, _ := wordBefore(string(r[:end]), end)
	name := prefix
	if expr != "" {
		name = expr + "." + prefix
	}
	notFound := map[string]any{"status": "ok", "found": false, "data": map[string]any{}, "metadata": map[string]any{}}
	if name == "" {
		return notFound
	}
	var text string
	ck := e.sessionCheck("")
	e.mu.Lock()
	o := e.st.objs[name]
	e.mu.Unlock()
	switch {
	case o != nil:
		text = strings.ReplaceAll(o.src, "{ panic(0) }", "")
		if o.kind == "var" {
			text = "var " + name + " " + strings.ReplaceAll(o.typ, mark+"i_", "")
		}
	case expr != "":
		path := ""
		if ck != nil && ck.pkg != nil {
			if p, ok := lookupPkgName(ck, expr); ok {
				path = p.Path()
			}
		}
		if path == "" {
			if p, ok := stdPackages[expr]; ok {
				path = p
			}
		}
		if path != "" {
			cmd := exec.Command("go", "doc", path+"."+prefix)
			cmd.Dir = e.dir
			cmd.Env = e.env
			var out bytes.Buffer
			cmd.Stdout = &out
			if cmd.Run() == nil {
				text = out.String()
			}
		} else if ck != nil && ck.pkg != nil {
			if tv, err := ck.evalIn(name); err == nil && tv.Type != nil {
				text = name + " " + displayTypeString(tv.Type, ck.pkg)
			}
		}
	default:
		if ck != nil && ck.pkg != nil {
			if tv, err := ck.evalIn(name); err == nil && tv.Type != nil {
				text = name + " " + displayTypeString(tv.Type, ck.pkg)
			}
		}
	}
	if text == "" {
		return notFound
	}
	return map[string]any{"status": "ok", "found": true, "data": map[string]any{"text/plain": cleanNames(text)}, "metadata": map[string]any{}}
}
