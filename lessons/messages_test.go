package lessons

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// shown is a string the lessons may show a student: a literal, a fmt
// format, or a concatenation written as a format ("for %s: %s").
type shown struct {
	pos  string
	text string
}

// isProse reports whether a string has an English word of three letters
// or more and a space or a verb: data (synset names, single words) is left
// out.
func isProse(s string) bool {
	return word3.MatchString(s) && strings.ContainsAny(s, " %")
}

var word3 = regexp.MustCompile(`[A-Za-z]{3,}`)

// shownStrings returns the prose strings of the non-test Go files under
// dir: every string literal, where a concatenation counts as one format
// with %s for its other operands and fmt.Sprintf's format in place, and
// where import paths and struct tags do not count.
func shownStrings(dir string) ([]shown, error) {
	fset := token.NewFileSet()
	var out []shown
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		skip := map[ast.Node]bool{}
		for _, im := range f.Imports {
			skip[im.Path] = true
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil || skip[n] {
				return false
			}
			switch x := n.(type) {
			case *ast.Field:
				if x.Tag != nil {
					skip[x.Tag] = true
				}
			case *ast.BinaryExpr:
				if x.Op != token.ADD {
					return true
				}
				var parts []ast.Expr
				flatten(x, &parts)
				format, lits := "", 0
				for _, p := range parts {
					if s, ok := literal(p); ok {
						format += strings.ReplaceAll(s, "%", "%%")
						lits++
						skip[p] = true
					} else if f, call := sprintfFormat(p); call != nil {
						format += f
						lits++
						skip[call.Args[0]] = true
					} else {
						format += "%s"
					}
				}
				if lits > 0 {
					out = append(out, shown{fset.Position(x.Pos()).String(), format})
				}
				// the operands' own sub-expressions (calls' other arguments) are still visited
				for _, p := range parts {
					ast.Inspect(p, func(m ast.Node) bool {
						if m != nil && m != p {
							if b, ok := m.(*ast.BasicLit); ok && !skip[b] && b.Kind == token.STRING {
								s, _ := strconv.Unquote(b.Value)
								out = append(out, shown{fset.Position(b.Pos()).String(), s})
							}
						}
						return true
					})
				}
				return false
			case *ast.BasicLit:
				if x.Kind == token.STRING {
					s, err := strconv.Unquote(x.Value)
					if err == nil {
						out = append(out, shown{fset.Position(x.Pos()).String(), s})
					}
				}
			}
			return true
		})
		return nil
	})
	var kept []shown
	for _, s := range out {
		if isProse(s.text) {
			kept = append(kept, s)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].pos < kept[j].pos })
	return kept, err
}

func flatten(e ast.Expr, parts *[]ast.Expr) {
	if p, ok := e.(*ast.ParenExpr); ok {
		e = p.X
	}
	if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.ADD {
		flatten(b.X, parts)
		flatten(b.Y, parts)
		return
	}
	*parts = append(*parts, e)
}

func literal(e ast.Expr) (string, bool) {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(b.Value)
	return s, err == nil
}

// sprintfFormat returns the format of a fmt.Sprintf call with a literal
// format.
func sprintfFormat(e ast.Expr) (string, *ast.CallExpr) {
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return "", nil
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Sprintf" {
		return "", nil
	}
	if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "fmt" {
		return "", nil
	}
	f, ok := literal(call.Args[0])
	if !ok {
		return "", nil
	}
	return f, call
}
