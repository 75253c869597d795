package engine

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/lingo-nlp/lingo/kernel/cell"
)

// A sharedWorker is a worker executable linked against two Go shared
// libraries that hold every package it uses: libcore.so (the standard
// library's packages and kernel/rt) and librest.so (everything else: plots,
// gonum, gonum/plot and its fonts). Cells are then built with -linkshared:
// a cell's plugin contains only its own code and the packages the worker
// does not have, instead of a private copy of everything it imports. That
// makes plugins kilobytes instead of megabytes, links shorter (most of all
// for cells that use plots or nlp packages), and loading a cell cheap in
// time and memory. A cell whose imports are only standard packages reads
// only libcore.so's symbols when it is linked.
//
// Go's linker can build such plugins only with linkerPatches; when the
// patched linker or the libraries cannot be built, the session falls back
// to a statically linked worker and static plugins.
type sharedWorker struct {
	dir  string               // the worker and its libraries
	bin  string               // the worker executable
	pkgs map[string]sharedPkg // import path → where the package lives
}

// sharedPkg is a package linked into one of the shared libraries.
type sharedPkg struct {
	export string // the archive (with export data) the library was built from
	lib    string // path of the shared library
}

const sharedManifest = "manifest"

// listed is one package from "go list -export -deps".
type listed struct {
	path, export string
	std          bool
}

// goList runs go list -export -deps in dir with the build flags given and
// returns the packages in dependency order.
func goList(dir string, env, flags []string, paths ...string) ([]listed, error) {
	args := append([]string{"list"}, flags...)
	args = append(args, "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}\t{{.Standard}}")
	cmd := exec.Command("go", append(args, paths...)...)
	cmd.Dir = dir
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	var r []listed
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) == 3 {
			r = append(r, listed{path: f[0], export: f[1], std: f[2] == "true"})
		}
	}
	return r, nil
}

// loadSharedWorker reads a shared worker built before.
func loadSharedWorker(dir string) (*sharedWorker, error) {
	return readSharedWorker(dir, CheckPrivate)
}

// systemSharedWorker returns the shared worker for key that a system
// install built at install time in the system cache (SystemCacheEnv), if
// there is one that only root (or this user) can have written: a student's
// first session then runs it instead of linking the same libraries into
// their own cache (≈ 40 MB and a few seconds each).
func systemSharedWorker(key string) (*sharedWorker, bool) {
	workers, ok := systemWorkers()
	if !ok {
		return nil, false
	}
	sw, err := readSharedWorker(filepath.Join(workers, "shared-"+key), systemOwned)
	return sw, err == nil
}

// readSharedWorker reads the manifest of the shared worker in dir and
// checks the worker, its libraries and dir with check.
func readSharedWorker(dir string, check func(string) error) (*sharedWorker, error) {
	b, err := os.ReadFile(filepath.Join(dir, sharedManifest))
	if err != nil {
		return nil, err
	}
	bin := filepath.Join(dir, "worker-"+strings.TrimPrefix(filepath.Base(dir), "shared-"))
	sw := &sharedWorker{dir: dir, bin: bin, pkgs: map[string]sharedPkg{}}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, "\t")
		if len(f) == 3 {
			sw.pkgs[f[0]] = sharedPkg{export: f[1], lib: filepath.Join(dir, f[2])}
		}
	}
	// Only a worker and libraries that nobody else can rewrite run.
	for _, f := range []string{dir, sw.bin, filepath.Join(dir, "libcore.so"), filepath.Join(dir, "librest.so")} {
		if err := check(f); err != nil {
			return nil, err
		}
	}
	if len(sw.pkgs) == 0 {
		return nil, errors.New("lingo: empty shared worker manifest")
	}
	return sw, nil
}

// buildSharedWorker returns the shared worker for the session's sources
// (key), building it the first time: the two libraries and the worker,
// linked with the patched linker (fb.linker). session is the session
// module's directory.
func buildSharedWorker(session, key string, fb *fastBuilder) (*sharedWorker, error) {
	linker := fb.linker
	if !fb.patched {
		if fb.linkErr != nil {
			return nil, fb.linkErr
		}
		return nil, errors.New("lingo: the patched linker is missing")
	}
	workers, err := privateDir("workers")
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(workers, "shared-"+key)
	if sw, err := loadSharedWorker(dir); err == nil {
		return sw, nil
	}
	if sw, ok := systemSharedWorker(key); ok {
		return sw, nil
	}
	pkgs, err := goList(session, fb.env, []string{"-buildmode=plugin", "-linkshared"},
		"runtime/cgo", "plugin", cell.RTPath, cell.ModulePath+"/kernel/worker")
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "shared-tmp-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	var core, rest []listed
	for _, p := range pkgs {
		switch {
		case p.export == "":
		case p.std || p.path == cell.RTPath:
			core = append(core, p)
		default:
			rest = append(rest, p)
		}
	}
	var all, manifest strings.Builder
	for _, p := range pkgs {
		if p.export != "" {
			fmt.Fprintf(&all, "packagefile %s=%s\n", p.path, p.export)
		}
	}
	shlibs := all.String()
	for _, part := range []struct {
		lib  string
		pkgs []listed
	}{{"libcore.so", core}, {"librest.so", rest}} {
		cfg := filepath.Join(tmp, part.lib+".cfg")
		if err := os.WriteFile(cfg, []byte(shlibs), 0o644); err != nil {
			return nil, err
		}
		args := []string{"-o", part.lib, "-importcfg", cfg, "-installsuffix", "dynlink", "-buildmode=shared", "-w",
			"-r", "$ORIGIN", "-extld=" + fb.cc()}
		if part.lib != "libcore.so" {
			args = append(args, "-linkshared")
		}
		if fb.gold {
			args = append(args, "-extldflags=-fuse-ld=gold")
		}
		for _, p := range part.pkgs {
			args = append(args, p.path+"="+p.export)
			fmt.Fprintf(&manifest, "%s\t%s\t%s\n", p.path, p.export, part.lib)
		}
		if err := runIn(tmp, fb.env, linker, args...); err != nil {
			return nil, fmt.Errorf("lingo: linking %s: %w", part.lib, err)
		}
		// The next library and the worker take these packages from it.
		for _, p := range part.pkgs {
			shlibs += fmt.Sprintf("packageshlib %s=%s\n", p.path, filepath.Join(tmp, part.lib))
		}
	}
	main := filepath.Join(session, "worker", "main.go")
	ccfg, cfg := filepath.Join(tmp, "compile.cfg"), filepath.Join(tmp, "worker.cfg")
	if err := os.WriteFile(ccfg, []byte(all.String()), 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(cfg, []byte(shlibs), 0o644); err != nil {
		return nil, err
	}
	if err := runIn(tmp, fb.env, filepath.Join(fb.tools, "compile"), "-o", "worker.a", "-p", "main", "-complete",
		"-installsuffix", "dynlink", "-dynlink", "-linkshared", "-lang="+fb.lang, "-importcfg", ccfg, "-pack", main); err != nil {
		return nil, err
	}
	args := []string{"-o", "worker-" + key, "-importcfg", cfg, "-installsuffix", "dynlink", "-linkshared", "-w",
		"-r", "$ORIGIN", "-extld=" + fb.cc()}
	if fb.gold {
		args = append(args, "-extldflags=-fuse-ld=gold")
	}
	if err := runIn(tmp, fb.env, linker, append(args, "worker.a")...); err != nil {
		return nil, fmt.Errorf("lingo: linking the shared worker: %w", err)
	}
	for _, f := range []string{"worker.a", "worker.cfg", "compile.cfg", "libcore.so.cfg", "librest.so.cfg"} {
		os.Remove(filepath.Join(tmp, f))
	}
	if err := os.WriteFile(filepath.Join(tmp, sharedManifest), []byte(manifest.String()), 0o644); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if sw, err2 := loadSharedWorker(dir); err2 == nil {
			return sw, nil // another kernel built it meanwhile
		}
		// A broken or older build is in the way.
		os.RemoveAll(dir)
		if err := os.Rename(tmp, dir); err != nil {
			return nil, err
		}
	}
	return loadSharedWorker(dir)
}

// runIn runs a tool in dir and returns its output as the error if it fails.
func runIn(dir string, env []string, tool string, args ...string) error {
	cmd := exec.Command(tool, args...)
	cmd.Dir = dir
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %v: %s", filepath.Base(tool), err, out)
	}
	return nil
}

// linkConfig is the importcfg of a cell's plugin link: archives for the
// packages the worker lacks and the shared library of every other one.
func (sw *sharedWorker) linkConfig(files map[string]string) string {
	var lines []string
	for p, f := range files {
		lines = append(lines, "packagefile "+p+"="+f)
	}
	for p, s := range sw.pkgs {
		lines = append(lines, "packageshlib "+p+"="+s.lib)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

// check reports a package whose archive differs from the one the worker's
// libraries hold (e.g. %go get changed a module version): a plugin linked
// against the library would not match the code it was compiled against.
func (sw *sharedWorker) check(files map[string]string) error {
	for p, f := range files {
		if s, ok := sw.pkgs[p]; ok && s.export != f {
			return fmt.Errorf("lingo: package %s differs from the copy the worker was built with (a module version changed); restart the kernel to rebuild the worker", p)
		}
	}
	return nil
}
