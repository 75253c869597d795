package engine

import (
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
// (-w), which halves the link; stack traces do not need it. With a shared
// worker (see sharedWorker), every package is compiled with -linkshared and
// plugins are linked against the worker's shared libraries.
type fastBuilder struct {
	dir, tools, lang, goversion, goroot string
	env                                 []string

	gold    bool            // the gold linker is installed
	linker  string          // cmd/link, or its patched copy (see linkerPatches)
	patched bool            // linker is the patched copy
	linkErr error           // why the patched linker is missing
	shared  *sharedWorker   // nil: plugins are linked statically
	imp     *exportImporter // finds archives (with flags from buildFlags)

	mu    sync.Mutex
	files map[string]string // import path → package archive
}

func newFastBuilder(dir string, env []string, tc toolchain, imp *exportImporter) (*fastBuilder, error) {
	lang := tc.goversion
	if parts := strings.SplitN(strings.TrimPrefix(lang, "go"), ".", 3); len(parts) >= 2 {
		lang = "go" + parts[0] + "." + parts[1]
	}
	b := &fastBuilder{dir: dir, env: env, tools: filepath.Join(tc.goroot, "pkg", "tool", tc.goos+"_"+tc.goarch),
		lang: lang, goversion: tc.goversion, goroot: tc.goroot, imp: imp, files: map[string]string{}, linker: "link"}
	if l, err := patchedLinker(tc.goroot, tc.goversion, env); err == nil {
		b.linker, b.patched = l, true
	} else {
		b.linkErr = err
		debugf("%v; using the toolchain's linker", err)
	}
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
	if err := b.imp.load(todo...); err != nil {
		return err
	}
	files, missing := b.imp.exports(todo)
	for p, why := range missing {
		if p != "unsafe" {
			if why == "" {
				why = "no export data"
			}
			return fmt.Errorf("no archive for %s: %s", p, why)
		}
	}
	if b.shared != nil {
		if err := b.shared.check(files); err != nil {
			return err
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for p, f := range files {
		if _, ok := b.files[p]; !ok {
			b.files[p] = f
		}
	}
	return nil
}

// buildFlags are the flags of the go list that finds archives: plugin
// mode, and with a shared worker -linkshared.
func buildFlags(shared bool) []string {
	if shared {
		return []string{"-buildmode=plugin", "-linkshared"}
	}
	return []string{"-buildmode=plugin"}
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

// importcfg writes the import configuration of a compile, or of a link
// (which takes shared packages from the worker's libraries).
func (b *fastBuilder) importcfg(name string, link bool) (string, error) {
	b.mu.Lock()
	var text string
	if link && b.shared != nil {
		own := map[string]string{}
		for p, f := range b.files {
			if _, ok := b.shared.pkgs[p]; !ok {
				own[p] = f
			}
		}
		text = b.shared.linkConfig(own)
	} else {
		paths := make([]string, 0, len(b.files))
		for p := range b.files {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		var sb strings.Builder
		for _, p := range paths {
			fmt.Fprintf(&sb, "packagefile %s=%s\n", p, b.files[p])
		}
		text = sb.String()
	}
	b.mu.Unlock()
	f := filepath.Join(b.dir, "archives", name)
	return f, os.WriteFile(f, []byte(text), 0o644)
}

func (b *fastBuilder) run(ctx context.Context, tool string, args ...string) error {
	if !filepath.IsAbs(tool) {
		tool = filepath.Join(b.tools, tool)
	}
	cmd := exec.CommandContext(ctx, tool, args...)
	if debugOn {
		defer func(t time.Time) {
			if st := cmd.ProcessState; st != nil {
				debugf("%s took %v (CPU %v)", filepath.Base(tool), time.Since(t).Round(time.Millisecond),
					(st.UserTime() + st.SystemTime()).Round(time.Millisecond))
			}
		}(time.Now())
	}
	cmd.Dir = b.dir
	cmd.Env = b.env
	if strings.HasPrefix(filepath.Base(tool), "link") {
		// The linker of one plugin lives for a fraction of a second: its
		// garbage collections cost 10-15 % of the link and free little.
		cmd.Env = append(cmd.Env, "GOGC=off")
		if b.patched {
			cmd.Env = append(cmd.Env, "LINGO_LINKER_PROBES="+filepath.Join(filepath.Dir(b.linker), "linker-probes"))
		}
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return &toolError{tool: filepath.Base(tool), err: err, out: string(out)}
	}
	return nil
}

// toolError is a compile or link that failed, with its output.
type toolError struct {
	tool string
	err  error
	out  string
}

func (t *toolError) Error() string { return fmt.Sprintf("%s: %v: %s", t.tool, t.err, t.out) }

// compile compiles one source file as package path into an archive.
func (b *fastBuilder) compile(ctx context.Context, path, src string, imports []string) (string, error) {
	if err := b.ensure(imports...); err != nil {
		return "", err
	}
	cfg, err := b.importcfg(filepath.Base(path)+".importcfg", false)
	if err != nil {
		return "", err
	}
	defer os.Remove(cfg)
	out := filepath.Join(b.dir, "archives", filepath.Base(path)+".a")
	args := []string{"-o", out, "-p", path, "-lang=" + b.lang, "-complete", "-installsuffix", "dynlink",
		"-goversion", b.goversion, "-dynlink", "-nolocalimports", "-importcfg", cfg}
	if b.shared != nil {
		args = append(args, "-linkshared")
	}
	args = append(args, "-pack", src)
	if err := b.run(ctx, "compile", args...); err != nil {
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
	// The main package's archive and the configurations are not needed
	// once the plugin is linked.
	defer os.Remove(a)
	cfg, err := b.importcfg(filepath.Base(path)+".link", true)
	if err != nil {
		return err
	}
	defer os.Remove(cfg)
	tmp := out + ".tmp"
	args := []string{"-o", tmp, "-w", "-importcfg", cfg, "-installsuffix", "dynlink", "-pluginpath", path,
		"-buildmode=plugin", "-extld=" + b.cc()}
	if b.gold {
		args = append(args, "-extldflags=-fuse-ld=gold") // gold links plugins faster than ld.bfd
	}
	if b.shared != nil {
		args = append(args, "-linkshared")
	}
	b.forget(path) // a main package is never imported
	if err := b.run(ctx, b.linker, append(args, a)...); err != nil {
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
