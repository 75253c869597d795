package engine

import (
	"bufio"
	"bytes"
	"fmt"
	"go/importer"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
)

// exportImporter imports packages for type-checking cells from the export
// data the go command writes to its build cache ("go list -export"). It
// remembers every export file it has seen, so each package costs one go
// command, once per session.
type exportImporter struct {
	dir string   // session module directory
	env []string // environment of go commands

	// flags are the build flags of the go list that finds export data,
	// the fast builder's (so one go list serves the type-checker and the
	// builder).
	flags []string

	impMu sync.Mutex // the gc importer is not safe for concurrent use

	mu    sync.Mutex
	files map[string]string // import path → export data file
	errs  map[string]string // import path → why it cannot be imported
	imp   types.Importer
}

func newExportImporter(fset *token.FileSet, dir string, env, flags []string) *exportImporter {
	e := &exportImporter{dir: dir, env: env, flags: flags, files: map[string]string{}, errs: map[string]string{}}
	e.imp = importer.ForCompiler(fset, "gc", e.lookup)
	return e
}

// Import implements types.Importer.
func (e *exportImporter) Import(path string) (*types.Package, error) {
	e.impMu.Lock()
	defer e.impMu.Unlock()
	e.mu.Lock()
	imp := e.imp
	e.mu.Unlock()
	return imp.Import(path)
}

func (e *exportImporter) lookup(path string) (io.ReadCloser, error) {
	e.mu.Lock()
	f, ok := e.files[path]
	e.mu.Unlock()
	if !ok {
		if err := e.load(path); err != nil {
			return nil, err
		}
		e.mu.Lock()
		f, ok = e.files[path]
		why := e.errs[path]
		e.mu.Unlock()
		if !ok {
			if why == "" {
				why = "no export data"
			}
			return nil, fmt.Errorf("cannot import %q: %s", path, why)
		}
	}
	return os.Open(f)
}

// load runs go list for paths and their dependencies and records their
// export files. Packages already known are skipped.
func (e *exportImporter) load(paths ...string) error {
	var todo []string
	e.mu.Lock()
	for _, p := range paths {
		if _, ok := e.files[p]; !ok {
			todo = append(todo, p)
		}
	}
	e.mu.Unlock()
	if len(todo) == 0 {
		return nil
	}
	args := append(append([]string{"list", "-e"}, e.flags...), "-export", "-deps", "-f",
		"{{.ImportPath}}\t{{.Export}}\t{{if .Error}}{{.Error.Err}}{{end}}")
	args = append(args, todo...)
	cmd := exec.Command("go", args...)
	cmd.Dir = e.dir
	cmd.Env = e.env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	e.mu.Lock()
	defer e.mu.Unlock()
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), "\t", 3)
		if len(parts) < 2 {
			continue
		}
		if parts[1] != "" {
			e.files[parts[0]] = parts[1]
		} else if len(parts) == 3 && parts[2] != "" {
			e.errs[parts[0]] = parts[2]
		}
	}
	if err != nil && len(out) == 0 {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		for _, p := range todo {
			e.errs[p] = msg
		}
	}
	return nil
}

// seed records export files found without go list (those of the shared
// worker's packages); it keeps nothing if one of the files is gone (the
// build cache was trimmed), so that go list finds them again.
func (e *exportImporter) seed(files map[string]string) {
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			return
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for p, f := range files {
		if _, ok := e.files[p]; !ok {
			e.files[p] = f
		}
	}
}

// exports returns every export file known, and for each of paths that has
// none, why.
func (e *exportImporter) exports(paths []string) (map[string]string, map[string]string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	files := make(map[string]string, len(e.files))
	for p, f := range e.files {
		files[p] = f
	}
	missing := map[string]string{}
	for _, p := range paths {
		if _, ok := e.files[p]; !ok {
			missing[p] = e.errs[p]
		}
	}
	return files, missing
}

// setFlags changes the build flags; what was found with other flags is
// forgotten.
func (e *exportImporter) setFlags(fset *token.FileSet, flags []string) {
	e.mu.Lock()
	same := strings.Join(flags, " ") == strings.Join(e.flags, " ")
	e.flags = flags
	e.mu.Unlock()
	if !same {
		e.forget(fset)
	}
}

// forget drops everything known, after the module's requirements change.
func (e *exportImporter) forget(fset *token.FileSet) {
	e.mu.Lock()
	e.files = map[string]string{}
	e.errs = map[string]string{}
	e.imp = importer.ForCompiler(fset, "gc", e.lookup)
	e.mu.Unlock()
}
