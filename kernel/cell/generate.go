package cell

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"
)

// generator writes the declarations package and the plugin of a cell from
// a successful type-check.
type generator struct {
	st     *State
	r      *checkResult
	src    string
	file   string
	chunks []chunk
	extra  map[string]string

	pkgNum  int // this cell's declarations package, 0 until needed
	edits   []edit
	uses    [2]map[string]string // per output (0 decl, 1 main): alias → import path
	hoist   map[string]*hoisted  // by variable name
	newObjs []*sessionObj
	methods map[string][]string
	declVar []string // var declarations for the declarations package
	needPkg bool
	err     error // a problem found while generating

	nilable  map[string]string // session variables the statements use that can be nil: name → reference in main
	assigned map[string]bool   // session variables the cell sets
}

type hoisted struct {
	name    string
	own     bool // declared by this cell (else an earlier cell's variable of the same type)
	pkg     int
	virtual string // type in the virtual package
	real    string // type in generated code
	imports map[string]string
}

const (
	outDecl = 0
	outMain = 1
)

func (g *generator) use(out int, alias, path string) {
	if g.uses[out] == nil {
		g.uses[out] = map[string]string{}
	}
	g.uses[out][alias] = path
}

func (g *generator) out(c *chunk) int {
	if c.kind == chunkStmt {
		return outMain
	}
	return outDecl
}

// realType prints a type for generated code.
func (g *generator) realType(t types.Type, out int) string {
	w := typeWriter{
		qualify: func(obj *types.TypeName) string {
			if obj.Pkg() == g.r.pkg {
				return g.sessionRef(obj.Name(), out)
			}
			a := importAlias(obj.Pkg().Path())
			g.use(out, a, obj.Pkg().Path())
			return a + "." + obj.Name()
		},
		field: func(f *types.Var) string {
			if f.Pkg() == g.r.pkg {
				return mangle(f.Name())
			}
			return f.Name()
		},
	}
	return w.String(t)
}

// sessionRef returns how generated code in output out names the package-
// level session name.
func (g *generator) sessionRef(name string, out int) string {
	if h, ok := g.hoist[name]; ok {
		return g.hoistRef(h, out)
	}
	if g.isOwnDecl(name) {
		if out == outDecl {
			return mangle(name)
		}
		g.needPkg = true
		g.use(outMain, pkgAlias(g.pkgNum), pkgImportPath(g.pkgNum))
		return pkgAlias(g.pkgNum) + "." + mangle(name)
	}
	o := g.st.objs[name]
	if o == nil {
		return mangle(name)
	}
	g.use(out, pkgAlias(o.pkg), pkgImportPath(o.pkg))
	return pkgAlias(o.pkg) + "." + mangle(name)
}

func (g *generator) hoistRef(h *hoisted, out int) string {
	if h.own && out == outDecl {
		return mangle(h.name)
	}
	g.use(out, pkgAlias(h.pkg), pkgImportPath(h.pkg))
	return pkgAlias(h.pkg) + "." + mangle(h.name)
}

func (g *generator) isOwnDecl(name string) bool {
	obj := g.r.pkg.Scope().Lookup(name)
	if obj == nil {
		return false
	}
	_, c := g.r.inCell(obj.Pos())
	return c != nil && c.kind == chunkDecl
}

// generate rewrites the cell's code for its two packages and emits them.
func (g *generator) generate() (*Compiled, error) {
	g.pkgNum = g.st.nextPkg
	g.hoist = map[string]*hoisted{}
	g.methods = map[string][]string{}
	g.nilable = map[string]string{}
	g.assigned = map[string]bool{}
	g.hoistVariables()
	g.rewriteNames()
	var runBody *ast.BlockStmt
	for _, d := range g.r.file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == g.r.v.runName {
			runBody = fd.Body
		}
	}
	if runBody != nil {
		g.assignHoisted(runBody.List)
		g.showResult(runBody.List)
	}
	if g.err != nil {
		return nil, g.err
	}
	return g.emit()
}

// hoistVariables makes the top-level variables of the cell's statements
// session variables: a variable an earlier cell declared with the same type
// is reused, others are declared in this cell's declarations package.
func (g *generator) hoistVariables() {
	r := g.r
	for lv := range r.local {
		_, c := r.inCell(lv.Pos())
		if c == nil {
			continue
		}
		vt, imps := virtualType(lv.Type(), r.pkg)
		h := &hoisted{name: lv.Name(), virtual: vt, imports: imps}
		if o := g.st.objs[lv.Name()]; o != nil && o.kind == "var" && o.typ == vt && !g.isOwnDecl(lv.Name()) {
			h.pkg = o.pkg
		} else {
			h.own, h.pkg = true, g.pkgNum
			g.needPkg = true
		}
		g.hoist[lv.Name()] = h
	}
	for _, h := range g.hoist {
		if h.own {
			lv := r.run.Scope().Lookup(h.name).(*types.Var)
			h.real = g.realType(lv.Type(), outDecl)
			g.declVar = append(g.declVar, fmt.Sprintf("var %s %s", mangle(h.name), h.real))
			g.newObjs = append(g.newObjs, &sessionObj{name: h.name, kind: "var", pkg: g.pkgNum, cell: g.file,
				src: "var " + h.name + " " + h.virtual, typ: h.virtual, imports: h.imports,
				show: displayTypeString(lv.Type(), r.pkg)})
		}
	}
	sort.Strings(g.declVar)
}

// rewriteNames walks the cell's code: session names are qualified by the
// package that holds them, loops get interrupt checks, time.Sleep, os.Stdin
// and fmt.Scan read the notebook, and declarations are recorded.
func (g *generator) rewriteNames() {
	r := g.r
	ast.Inspect(r.file, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		off, c := r.inCell(n.Pos())
		if c == nil {
			// Outside the cell's chunks: descend only into the container
			// nodes that hold chunks.
			switch n.(type) {
			case *ast.File, *ast.FuncDecl, *ast.BlockStmt:
				return true
			}
			return false
		}
		out := g.out(c)
		switch n := n.(type) {
		case *ast.Ident:
			g.ident(n, off, out)
		case *ast.ForStmt:
			g.loopCheck(n.Body, out)
		case *ast.RangeStmt:
			g.loopCheck(n.Body, out)
		case *ast.SelectorExpr:
			if g.selector(n, off, out) {
				return false
			}
		case *ast.CallExpr:
			g.scanCall(n, out)
		case *ast.AssignStmt:
			g.noteAssigned(n.Lhs...)
		case *ast.IncDecStmt:
			g.noteAssigned(n.X)
		case *ast.FuncDecl:
			g.declare(n, off)
		case *ast.GenDecl:
			if c.kind == chunkDecl && g.topLevel(n) {
				g.declareGen(n)
			}
		}
		return true
	})
}

// assignHoisted turns the top-level := and var statements into assignments
// to the hoisted variables.
func (g *generator) assignHoisted(stmts []ast.Stmt) {
	for _, s := range stmts {
		switch s := s.(type) {
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE {
				if off, c := g.r.inCell(s.TokPos); c != nil {
					g.add(edit{off, off + 2, "="})
				}
			}
		case *ast.DeclStmt:
			g.varStmt(s)
		}
	}
}

// showResult passes the value of the cell's last expression, if it has
// one, to the runtime to display.
func (g *generator) showResult(stmts []ast.Stmt) {
	if len(stmts) == 0 {
		return
	}
	es, ok := stmts[len(stmts)-1].(*ast.ExprStmt)
	if !ok || !g.isLastChunk(es) {
		return
	}
	tv, ok := g.r.info.Types[es.X]
	if !ok || tv.IsVoid() || tv.IsType() {
		return
	}
	if tup, ok := tv.Type.(*types.Tuple); ok && tup.Len() == 0 {
		return
	}
	call, _ := ast.Unparen(es.X).(*ast.CallExpr)
	s, _ := g.r.inCell(es.X.Pos())
	e, _ := g.r.inCell(es.X.End())
	g.add(edit{s, s, Mark + "rt." + g.resultFunc(tv.Type, call) + "("})
	g.add(edit{e, e, ")"})
	g.use(outMain, Mark+"rt", RTPath)
}

// resultFunc names the runtime function that shows a last expression of
// type t (call, if it is a call): the (n, err) of fmt.Println and of Write
// methods only if err is not nil; a call's trailing error as an error when
// it is not nil, else the values before it; any other value as it is.
func (g *generator) resultFunc(t types.Type, call *ast.CallExpr) string {
	if call != nil && writeLike(t) && g.isPrintOrWrite(call) {
		return "ResultUnlessWrite"
	}
	errType := types.Universe.Lookup("error").Type()
	if tup, ok := t.(*types.Tuple); ok && types.Identical(tup.At(tup.Len()-1).Type(), errType) {
		return "ResultOrError"
	}
	if call != nil && types.Identical(t, errType) {
		return "ResultOrError"
	}
	return "Result"
}

func (g *generator) isLastChunk(es *ast.ExprStmt) bool {
	_, c := g.r.inCell(es.Pos())
	if c == nil {
		return false
	}
	last := g.chunks[len(g.chunks)-1]
	return c.start == last.start
}

// isPrintOrWrite reports whether call calls one of fmt's Print functions or
// a function or method named Write…, whose byte counts are noise.
func (g *generator) isPrintOrWrite(call *ast.CallExpr) bool {
	var id *ast.Ident
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	default:
		return false
	}
	fn, ok := g.r.info.Uses[id].(*types.Func)
	if !ok {
		return false
	}
	if fn.Pkg() != nil && fn.Pkg().Path() == "fmt" && strings.Contains(fn.Name(), "rint") {
		return true
	}
	return strings.HasPrefix(fn.Name(), "Write")
}
