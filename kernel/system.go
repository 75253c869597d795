package kernel

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/lingo-nlp/lingo/kernel/engine"
	"github.com/lingo-nlp/lingo/kernel/gocache"
	"github.com/lingo-nlp/lingo/kernel/trust"
)

// systemPrefix is the prefix of a system-wide install (install.sh --system
// sets it with -ldflags -X, e.g. /usr/local); empty for a user's own
// lingo. goRoot is the GOROOT of the Go that built it, used when no go is
// on a user's PATH.
var systemPrefix, goRoot string

// A system is the layout of a system-wide install under a prefix:
//
//	PREFIX/bin/lingo                      the lingo command
//	PREFIX/lib/lingo/src                  Lingo's source, which cells build against
//	PREFIX/lib/lingo/gomod                the module cache of Lingo's dependencies (GOMODCACHE)
//	PREFIX/lib/lingo/cache/workers        workers built at install
//	PREFIX/lib/lingo/cache/gocache        the shared Go build cache (read through lingo gocache)
//	PREFIX/share/lingo                    the corpora (a system data directory)
//	PREFIX/share/lingo/notebooks          the lessons, copied to each user's home by lingo lessons
//	PREFIX/share/jupyter/kernels/lingo    the kernelspec
//
// Everything is owned by root and read-only for users; each user's own
// sessions, workers and build outputs go to their own cache directory.
type system struct{ prefix string }

func (s system) modCache() string { return filepath.Join(s.prefix, "lib", "lingo", "gomod") }
func (s system) cache() string    { return filepath.Join(s.prefix, "lib", "lingo", "cache") }
func (s system) goCache() string  { return filepath.Join(s.cache(), "gocache") }
func (s system) data() string     { return filepath.Join(s.prefix, "share", "lingo") }
func (s system) lessons() string  { return filepath.Join(s.data(), "notebooks") }

// installed returns the system install this lingo belongs to, if any.
func installed() (system, bool) {
	if systemPrefix == "" {
		return system{}, false
	}
	return system{systemPrefix}, true
}

// applySystemDefaults sets, for a system install's lingo and everything it
// starts, what is not already set in the environment: the system cache
// (engine.SystemCacheEnv), the module cache, the build cache program that
// reads the shared build cache, GOTOOLCHAIN=local, the system data
// directory in XDG_DATA_DIRS, and the Go that built lingo on PATH when
// there is no go there.
func applySystemDefaults() {
	s, ok := installed()
	if !ok {
		return
	}
	setDefault(engine.SystemCacheEnv, s.cache())
	setDefault("GOMODCACHE", s.modCache())
	setDefault("GOTOOLCHAIN", "local")
	if exe, err := os.Executable(); err == nil && gocache.Trusted(s.goCache()) == nil {
		setDefault("GOCACHEPROG", strconv.Quote(exe)+" gocache "+strconv.Quote(s.goCache()))
	}
	share := filepath.Join(s.prefix, "share")
	dirs := os.Getenv("XDG_DATA_DIRS")
	if dirs == "" {
		dirs = "/usr/local/share:/usr/share"
	}
	if !containsPath(dirs, share) {
		os.Setenv("XDG_DATA_DIRS", share+":"+dirs)
	}
	if _, err := exec.LookPath("go"); err != nil && goRoot != "" {
		if _, err := os.Stat(filepath.Join(goRoot, "bin", "go")); err == nil {
			os.Setenv("PATH", os.Getenv("PATH")+":"+filepath.Join(goRoot, "bin"))
		}
	}
}

func setDefault(k, v string) {
	if _, ok := os.LookupEnv(k); !ok {
		os.Setenv(k, v)
	}
}

func containsPath(list, dir string) bool {
	for _, d := range filepath.SplitList(list) {
		if filepath.Clean(d) == filepath.Clean(dir) {
			return true
		}
	}
	return false
}

// warmSystem fills a system install's caches (run as root by install.sh
// --system): the worker, and every package of Lingo and of the standard
// library compiled both ways cells need them, into the shared build cache
// that users' kernels read through lingo gocache. Finally it makes the
// caches readable by all and writable by none but root.
func warmSystem() int {
	s, ok := installed()
	if !ok {
		fmt.Fprintln(os.Stderr, "lingo warm --system: this lingo is not a system install (install.sh --system builds one)")
		return 2
	}
	for _, d := range []string{s.cache(), s.goCache()} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "lingo warm --system:", err)
			return 1
		}
	}
	// The go commands write the shared cache directly, in their own format,
	// with the settings a user's kernel has: anything that changes how a
	// package is compiled changes its action ID, and a user's go command
	// would miss the shared copy.
	for _, k := range []string{"GOCACHEPROG", "GOFLAGS", "GOAMD64", "GOEXPERIMENT", "GOARCH", "GOOS", "CC", "CXX",
		"CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_LDFLAGS", "GOROOT"} {
		os.Unsetenv(k)
	}
	os.Setenv("GOENV", "off") // nor root's own go env -w settings
	os.Setenv("GOCACHE", s.goCache())
	os.Setenv("GOMODCACHE", s.modCache())
	os.Setenv("GOTOOLCHAIN", "local")
	os.Setenv("LINGO_CACHE", s.cache())
	e, err := engine.New(engine.Config{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer e.Close()
	fmt.Println("lingo: compiling the standard library and Lingo's packages into", s.goCache())
	if err := e.Prefetch("std", "github.com/lingo-nlp/lingo/..."); err != nil {
		fmt.Fprintln(os.Stderr, "lingo warm --system:", err)
		return 1
	}
	if code := runWarmCells(e); code != 0 {
		return code
	}
	for _, d := range []string{s.cache(), s.goCache()} {
		if err := engine.ChmodShared(d); err != nil {
			fmt.Fprintln(os.Stderr, "lingo warm --system:", err)
			return 1
		}
	}
	return 0
}

// lessonsCmd copies a system install's lessons into a directory (default
// ~/lingo-lessons), keeping every file that is already there: a hub runs it
// when it starts a user's server, so a new user finds the lessons in their
// home and a returning one keeps their own edits.
func lessonsCmd(args []string) int {
	s, ok := installed()
	src := ""
	if ok {
		src = s.lessons()
	}
	if d := os.Getenv("LINGO_LESSONS"); d != "" {
		src = d
	}
	if src == "" {
		fmt.Fprintln(os.Stderr, "lingo lessons: this lingo is not a system install; the lessons are in the notebooks/ directory of your checkout (or set LINGO_LESSONS)")
		return 2
	}
	dst := ""
	switch len(args) {
	case 0:
		home, err := os.UserHomeDir()
		if err != nil {
			fmt.Fprintln(os.Stderr, "lingo lessons:", err)
			return 1
		}
		dst = filepath.Join(home, "lingo-lessons")
	case 1:
		dst = args[0]
	default:
		fmt.Fprintln(os.Stderr, "usage: lingo lessons [DIR]")
		return 2
	}
	copied, kept, err := copyNew(src, dst)
	if err != nil {
		fmt.Fprintln(os.Stderr, "lingo lessons:", err)
		return 1
	}
	fmt.Printf("lingo lessons: %d file(s) copied to %s, %d already there kept\n", len(copied), dst, kept)
	// The copies are signed for this user, so Jupyter shows their stored
	// charts and tables; the kept files are the user's own and Jupyter
	// signed them when it saved them. A failure to sign leaves the lessons
	// usable (their outputs show as text) and says how to fix it.
	var nbs []string
	for _, p := range copied {
		if strings.HasSuffix(p, ".ipynb") {
			nbs = append(nbs, p)
		}
	}
	if len(nbs) > 0 {
		if err := trust.Sign(nbs...); err != nil {
			fmt.Fprintf(os.Stderr, "lingo lessons: the copies are not signed, so Jupyter shows their charts as text (%v); fix: lingo trust %s/*.ipynb\n", err, dst)
		} else {
			fmt.Printf("lingo lessons: %d notebook(s) signed for you (Jupyter shows their charts)\n", len(nbs))
		}
	}
	return 0
}

// copyNew copies the regular files under src to the same places under dst,
// skipping any that exist there, and returns the paths it wrote. New
// directories are 0755 and files 0644 (under the umask): the user owns them.
func copyNew(src, dst string) (copied []string, kept int, err error) {
	err = filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if _, err := os.Lstat(target); err == nil {
			kept++
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, err = f.Write(b)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		copied = append(copied, target)
		return err
	})
	return copied, kept, err
}

// systemChecks are lingo doctor's lines about a system install, as the
// user running doctor sees it.
func systemChecks() []check {
	s, ok := installed()
	if !ok {
		return nil
	}
	var cs []check
	exe, _ := os.Executable()
	cs = append(cs, check{"system install", true, fmt.Sprintf("prefix %s (lingo %s)", s.prefix, exe), ""})
	mc := os.Getenv("GOMODCACHE")
	mcOK := filepath.Clean(mc) == s.modCache() && readableDir(mc)
	cs = append(cs, check{"shared module cache (GOMODCACHE)", mcOK, mc,
		fmt.Sprintf("unset GOMODCACHE (a system install uses %s), or ask the administrator to re-run install.sh --system", s.modCache())})
	prog := os.Getenv("GOCACHEPROG")
	trustErr := gocache.Trusted(s.goCache())
	n := 0
	if ents, err := os.ReadDir(s.goCache()); err == nil {
		n = len(ents)
	}
	info := prog
	if trustErr != nil {
		info = trustErr.Error()
	}
	cs = append(cs, check{"shared build cache (GOCACHEPROG)", trustErr == nil && n > 0 && strings.Contains(prog, s.goCache()), info,
		"unset GOCACHEPROG, or ask the administrator to re-run install.sh --system (it fills " + s.goCache() + ")"})
	own, err := engine.CacheDir()
	cs = append(cs, check{"your own cache directory", err == nil, own, "make ~/.cache writable by you alone, or set LINGO_CACHE to a private directory"})
	return cs
}

func readableDir(d string) bool {
	f, err := os.Open(d)
	if err != nil {
		return false
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	return err == nil || err == io.EOF
}

// kernelspecCheck is doctor's kernelspec line for a system install whose
// user has no kernelspec of their own: the system's kernelspec, and whether
// Jupyter looks where it is (its default paths hold PREFIX/share/jupyter
// only for the prefixes /usr/local and /usr; any other needs JUPYTER_PATH).
func (s system) kernelspecCheck() (where, fix string, err error) {
	dir := filepath.Join(s.prefix, "share", "jupyter")
	where = filepath.Join(dir, "kernels", "lingo", "kernel.json")
	if _, err := os.Stat(where); err != nil {
		return where, "ask the administrator to re-run install.sh --system (it registers the kernelspec there)", err
	}
	seen := s.prefix == "/usr/local" || s.prefix == "/usr"
	for _, d := range filepath.SplitList(os.Getenv("JUPYTER_PATH")) {
		seen = seen || filepath.Clean(d) == dir
	}
	if !seen {
		return where, "Jupyter does not look in " + dir + ": set JUPYTER_PATH=" + dir +
			" (deploy/jupyterhub_config.py does for a hub's users), or install with --prefix /usr/local", os.ErrNotExist
	}
	return where, "", nil
}
