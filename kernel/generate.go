package kernel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"
)

// An edit replaces cell source [start, end) by text; start == end inserts.
type edit struct {
	start, end int
	text       string
}

// generator writes the declarations package and the plugin of a cell from
// a successful type-check.
type generator struct {
	st     *compileState
	r      *checkResult
	src    string
	file   string
	chunks []chunk
	extra  map[string]string

	pkgNum  int // this cell's declarations package, 0 until needed
	edits   []edit
	uses    [2]map[string]string // per output (0 decl, 1 main): alias → import path
	hoist   map[string]*hoisted  // by variable name
	result  *ast.ExprStmt
	newObjs []*sessionObj
	methods map[string][]string
	declVar []string // var declarations for the declarations package
	needPkg bool
	err     error // a problem found while generating
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
		named: func(obj *types.TypeName) string {
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

func (g *generator) add(e edit) { g.edits = append(g.edits, e) }

func (g *generator) generate() (*compiled, error) {
	r := g.r
	g.pkgNum = g.st.nextPkg
	g.hoist = map[string]*hoisted{}
	g.methods = map[string][]string{}
	// Hoisted variables: top-level variables of the cell's statements.
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

	// Walk the cell's code.
	var runBody *ast.BlockStmt
	for _, d := range r.file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == r.v.runName {
			runBody = fd.Body
		}
	}
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
			if fd, ok := n.(*ast.FuncDecl); ok && fd.Name.Name == r.v.runName {
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
		case *ast.FuncDecl:
			g.declare(n, off)
		case *ast.GenDecl:
			if c.kind == chunkDecl && g.topLevel(n) {
				g.declareGen(n)
			}
		}
		return true
	})
	// Statements: := and var at the top level assign the hoisted variables.
	if runBody != nil {
		for _, s := range runBody.List {
			switch s := s.(type) {
			case *ast.AssignStmt:
				if s.Tok == token.DEFINE {
					if off, c := r.inCell(s.TokPos); c != nil {
						g.add(edit{off, off + 2, "="})
					}
				}
			case *ast.DeclStmt:
				g.varStmt(s)
			}
		}
		if n := len(runBody.List); n > 0 {
			if es, ok := runBody.List[n-1].(*ast.ExprStmt); ok && g.isLastChunk(es) {
				if tv, ok := r.info.Types[es.X]; ok && !tv.IsVoid() && !tv.IsType() {
					if tup, ok := tv.Type.(*types.Tuple); !ok || tup.Len() > 0 {
						s, _ := r.inCell(es.X.Pos())
						e, _ := r.inCell(es.X.End())
						fn := "rt.Result("
						if writeLike(tv.Type) {
							// fmt.Println and friends: show (n, err) only when err != nil.
							fn = "rt.ResultUnlessWrite("
						}
						g.add(edit{s, s, mark + fn})
						g.add(edit{e, e, ")"})
						g.use(outMain, mark+"rt", rtPath)
						g.result = es
					}
				}
			}
		}
	}
	if g.err != nil {
		return nil, g.err
	}
	return g.emit()
}

func (g *generator) isLastChunk(es *ast.ExprStmt) bool {
	_, c := g.r.inCell(es.Pos())
	if c == nil {
		return false
	}
	last := g.chunks[len(g.chunks)-1]
	return c.start == last.start
}

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
		g.add(edit{off, end, g.hoistRef(g.hoist[lv.Name()], out)})
		return
	}
	if obj.Parent() == r.pkg.Scope() {
		if obj.Name() == r.v.runName {
			return
		}
		g.add(edit{off, end, g.sessionRef(obj.Name(), out)})
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
	g.add(edit{off + 1, off + 1, mark + "rt.Check(); "})
	g.use(out, mark+"rt", rtPath)
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
	g.add(edit{off, end, mark + "rt." + repl})
	g.use(out, mark+"rt", rtPath)
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
	arg := mark + "rt.Stdin"
	if len(call.Args) > 0 {
		arg += ", "
	}
	g.add(edit{lp + 1, lp + 1, arg})
	g.use(out, mark+"rt", rtPath)
}

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
			g.err = &CompileError{Src: g.src, Msgs: []string{formatError(p, fmt.Sprintf(
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

// applyWithin returns cell source [a, b) with the edits inside it applied.
func (g *generator) applyWithin(a, b int) string {
	var es []edit
	for _, e := range g.edits {
		if e.start >= a && e.end <= b {
			es = append(es, e)
		}
	}
	return applyEdits(g.src, a, b, es)
}

func applyEdits(src string, a, b int, es []edit) string {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].start != es[j].start {
			return es[i].start < es[j].start
		}
		// Insertions before replacements at the same place.
		return (es[i].end - es[i].start) < (es[j].end - es[j].start)
	})
	var sb strings.Builder
	cur := a
	for _, e := range es {
		if e.start < cur {
			continue // overlapping edit: the first one wins
		}
		sb.WriteString(src[cur:e.start])
		sb.WriteString(e.text)
		cur = e.end
	}
	sb.WriteString(src[cur:b])
	return sb.String()
}

// emit writes the two files.
func (g *generator) emit() (*compiled, error) {
	out := &compiled{hasResult: g.result != nil, newMethods: g.methods}
	var declBody, mainBody strings.Builder
	for _, c := range g.chunks {
		var es []edit
		for _, e := range g.edits {
			if e.start >= c.start && e.end <= c.end {
				es = append(es, e)
			}
		}
		text := applyEdits(g.src, c.start, c.end, es)
		switch c.kind {
		case chunkDecl:
			declBody.WriteString(lineDirective(g.file, c))
			declBody.WriteString(text)
			declBody.WriteString("\n")
		case chunkStmt:
			mainBody.WriteString(lineDirective(g.file, c))
			mainBody.WriteString(text)
			mainBody.WriteString("\n")
		}
	}
	if g.needPkg {
		out.declPkg = g.pkgNum
		var b strings.Builder
		fmt.Fprintf(&b, "// Code generated by lingo for %s. DO NOT EDIT.\n\npackage c%04d\n\n", g.file, g.pkgNum)
		writeImports(&b, g.uses[outDecl], "")
		for _, v := range g.declVar {
			b.WriteString(v + "\n")
		}
		b.WriteString(declBody.String())
		out.declSrc = b.String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "// Code generated by lingo for %s. DO NOT EDIT.\n\npackage main\n\n", g.file)
	g.use(outMain, mark+"context", "context")
	blank := ""
	if g.needPkg {
		if _, used := g.uses[outMain][pkgAlias(g.pkgNum)]; !used {
			blank = pkgImportPath(g.pkgNum)
		}
	}
	writeImports(&b, g.uses[outMain], blank)
	b.WriteString("\nfunc Run(ctx " + mark + "context.Context) {")
	b.WriteString(mainBody.String())
	b.WriteString("}\n")
	out.mainSrc = b.String()
	out.key = hashString(out.declSrc, out.mainSrc)
	for _, p := range g.uses[outDecl] {
		out.declImports = append(out.declImports, p)
	}
	for _, p := range g.uses[outMain] {
		out.mainImports = append(out.mainImports, p)
	}
	if g.needPkg {
		out.mainImports = append(out.mainImports, pkgImportPath(g.pkgNum))
	}
	out.newObjs = g.newObjs
	out.newImports = map[string]string{}
	for n, p := range g.extra {
		out.newImports[n] = p
	}
	for _, is := range g.r.file.Imports {
		if _, c := g.r.inCell(is.Pos()); c == nil {
			continue
		}
		var obj types.Object
		if is.Name != nil {
			obj = g.r.info.Defs[is.Name]
		} else {
			obj = g.r.info.Implicits[is]
		}
		if pn, ok := obj.(*types.PkgName); ok && pn.Name() != "_" && pn.Name() != "." {
			out.newImports[pn.Name()] = pn.Imported().Path()
		}
	}
	return out, nil
}

// writeImports writes an import block; blank, if set, is imported for its
// effect only (the cell's declarations package, always loaded with the cell).
func writeImports(b *strings.Builder, uses map[string]string, blank string) {
	aliases := make([]string, 0, len(uses))
	for a := range uses {
		aliases = append(aliases, a)
	}
	sort.Strings(aliases)
	b.WriteString("import (\n")
	for _, a := range aliases {
		fmt.Fprintf(b, "\t%s %q\n", a, uses[a])
	}
	if blank != "" {
		fmt.Fprintf(b, "\t_ %q\n", blank)
	}
	b.WriteString(")\n")
}

// writeLike reports whether a call's results are (int, error), as for
// fmt.Println and io.Writer.Write, whose values are not worth showing.
func writeLike(t types.Type) bool {
	tup, ok := t.(*types.Tuple)
	if !ok || tup.Len() != 2 {
		return false
	}
	b, ok := tup.At(0).Type().(*types.Basic)
	return ok && b.Kind() == types.Int && types.Identical(tup.At(1).Type(), types.Universe.Lookup("error").Type())
}
