package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDocUsageIsTested checks that every line of code in a package doc's
// usage block (the tab-indented lines after "Usage") appears in one of the
// package's Example functions, so `go doc` shows code that compiles and
// runs under go test. A line whose body is elided as "{ … }" must match the
// start of an example line (a top-level func in the doc, as a student
// writes it in a notebook, is a closure in the Example). The kernel's usage
// block is shell commands.
func TestDocUsageIsTested(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "internal" || d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || d.Name() != "doc.go" || path == filepath.Join("kernel", "doc.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		usage := usageLines(string(src))
		if len(usage) == 0 {
			return nil
		}
		examples := exampleBodies(t, filepath.Dir(path))
		for _, line := range usage {
			if !inExamples(line, examples) {
				t.Errorf("%s: usage line %q is in no Example of the package", path, line)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// usageLines returns the code lines of a doc comment's usage block,
// without trailing // comments.
func usageLines(src string) []string {
	var out []string
	in := false
	for _, l := range strings.Split(src, "\n") {
		switch {
		case strings.HasPrefix(l, "// Usage") || strings.HasPrefix(l, "// # Usage"):
			in = true
		case in && strings.HasPrefix(l, "//\t"):
			code := strings.TrimSpace(strings.TrimPrefix(l, "//\t"))
			if i := strings.Index(code, "// "); i >= 0 {
				code = strings.TrimSpace(code[:i])
			}
			if code != "" {
				out = append(out, code)
			}
		case in && (l == "//" || strings.HasPrefix(l, "// ")) && len(out) == 0:
			// the blank line or a sentence between the heading and the code
		case in:
			return out
		}
	}
	return out
}

// exampleBodies returns the source lines of the Example functions in the
// test files of dir.
func exampleBodies(t *testing.T, dir string) []string {
	fset := token.NewFileSet()
	files, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
	var lines []string
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		file, err := parser.ParseFile(fset, f, src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || !strings.HasPrefix(fn.Name.Name, "Example") || fn.Body == nil {
				continue
			}
			body := string(src[fset.Position(fn.Body.Pos()).Offset:fset.Position(fn.Body.End()).Offset])
			for _, l := range strings.Split(body, "\n") {
				lines = append(lines, strings.TrimSpace(l))
			}
		}
	}
	return lines
}

func inExamples(line string, examples []string) bool {
	prefix := ""
	if i := strings.Index(line, "{ … }"); i >= 0 {
		prefix = strings.TrimSpace(line[:i])
		// A notebook's top-level "func f(…) T { … }" is a closure
		// "f := func(…) T {" in an Example.
		if name, rest, ok := strings.Cut(strings.TrimPrefix(prefix, "func "), "("); ok && strings.HasPrefix(prefix, "func ") {
			prefix = name + " := func(" + rest
		}
	}
	for _, e := range examples {
		if prefix != "" && strings.HasPrefix(e, prefix) {
			return true
		}
		if prefix == "" && strings.Contains(e, line) {
			return true
		}
	}
	return false
}
