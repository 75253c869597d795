package training

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestOneTrainingLoop is a source check of the module: no package but
// this one clips gradients, stops early or restores best weights. Every
// neural model trains through Run (word2vec's Hogwild loop, which does
// none of the three, aside).
func TestOneTrainingLoop(t *testing.T) {
	found, files := loopFeatures(t, "../..")
	if files < 100 {
		t.Fatalf("only %d Go files under the module root", files)
	}
	for _, f := range found {
		t.Error(f)
	}
}

// loopFeatures lists the places under root, outside nlp/training (and the
// definition of ClipGradNorm in nlp/autograd), that implement a piece of
// a training loop:
//
//   - clipping: a call of ClipGradNorm;
//   - early stopping: a name containing "patience" or "earlystop";
//   - best-weights restore: a copy, append or Load whose arguments name a
//     "best" snapshot, or that copies into a tensor's Data from one.
func loopFeatures(t *testing.T, root string) (found []string, files int) {
	t.Helper()
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			if rel != "." && (rel == filepath.Join("nlp", "training") || strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		files++
		report := func(n ast.Node, what string) {
			found = append(found, fset.Position(n.Pos()).String()+": "+what)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Name.Name == "ClipGradNorm" && filepath.Dir(rel) == filepath.Join("nlp", "autograd") {
					return false // its definition
				}
			case *ast.Ident:
				name := strings.ToLower(n.Name)
				if strings.Contains(name, "patience") || strings.Contains(name, "earlystop") {
					report(n, "early stopping ("+n.Name+")")
				}
			case *ast.CallExpr:
				switch fun := callee(n.Fun); {
				case fun == "ClipGradNorm":
					report(n, "gradient clipping")
				case (fun == "copy" || fun == "append" || fun == "Load") && namesBest(n.Args):
					report(n, "best-weights snapshot or restore ("+fun+")")
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found, files
}

// callee is the name of the function a call calls (its selector's name).
func callee(fun ast.Expr) string {
	switch f := fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	case *ast.IndexExpr: // a generic function instantiated explicitly
		return callee(f.X)
	}
	return ""
}

// namesBest reports whether an argument mentions a name containing "best".
func namesBest(args []ast.Expr) bool {
	for _, a := range args {
		found := false
		ast.Inspect(a, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && strings.Contains(strings.ToLower(id.Name), "best") {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}
