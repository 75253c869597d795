package engine

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/lingo-nlp/lingo/kernel/cell"
)

// fastBuilder builds cell plugins by running the Go compiler and linker
// directly, as "go build -buildmode=plugin" would, but without starting the
// go command for every cell: the go command's start-up, module loading and
// cache checks cost more than compiling a cell. Archives of the packages
// cells import come from the build cache ("go list -buildmode=plugin
// -export"), once per package per session; the cells' own declarations
// packages are compiled here and remembered. DWARF is left out of plugins
// (-w), which halves the link; stack traces do not need it.
type fastBuilder struct {
	dir, tools, lang, goversion string
	env                         []string

	gold bool // the gold linker is installed

	mu    sync.Mutex
	files map[string]string // import path → package archive
}

func newFastBuilder(dir string, env []string) (*fastBuilder, error) {
	cmd := exec.Command("go", "env", "GOROOT", "GOOS", "GOARCH", "GOVERSION")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		return nil, err
	}
	f := strings.Fields(string(out))
	if len(f) != 4 {
		return nil, fmt.Errorf("lingo: unexpected go env output %q", out)
	}
	lang := f[3]
	if parts := strings.SplitN(strings.TrimPrefix(lang, "go"), ".", 3); len(parts) >= 2 {
		lang = "go" + parts[0] + "." + parts[1]
	}
	b := &fastBuilder{dir: dir, env: env, tools: filepath.Join(f[0], "pkg", "tool", f[1]+"_"+f[2]),
		lang: lang, goversion: f[3], files: map[string]string{}}
	if _, err := exec.LookPath("ld.gold"); err == nil && os.Getenv("LINGO_GOLD") != "0" {
		b.gold = true
	}
	if err := os.MkdirAll(filepath.Join(dir, "archives"), 0o755); err != nil {
		return nil, err
	}
	return b, nil
}

// ensure finds the plugin-mode archives of paths and their dependencies.
func (b *fastBuilder) ensure(paths ...string) error {
	b.mu.Lock()
	var todo []string
	for _, p := range append(paths, "runtime", "runtime/cgo", "plugin") {
		if _, ok := b.files[p]; !ok && p != "unsafe" && p != "C" {
			todo = append(todo, p)
		}
	}
	b.mu.Unlock()
	if len(todo) == 0 {
		return nil
	}
	args := append([]string{"list", "-buildmode=plugin", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}"}, todo...)
	cmd := exec.Command("go", args...)
	cmd.Dir = b.dir
	cmd.Env = b.env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("go list: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		path, file, ok := strings.Cut(sc.Text(), "\t")
		if ok && file != "" {
			b.files[path] = file
		}
	}
	for _, p := range todo {
		if _, ok := b.files[p]; !ok && p != "unsafe" {
			return fmt.Errorf("no archive for %s", p)
		}
	}
	return nil
}

// forget drops what is known about a package (after go build made it).
func (b *fastBuilder) forget(path string) {
	b.mu.Lock()
	delete(b.files, path)
	b.mu.Unlock()
}

// forgetModules drops every package but the session's own, after the
// session module's requirements changed (%go get).
func (b *fastBuilder) forgetModules() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for p := range b.files {
		if !strings.HasPrefix(p, cell.SessionPath+"/") {
			delete(b.files, p)
		}
	}
}

func (b *fastBuilder) importcfg(name string) (string, error) {
	b.mu.Lock()
	paths := make([]string, 0, len(b.files))
	for p := range b.files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var sb strings.Builder
	for _, p := range paths {
		fmt.Fprintf(&sb, "packagefile %s=%s\n", p, b.files[p])
	}
	b.mu.Unlock()
	f := filepath.Join(b.dir, "archives", name)
	return f, os.WriteFile(f, []byte(sb.String()), 0o644)
}

func (b *fastBuilder) run(ctx context.Context, tool string, args ...string) error {
	if debugOn {
		defer func(t time.Time) { debugf("%s took %v", tool, time.Since(t)) }(time.Now())
	}
	cmd := exec.CommandContext(ctx, filepath.Join(b.tools, tool), args...)
	cmd.Dir = b.dir
	cmd.Env = b.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %v: %s", tool, err, out)
	}
	return nil
}

// compile compiles one source file as package path into an archive.
func (b *fastBuilder) compile(ctx context.Context, path, src string, imports []string) (string, error) {
	if err := b.ensure(imports...); err != nil {
		return "", err
	}
	cfg, err := b.importcfg(filepath.Base(path) + ".importcfg")
	if err != nil {
		return "", err
	}
	out := filepath.Join(b.dir, "archives", filepath.Base(path)+".a")
	if err := b.run(ctx, "compile", "-o", out, "-p", path, "-lang="+b.lang, "-complete", "-installsuffix", "dynlink",
		"-goversion", b.goversion, "-dynlink", "-nolocalimports", "-importcfg", cfg, "-pack", src); err != nil {
		return "", err
	}
	b.mu.Lock()
	b.files[path] = out
	b.mu.Unlock()
	return out, nil
}

// plugin compiles and links a cell's main package into a plugin file.
func (b *fastBuilder) plugin(ctx context.Context, path, src string, imports []string, out string) error {
	a, err := b.compile(ctx, path, src, imports)
	if err != nil {
		return err
	}
	cfg, err := b.importcfg(filepath.Base(path) + ".link")
	if err != nil {
		return err
	}
	tmp := out + ".tmp"
	args := []string{"-o", tmp, "-w", "-importcfg", cfg, "-installsuffix", "dynlink", "-pluginpath", path,
		"-buildmode=plugin", "-extld=" + b.cc()}
	if b.gold {
		args = append(args, "-extldflags=-fuse-ld=gold") // gold links plugins faster than ld.bfd
	}
	if err := b.run(ctx, "link", append(args, a)...); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}

func (b *fastBuilder) cc() string {
	if cc := os.Getenv("CC"); cc != "" {
		return cc
	}
	return "gcc"
}
