package cell

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
)

// checkResult is one type-check of a virtual file.
type checkResult struct {
	v     *virtualFile
	fset  *token.FileSet
	file  *ast.File
	pkg   *types.Package
	info  *types.Info
	errs  []types.Error
	run   *types.Func
	local map[*types.Var]bool // top-level variables of the cell's statements
	last  token.Pos           // the cell's last statement, if an expression
}

func typeCheck(v *virtualFile, imp types.Importer) (*checkResult, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "virtual.go", v.src, parser.ParseComments|parser.SkipObjectResolution)
	r := &checkResult{v: v, fset: fset, file: f}
	if err != nil {
		return r, err
	}
	r.info = &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Implicits:  map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
	}
	conf := types.Config{Importer: imp, Error: func(err error) {
		if te, ok := err.(types.Error); ok {
			r.errs = append(r.errs, te)
		}
	}}
	r.pkg, _ = conf.Check(SessionPath+"/virtual", fset, []*ast.File{f}, r.info)
	r.local = map[*types.Var]bool{}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == v.runName && len(fd.Body.List) > 0 {
			if es, ok := fd.Body.List[len(fd.Body.List)-1].(*ast.ExprStmt); ok {
				r.last = es.Pos()
			}
		}
	}
	if r.pkg != nil {
		if fn, ok := r.pkg.Scope().Lookup(v.runName).(*types.Func); ok {
			r.run = fn
			sc := fn.Scope()
			for _, n := range sc.Names() {
				if lv, ok := sc.Lookup(n).(*types.Var); ok && n != "ctx" && n != "_" {
					r.local[lv] = true
				}
			}
		}
	}
	return r, nil
}

// inCell returns the cell offset and chunk of a position, or nil.
func (r *checkResult) inCell(p token.Pos) (int, *chunk) {
	if !p.IsValid() {
		return -1, nil
	}
	return r.v.cellOffset(r.fset.File(p).Offset(p))
}

// cellErrors returns the errors that concern the cell, in order, without
// those the compiler resolves itself.
func (r *checkResult) cellErrors(file string) []types.Error {
	var out []types.Error
	for _, e := range r.errs {
		p := r.fset.Position(e.Pos)
		if p.Filename != file {
			continue
		}
		if strings.Contains(e.Msg, "imported and not used") {
			continue
		}
		if e.Pos == r.last && strings.HasSuffix(e.Msg, "is not used") {
			continue // the cell's value: shown as its result
		}
		if strings.HasPrefix(e.Msg, "declared and not used: ") {
			name := strings.TrimPrefix(e.Msg, "declared and not used: ")
			top := false
			for lv := range r.local {
				if lv.Name() == name && r.fset.Position(lv.Pos()) == p {
					top = true
				}
			}
			if top {
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// undefinedNames returns the names reported as undefined in the cell.
func undefinedNames(errs []types.Error) map[string]bool {
	out := map[string]bool{}
	for _, e := range errs {
		if name, ok := strings.CutPrefix(e.Msg, "undefined: "); ok {
			out[name] = true
		}
	}
	return out
}
