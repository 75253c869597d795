package engine

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/lingo-nlp/lingo/kernel/gocache"
)

// SystemCacheEnv names the environment variable that points at the cache
// directory of a system-wide install (install.sh --system): workers built
// there at install time, owned by root and readable by everyone, which a
// user's kernel runs when its own cache has no worker for the same
// sources. The lingo command of a system install sets it.
const SystemCacheEnv = "LINGO_SYSTEM_CACHE"

// systemWorkers returns the workers directory of the system cache, if
// there is a system cache and only root (or the user) can write to it or
// to any directory above it.
func systemWorkers() (string, bool) {
	sys := os.Getenv(SystemCacheEnv)
	if sys == "" {
		return "", false
	}
	dir := filepath.Join(sys, "workers")
	return dir, gocache.Trusted(dir) == nil
}

// systemOwned accepts a file or directory of a system install: not a
// symbolic link, owned by root or this user, writable by no one else.
func systemOwned(path string) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return fmt.Errorf("lingo: %w", err)
	}
	if fi.Mode()&fs.ModeSymlink != 0 || fi.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("lingo: refusing %s of the system cache: a symbolic link or writable by others (mode %v)", path, fi.Mode())
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Uid != 0 && int(st.Uid) != os.Getuid() {
		return fmt.Errorf("lingo: refusing %s of the system cache: owned by uid %d, neither root nor you", path, st.Uid)
	}
	return nil
}

// systemWorker returns the worker binary named name in the system cache,
// if there is one that only root (or the user) can have written.
func systemWorker(name string) (string, bool) {
	dir, ok := systemWorkers()
	if !ok {
		return "", false
	}
	bin := filepath.Join(dir, name)
	if fi, err := os.Lstat(bin); err != nil || !fi.Mode().IsRegular() || systemOwned(bin) != nil {
		return "", false
	}
	return bin, true
}

// Prefetch makes the go command compile, into its build cache, every
// package that patterns (import paths or patterns like "std" and
// "github.com/lingo-nlp/lingo/...") match, with their dependencies, both
// as the type-checker reads them and as cells link them — the same go list
// runs a cell makes. lingo warm --system runs it to fill the shared build
// cache every user's first cells read from. Main packages are skipped.
func (e *Engine) Prefetch(patterns ...string) error {
	<-e.ready
	cmd := exec.Command("go", append([]string{"list", "-e", "-f", "{{if ne .Name \"main\"}}{{.ImportPath}}{{end}}"}, patterns...)...)
	cmd.Dir = e.dir
	cmd.Env = e.env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("lingo: go list %s: %v: %s", strings.Join(patterns, " "), err, strings.TrimSpace(stderr.String()))
	}
	var paths []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if p := strings.TrimSpace(sc.Text()); p != "" && !strings.Contains(p, "/internal/") && !strings.HasPrefix(p, "internal/") && !strings.HasPrefix(p, "vendor/") {
			paths = append(paths, p)
		}
	}
	if err := e.imp.load(paths...); err != nil {
		return err
	}
	if e.fast != nil {
		return e.fast.ensure(paths...)
	}
	return nil
}

// ChmodShared makes a cache directory filled by root readable by everyone
// and writable by no one else: directories 0755, files 0644, programs 0755.
func ChmodShared(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		mode := fs.FileMode(0o644)
		if d.IsDir() || fi.Mode().Perm()&0o100 != 0 {
			mode = 0o755
		}
		return os.Chmod(p, mode)
	})
}
