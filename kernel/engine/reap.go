package engine

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// privateDir returns the directory parts under the cache directory,
// creating it (0700); like the cache directory itself (see CacheDir) it
// must be the user's own and writable by nobody else, since the kernel
// runs programs from it.
func privateDir(parts ...string) (string, error) {
	cache, err := CacheDir()
	if err != nil {
		return "", err
	}
	d := filepath.Join(append([]string{cache}, parts...)...)
	if err := os.MkdirAll(d, 0o700); err != nil {
		return "", fmt.Errorf("lingo: creating %s: %w", d, err)
	}
	if err := CheckPrivate(d); err != nil {
		return "", err
	}
	return d, nil
}

// lockSession takes an exclusive lock on dir/lock and keeps it while the
// file stays open, that is for the kernel's lifetime: the operating system
// drops the lock when the kernel dies, however it dies. A session whose
// lock is free belongs to no running kernel.
func lockSession(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, "lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// removeStaleSessions deletes the session directories under base of
// kernels that are no longer running (a killed kernel cannot clean up after
// itself). A session is alive while its lock is held; the process id in
// its pid file is not trusted, since a dead kernel's id may belong to
// another process by now. Sessions of older kernels, which left no lock
// file, are judged by their pid file.
func removeStaleSessions(base string) {
	dirs, _ := filepath.Glob(filepath.Join(base, "s-*"))
	for _, d := range dirs {
		f, err := os.OpenFile(filepath.Join(d, "lock"), os.O_RDWR, 0)
		if err == nil {
			err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
			if err == nil {
				os.RemoveAll(d) // the lock is ours while we delete
			}
			f.Close()
			continue
		}
		if !errors.Is(err, os.ErrNotExist) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(d, "pid"))
		if err != nil {
			// A session being created has neither file for a moment.
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

// keepWorkers is how many worker builds (one per version of Lingo's
// sources) the cache keeps besides those running sessions use.
const keepWorkers = 3

// sessionWorkerFile names, in a session directory, the worker build the
// session uses.
const sessionWorkerFile = "worker-build"

// useWorker records in the session directory which worker build (a
// shared-KEY directory or a worker-KEY binary) it uses, and marks the build
// used now.
func useWorker(session, build string) {
	_ = os.WriteFile(filepath.Join(session, sessionWorkerFile), []byte(build), 0o600)
	now := time.Now()
	_ = os.Chtimes(build, now, now)
}

// pruneWorkers deletes old worker builds from dir (the workers cache):
// each version of Lingo's sources gets its own (a shared worker with its
// libraries is ≈ 35 MB). It keeps the builds of running sessions under
// sessions (their cells are linked against them, and a crashed worker is
// restarted from them) and the keepWorkers most recently used; a build
// left half-done by a killed kernel goes after an hour.
func pruneWorkers(dir, sessions string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	inUse := map[string]bool{}
	live, _ := filepath.Glob(filepath.Join(sessions, "s-*"))
	for _, s := range live {
		if sessionAlive(s) {
			if b, err := os.ReadFile(filepath.Join(s, sessionWorkerFile)); err == nil {
				inUse[string(b)] = true
			}
		}
	}
	type build struct {
		path string
		used time.Time
	}
	var builds []build
	for _, e := range entries {
		n := e.Name()
		fi, err := e.Info()
		if err != nil || !strings.HasPrefix(n, "worker-") && !strings.HasPrefix(n, "shared-") {
			continue
		}
		if strings.Contains(n, "tmp") {
			if time.Since(fi.ModTime()) > time.Hour {
				os.RemoveAll(filepath.Join(dir, n))
			}
			continue
		}
		builds = append(builds, build{filepath.Join(dir, n), fi.ModTime()})
	}
	sort.Slice(builds, func(i, j int) bool { return builds[i].used.After(builds[j].used) })
	for i, b := range builds {
		if i >= keepWorkers && !inUse[b.path] {
			os.RemoveAll(b.path)
		}
	}
}

// sessionAlive reports whether the kernel of a session directory runs (it
// holds the session's lock).
func sessionAlive(d string) bool {
	f, err := os.OpenFile(filepath.Join(d, "lock"), os.O_RDWR, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return true
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}
