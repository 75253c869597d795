package cell

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// declare records a function or method the cell declares.
func (g *generator) declare(fd *ast.FuncDecl, off int) {
	if fd.Name.Name == g.r.v.runName {
		return
	}
	g.needPkg = true
	start, _ := g.r.inCell(fd.Pos())
	lb, _ := g.r.inCell(fd.Body.Lbrace)
	sig := g.src[start:lb] + "{ panic(0) }"
	if fd.Recv != nil {
		base := recvBase(fd.Recv.List[0].Type)
		if !g.isOwnDecl(base) && g.err == nil {
			cell := "an earlier cell"
			if o := g.st.objs[base]; o != nil && o.cell != "" {
				cell = o.cell
			}
			p := g.r.fset.Position(fd.Name.Pos())
			g.err = &CompileError{Src: g.src, Msgs: []string{FormatError(p, fmt.Sprintf(
				"method %s is declared on type %s from %s: Go only allows methods in the package of their type, so declare it in the same cell as %s (re-run that cell with the method added)",
				fd.Name.Name, base, cell, base), g.src)}}
		}
		g.methods[base] = append(g.methods[base], sig)
		return
	}
	g.newObjs = append(g.newObjs, &sessionObj{name: fd.Name.Name, kind: "func", pkg: g.pkgNum, cell: g.file, src: sig,
		typ: displayTypeString(g.r.info.Defs[fd.Name].Type(), g.r.pkg)})
}

func recvBase(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}

func (g *generator) topLevel(gd *ast.GenDecl) bool {
	for _, d := range g.r.file.Decls {
		if d == gd {
			return true
		}
	}
	return false
}

func (g *generator) declareGen(gd *ast.GenDecl) {
	g.needPkg = true
	for _, s := range gd.Specs {
		switch s := s.(type) {
		case *ast.TypeSpec:
			a, _ := g.r.inCell(s.Pos())
			b, _ := g.r.inCell(s.End())
			g.newObjs = append(g.newObjs, &sessionObj{name: s.Name.Name, kind: "type", pkg: g.pkgNum, cell: g.file,
				src: "type " + g.src[a:b], typ: "type"})
			if _, ok := g.methods[s.Name.Name]; !ok {
				g.methods[s.Name.Name] = nil
			}
		case *ast.ValueSpec:
			for _, n := range s.Names {
				obj := g.r.info.Defs[n]
				if obj == nil || n.Name == "_" {
					continue
				}
				switch o := obj.(type) {
				case *types.Const:
					typ := ""
					if b, ok := o.Type().(*types.Basic); !ok || b.Info()&types.IsUntyped == 0 {
						typ = " " + virtualTypeString(o.Type(), g.r.pkg)
					}
					vt, imps := virtualType(o.Type(), g.r.pkg)
					g.newObjs = append(g.newObjs, &sessionObj{name: n.Name, kind: "const", pkg: g.pkgNum, cell: g.file,
						src: "const " + n.Name + typ + " = " + constValue(o), typ: vt, imports: imps})
				case *types.Var:
					g.assigned[n.Name] = true
					vt, imps := virtualType(o.Type(), g.r.pkg)
					g.newObjs = append(g.newObjs, &sessionObj{name: n.Name, kind: "var", pkg: g.pkgNum, cell: g.file,
						src: "var " + n.Name + " " + vt, typ: vt, imports: imps})
				}
			}
		}
	}
}

// varStmt turns a top-level var statement into assignments to the hoisted
// variables, keeping the statement's line count.
func (g *generator) varStmt(ds *ast.DeclStmt) {
	gd, ok := ds.Decl.(*ast.GenDecl)
	if !ok || gd.Tok != token.VAR {
		return
	}
	start, c := g.r.inCell(gd.Pos())
	if c == nil {
		return
	}
	end, _ := g.r.inCell(gd.End())
	var parts []string
	for _, s := range gd.Specs {
		vs := s.(*ast.ValueSpec)
		var lhs []string
		for _, n := range vs.Names {
			if n.Name == "_" {
				lhs = append(lhs, "_")
				continue
			}
			lhs = append(lhs, g.hoistRef(g.hoist[n.Name], outMain))
		}
		if len(vs.Values) > 0 {
			a, _ := g.r.inCell(vs.Values[0].Pos())
			b, _ := g.r.inCell(vs.Values[len(vs.Values)-1].End())
			parts = append(parts, strings.Join(lhs, ", ")+" = "+g.applyWithin(a, b))
		} else {
			for i, n := range vs.Names {
				if n.Name == "_" {
					continue
				}
				t := g.r.info.Defs[n].Type()
				parts = append(parts, lhs[i]+" = *new("+g.realType(t, outMain)+")")
			}
		}
	}
	// Drop the edits inside the statement; they are applied above.
	kept := g.edits[:0]
	for _, e := range g.edits {
		if e.start < start || e.end > end {
			kept = append(kept, e)
		}
	}
	g.edits = kept
	text := strings.Join(parts, "; ")
	if n := strings.Count(g.src[start:end], "\n") - strings.Count(text, "\n"); n > 0 {
		text += strings.Repeat("\n", n)
	}
	g.add(edit{start, end, text})
}
