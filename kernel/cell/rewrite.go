package cell

import (
	"fmt"
	"go/ast"
	"go/types"
	"sort"
	"strings"
)

func (g *generator) ident(id *ast.Ident, off, out int) {
	r := g.r
	obj := r.info.Uses[id]
	if obj == nil {
		obj = r.info.Defs[id]
	}
	if obj == nil || id.Name == "_" {
		return
	}
	if pn, ok := obj.(*types.PkgName); ok {
		g.use(out, pn.Name(), pn.Imported().Path())
		return
	}
	if obj.Pkg() != r.pkg {
		return
	}
	end := off + len(id.Name)
	if lv, ok := obj.(*types.Var); ok && r.local[lv] {
		ref := g.hoistRef(g.hoist[lv.Name()], out)
		g.add(edit{off, end, ref})
		g.noteUse(lv, ref, out)
		if r.info.Defs[id] != nil {
			g.assigned[lv.Name()] = true // x := … or var x at the top level
		}
		return
	}
	if obj.Parent() == r.pkg.Scope() {
		if obj.Name() == r.v.runName {
			return
		}
		ref := g.sessionRef(obj.Name(), out)
		g.add(edit{off, end, ref})
		if v, ok := obj.(*types.Var); ok {
			g.noteUse(v, ref, out)
		}
		return
	}
	switch o := obj.(type) {
	case *types.Var:
		if o.IsField() && !o.Exported() {
			g.add(edit{off, end, mangle(o.Name())})
		}
	case *types.Func:
		if sig, ok := o.Type().(*types.Signature); ok && sig.Recv() != nil && !o.Exported() {
			g.add(edit{off, end, mangle(o.Name())})
		}
	}
}

// loopCheck inserts a cooperative interrupt check at the top of a loop body.
func (g *generator) loopCheck(body *ast.BlockStmt, out int) {
	if body == nil {
		return
	}
	off, c := g.r.inCell(body.Lbrace)
	if c == nil {
		return
	}
	g.add(edit{off + 1, off + 1, Mark + "rt.Check(); "})
	g.use(out, Mark+"rt", RTPath)
}

// selector replaces time.Sleep and os.Stdin by interruptible versions. It
// reports whether it rewrote the whole expression.
func (g *generator) selector(se *ast.SelectorExpr, off, out int) bool {
	obj := g.r.info.Uses[se.Sel]
	if obj == nil || obj.Pkg() == nil {
		return false
	}
	var repl string
	switch obj.Pkg().Path() + "." + obj.Name() {
	case "time.Sleep":
		repl = "Sleep"
	case "os.Stdin":
		repl = "Stdin"
	default:
		return false
	}
	if _, ok := g.r.info.Uses[identOf(se.X)].(*types.PkgName); !ok {
		return false
	}
	end, _ := g.r.inCell(se.End())
	g.add(edit{off, end, Mark + "rt." + repl})
	g.use(out, Mark+"rt", RTPath)
	return true
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := e.(*ast.Ident)
	return id
}

// scanCall turns fmt.Scan, Scanln and Scanf into their F forms reading the
// notebook's input.
func (g *generator) scanCall(call *ast.CallExpr, out int) {
	se, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return
	}
	obj := g.r.info.Uses[se.Sel]
	if obj == nil || obj.Pkg() == nil || obj.Pkg().Path() != "fmt" {
		return
	}
	switch obj.Name() {
	case "Scan", "Scanln", "Scanf":
	default:
		return
	}
	soff, _ := g.r.inCell(se.Sel.Pos())
	g.add(edit{soff, soff + len(se.Sel.Name), "Fs" + se.Sel.Name[1:]})
	lp, _ := g.r.inCell(call.Lparen)
	arg := Mark + "rt.Stdin"
	if len(call.Args) > 0 {
		arg += ", "
	}
	g.add(edit{lp + 1, lp + 1, arg})
	g.use(out, Mark+"rt", RTPath)
}

// noteUse records a session variable the cell's statements use, if it can
// be nil: if the cell panics on a nil dereference, the worker says which of
// them are nil.
func (g *generator) noteUse(v *types.Var, ref string, out int) {
	if out != outMain {
		return
	}
	switch v.Type().Underlying().(type) {
	case *types.Pointer, *types.Map, *types.Signature, *types.Chan, *types.Interface:
		g.nilable[v.Name()] = ref
	}
}

// noteAssigned records the session variables among the targets of an
// assignment.
func (g *generator) noteAssigned(targets ...ast.Expr) {
	for _, t := range targets {
		id, ok := ast.Unparen(t).(*ast.Ident)
		if !ok {
			continue
		}
		obj, ok := g.r.info.Uses[id].(*types.Var)
		if !ok {
			continue
		}
		if g.r.local[obj] || obj.Parent() == g.r.pkg.Scope() {
			g.assigned[obj.Name()] = true
		}
	}
}

// nilVarsFunc is the source of the plugin's NilVars: it names the nilable
// session variables the cell uses that are nil, each with the cell that set
// it last.
func (g *generator) nilVarsFunc() string {
	names := make([]string, 0, len(g.nilable))
	for n := range g.nilable {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("\n// NilVars names the session variables this cell uses that are nil.\nfunc NilVars() (nils []string) {\n")
	for _, n := range names {
		origin := "no cell has set it"
		switch last := g.st.lastSet[n]; {
		case g.assigned[n]:
			origin = "this cell sets it"
		case last != "":
			origin = last + " set it last"
		}
		fmt.Fprintf(&b, "\tif %s == nil {\n\t\tnils = append(nils, %q)\n\t}\n", g.nilable[n], n+" is nil ("+origin+")")
	}
	b.WriteString("\treturn nils\n}\n")
	return b.String()
}
