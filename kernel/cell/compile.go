package cell

import (
	"errors"
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// Compile compiles one cell against the session st, which it does not
// change (Commit does, once the cell has run). file is the cell's name in
// positions and messages ("cell5"); imp imports the non-session packages.
// A cell that does not compile yields a *CompileError.
func Compile(st *State, src, file string, imp types.Importer) (*Compiled, error) {
	chunks, err := splitCell(src)
	if err != nil {
		var se *SyntaxError
		if errors.As(err, &se) {
			p := se.Pos
			p.Filename = file
			return nil, &CompileError{Msgs: []string{FormatError(p, se.Msg, src)}, Src: src}
		}
		return nil, &CompileError{Msgs: []string{file + ":" + err.Error()}, Src: src}
	}
	declared := map[string]bool{}
	for _, c := range chunks {
		if c.kind == chunkDecl {
			for _, n := range declNames(src[c.start:c.end]) {
				declared[n] = true
			}
		}
	}
	extra := map[string]string{}
	hoistedVirtual := map[string]string{}
	var r *checkResult
	for pass := 0; pass < 4; pass++ {
		v := buildVirtual(st, src, file, chunks, extra, hoistedVirtual, declared)
		r, err = typeCheck(v, imp)
		if err != nil {
			return nil, syntaxError(err, src, file)
		}
		errs := r.cellErrors(file)
		if len(errs) == 0 {
			break
		}
		again := false
		undef := undefinedNames(errs)
		for name := range undef {
			if p, ok := st.autoImport(name); ok && extra[name] == "" && st.imports[name] == "" {
				extra[name] = p
				again = true
			}
		}
		// Functions declared in the cell may use variables the cell's
		// statements define: declare those at package level and check again.
		for lv := range r.local {
			if undef[lv.Name()] && hoistedVirtual[lv.Name()] == "" && !declared[lv.Name()] {
				// A type that is not known yet (its package is
				// auto-imported in this pass) is hoisted in the next.
				ts := virtualTypeString(lv.Type(), r.pkg)
				if strings.Contains(ts, "invalid type") {
					continue
				}
				hoistedVirtual[lv.Name()] = ts
				again = true
			}
		}
		if !again {
			break
		}
	}
	if errs := r.cellErrors(file); len(errs) > 0 {
		ce := &CompileError{Src: src}
		for i, e := range errs {
			if i == 10 {
				ce.Msgs = append(ce.Msgs, fmt.Sprintf("… and %d more errors", len(errs)-10))
				break
			}
			ce.Msgs = append(ce.Msgs, FormatError(r.fset.Position(e.Pos), st.withImportHint(e.Msg), src))
		}
		return nil, ce
	}
	g := &generator{st: st, r: r, src: src, file: file, chunks: chunks, extra: extra}
	return g.generate()
}

// declNames returns the names a declaration chunk declares at package level
// (not methods).
func declNames(decl string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+decl, parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	var names []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names = append(names, d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names = append(names, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names = append(names, n.Name)
					}
				}
			}
		}
	}
	return names
}

// virtualTypeString prints t for the virtual package: session types by
// their own names, other packages' types through an alias import.
func virtualTypeString(t types.Type, virtual *types.Package) string {
	s, _ := virtualType(t, virtual)
	return s
}

func virtualType(t types.Type, virtual *types.Package) (string, map[string]string) {
	imports := map[string]string{}
	w := typeWriter{
		qualify: func(obj *types.TypeName) string {
			if obj.Pkg() == virtual {
				return obj.Name()
			}
			a := importAlias(obj.Pkg().Path())
			imports[a] = obj.Pkg().Path()
			return a + "." + obj.Name()
		},
		field: func(f *types.Var) string { return f.Name() },
	}
	return w.String(t), imports
}

// displayTypeString prints t as a user reads it: fmt.Stringer, []point.
func displayTypeString(t types.Type, virtual *types.Package) string {
	return types.TypeString(t, func(p *types.Package) string {
		if p == virtual {
			return ""
		}
		return p.Name()
	})
}

// constValue prints a constant's value as Go source that keeps its kind.
func constValue(c *types.Const) string {
	v := c.Val()
	switch v.Kind() {
	case constant.String:
		return strconv.Quote(constant.StringVal(v))
	case constant.Float:
		s := v.ExactString()
		if i := strings.Index(s, "/"); i > 0 {
			return "(" + s[:i] + ".0" + s[i:] + ")"
		}
		if !strings.ContainsAny(s, ".eE") {
			s += ".0"
		}
		return s
	case constant.Complex:
		return v.ExactString()
	}
	return v.ExactString()
}

// withImportHint adds to "undefined: mat", when mat names a package the
// cell could import, the import it lacks.
func (st *State) withImportHint(msg string) string {
	name, ok := strings.CutPrefix(msg, "undefined: ")
	if !ok || st.Known == nil {
		return msg
	}
	paths := st.Known(name)
	if len(paths) == 0 {
		return msg
	}
	if len(paths) == 1 {
		return fmt.Sprintf("%s (to use package %s, add: import %q)", msg, name, paths[0])
	}
	var imports []string
	for _, p := range paths {
		imports = append(imports, strconv.Quote(p))
	}
	return fmt.Sprintf("%s (to use a package %s, add one of: import %s)", msg, name, strings.Join(imports, ", import "))
}
