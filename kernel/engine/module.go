package engine

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/lingo-nlp/lingo/kernel/cell"
)

// BuiltRoot is the directory of Lingo's source recorded when the lingo
// binary was built (install.sh sets it with -ldflags -X on package kernel,
// which copies it here). LINGO_ROOT overrides it.
var BuiltRoot string

// SourceRoot finds Lingo's source tree, which the session module builds
// against: $LINGO_ROOT, the directory recorded at build time, a checkout
// that contains the working directory, or the module cache for a binary
// installed with go install.
func SourceRoot() (string, error) {
	for _, dir := range []string{os.Getenv("LINGO_ROOT"), BuiltRoot} {
		if dir != "" && isLingoRoot(dir) {
			return dir, nil
		}
	}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			if isLingoRoot(d) {
				return d, nil
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Path == cell.ModulePath && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		out, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err == nil {
			d := filepath.Join(strings.TrimSpace(string(out)), cell.ModulePath+"@"+bi.Main.Version)
			if isLingoRoot(d) {
				return d, nil
			}
		}
	}
	return "", errors.New("lingo: cannot find Lingo's source tree; set LINGO_ROOT to the directory of the lingo checkout (the one with go.mod)")
}

func isLingoRoot(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	return err == nil && bytes.Contains(b, []byte("module "+cell.ModulePath+"\n"))
}

// goEnv is the environment of the go commands the kernel runs.
func goEnv() []string {
	env := os.Environ()
	env = append(env, "CGO_ENABLED=1", "GOWORK=off")
	flags := os.Getenv("GOFLAGS")
	if !strings.Contains(flags, "-mod=") {
		flags = strings.TrimSpace(flags + " -mod=mod")
	}
	if tags := BuildTags(); tags != "" {
		flags += " -tags=" + tags
	}
	if _, ok := os.LookupEnv("GOEXPERIMENT"); !ok {
		if e := Experiment(); e != "" {
			env = append(env, "GOEXPERIMENT="+e)
		}
	}
	return append(env, "GOFLAGS="+flags)
}

// BuildTags are the build tags of the worker and of every cell, from
// LINGO_BUILD_TAGS (none are needed for speed: see speed.go). The worker
// and its plugins must agree, so the tags are part of the worker's cache
// key.
func BuildTags() string {
	return strings.Join(strings.FieldsFunc(os.Getenv("LINGO_BUILD_TAGS"), func(r rune) bool { return r == ' ' || r == ',' }), ",")
}

// newSessionModule creates the module cell code is built in: it requires
// Lingo at root (by a replace directive) and every module Lingo requires.
func newSessionModule(root string) (string, error) {
	cache, err := CacheDir()
	if err != nil {
		return "", err
	}
	base := filepath.Join(cache, "sessions")
	if err := os.MkdirAll(base, 0o700); err != nil {
		return "", fmt.Errorf("lingo: creating %s: %w", base, err)
	}
	if err := CheckPrivate(base); err != nil {
		return "", err
	}
	removeStaleSessions(base)
	dir, err := os.MkdirTemp(base, "s-")
	if err != nil {
		return "", fmt.Errorf("lingo: creating a session directory: %w", err)
	}
	_ = os.WriteFile(filepath.Join(dir, "pid"), []byte(strconv.Itoa(os.Getpid())), 0o644)
	if err := writeSessionFiles(dir, root); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	return dir, nil
}

// removeStaleSessions deletes the session directories of kernels that are
// no longer running (a killed kernel cannot clean up after itself).
func removeStaleSessions(base string) {
	dirs, _ := filepath.Glob(filepath.Join(base, "s-*"))
	for _, d := range dirs {
		b, err := os.ReadFile(filepath.Join(d, "pid"))
		if err != nil {
			if fi, err := os.Stat(d); err == nil && time.Since(fi.ModTime()) > 24*time.Hour {
				os.RemoveAll(d)
			}
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || syscall.Kill(pid, 0) == syscall.ESRCH {
			os.RemoveAll(d)
		}
	}
}

func writeSessionFiles(dir, root string) error {
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return fmt.Errorf("lingo: reading Lingo's go.mod: %w", err)
	}
	var b strings.Builder
	b.WriteString("module " + cell.SessionPath + "\n\n")
	for _, line := range strings.Split(string(gomod), "\n") {
		if strings.HasPrefix(line, "module ") {
			continue
		}
		b.WriteString(line + "\n")
	}
	fmt.Fprintf(&b, "require %s v0.0.0-00010101000000-000000000000\n\nreplace %s => %s\n", cell.ModulePath, cell.ModulePath, root)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	if sum, err := os.ReadFile(filepath.Join(root, "go.sum")); err == nil {
		if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "worker"), 0o755); err != nil {
		return err
	}
	main := "// Code generated by lingo. DO NOT EDIT.\n\n// The Lingo worker: it loads and runs compiled cells.\npackage main\n\nimport \"" + cell.ModulePath + "/kernel/worker\"\n\nfunc main() { worker.Main() }\n"
	return os.WriteFile(filepath.Join(dir, "worker", "main.go"), []byte(main), 0o644)
}

// workerBinary builds the worker in the session module, or reuses a
// worker built before from the same sources.
func workerBinary(dir, root string, env []string) (string, error) {
	key, err := sourceKey(dir, root)
	if err != nil {
		return "", err
	}
	cache, err := CacheDir()
	if err != nil {
		return "", err
	}
	workers := filepath.Join(cache, "workers")
	if err := os.MkdirAll(workers, 0o700); err != nil {
		return "", err
	}
	if err := CheckPrivate(workers); err != nil {
		return "", err
	}
	bin := filepath.Join(workers, "worker-"+key)
	if _, err := os.Lstat(bin); err != nil {
		// A system install's worker for the same sources, built at install.
		if sys, ok := systemWorker("worker-" + key); ok {
			return sys, nil
		}
	} else {
		// Only a worker this user built, that nobody else can rewrite, runs.
		if err := CheckPrivate(bin); err != nil {
			return "", err
		}
		return bin, nil
	}
	tmp := bin + fmt.Sprintf(".tmp%d", os.Getpid())
	cmd := exec.Command("go", "build", "-o", tmp, "./worker")
	cmd.Dir = dir
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("lingo: building the worker failed: %v\n%s", err, out)
	}
	if err := os.Rename(tmp, bin); err != nil {
		return "", err
	}
	return bin, nil
}

// sourceKey identifies a worker build: the Go toolchain, the session
// module files and every Go file of Lingo (name, size, time).
func sourceKey(dir, root string) (string, error) {
	h := sha256.New()
	fmt.Fprintln(h, runtime.Version(), os.Getenv("GOFLAGS"), os.Getenv("CGO_CFLAGS"), BuildTags(), Experiment())
	if gv, err := exec.Command("go", "env", "GOVERSION").Output(); err == nil {
		h.Write(gv)
	}
	for _, f := range []string{"go.mod", "go.sum", "worker/main.go"} {
		b, _ := os.ReadFile(filepath.Join(dir, f))
		h.Write(b)
	}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "notebooks", "testdata", "node_modules":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, "_test.go") {
			if info, err := d.Info(); err == nil {
				fmt.Fprintln(h, p, info.Size(), info.ModTime().UnixNano())
			}
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:20], nil
}

// WorkerBuilt reports whether the worker for Lingo's source at root is
// built and cached (lingo doctor), and the directory workers are cached in
// (or why the cache directory is refused).
func WorkerBuilt(root string) (bool, string) {
	cache, err := CacheDir()
	if err != nil {
		return false, err.Error()
	}
	workers := filepath.Join(cache, "workers")
	dir, err := os.MkdirTemp("", "lingo-doctor-")
	if err != nil {
		return false, workers
	}
	defer os.RemoveAll(dir)
	if err := writeSessionFiles(dir, root); err != nil {
		return false, workers
	}
	key, err := sourceKey(dir, root)
	if err != nil {
		return false, workers
	}
	if sys, ok := systemWorker("worker-" + key); ok {
		return true, sys
	}
	_, err = os.Stat(filepath.Join(workers, "worker-"+key))
	return err == nil, workers
}
