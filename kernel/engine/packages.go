package engine

import (
	"bufio"
	"bytes"
	"go/parser"
	"go/token"
	"io/fs"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/lingo-nlp/lingo/kernel/cell"
)

// lingoPackages returns Lingo's own packages that cells may use without an
// import line, by name: every package under nlp, lessons and plots in the
// source tree at root, except internal and main packages. A name two
// packages share is left out (the cell must say which it means).
func lingoPackages(root string) map[string]string {
	found := map[string][]string{}
	for _, top := range []string{"nlp", "lessons", "plots"} {
		_ = filepath.WalkDir(filepath.Join(root, top), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				switch d.Name() {
				case "internal", "testdata", "node_modules":
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			dir := filepath.Dir(p)
			rel, err := filepath.Rel(root, dir)
			if err != nil {
				return nil
			}
			importPath := path.Join(cell.ModulePath, filepath.ToSlash(rel))
			f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.PackageClauseOnly)
			if err != nil || f.Name.Name == "main" {
				return nil
			}
			name := f.Name.Name
			for _, q := range found[name] {
				if q == importPath {
					return nil
				}
			}
			found[name] = append(found[name], importPath)
			return nil
		})
	}
	out := map[string]string{}
	for name, paths := range found {
		if len(paths) == 1 {
			out[name] = paths[0]
		}
	}
	return out
}

// knownPackages lists, by name, the packages a cell could import: the
// standard library and every package Lingo depends on, without internal,
// vendored and main packages. It runs go list in the session module dir.
func knownPackages(dir string, env []string) map[string][]string {
	cmd := exec.Command("go", "list", "-e", "-deps", "-f", "{{.Name}} {{.ImportPath}}", "std", cell.ModulePath+"/...")
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil && len(out) == 0 {
		debugf("listing the known packages: %v", err)
		return nil
	}
	known := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		name, p, ok := strings.Cut(sc.Text(), " ")
		if !ok || name == "main" || name == "" || strings.Contains("/"+p+"/", "/internal/") ||
			strings.HasPrefix(p, "vendor/") || strings.HasPrefix(p, "cmd/") {
			continue
		}
		known[name] = append(known[name], p)
	}
	for _, ps := range known {
		sort.Strings(ps)
	}
	return known
}
