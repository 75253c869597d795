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

// systemWorker returns the worker binary named name in the system cache,
// if there is one that only root (or the user) can have written.
func systemWorker(name string) (string, bool) {
	sys := os.Getenv(SystemCacheEnv)
	if sys == "" {
		return "", false
	}
	dir := filepath.Join(sys, "workers")
	bin := filepath.Join(dir, name)
	fi, err := os.Lstat(bin)
	if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&0o022 != 0 {
		return "", false
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Uid != 0 && int(st.Uid) != os.Getuid() {
		return "", false
	}
	if gocache.Trusted(dir) != nil {
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
