package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// nobody is the uid that owns planted files in these tests (Debian's
// "nobody"); chown needs root, so those cases are skipped otherwise.
const nobody = 65534

func plant(t *testing.T, dir string, mode os.FileMode, uid int) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, "workers"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "workers", "worker-0123456789abcdef0123"), []byte("#!/bin/sh\necho planted\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, mode); err != nil {
		t.Fatal(err)
	}
	if uid >= 0 {
		if os.Getuid() != 0 {
			t.Skip("chown needs root")
		}
		if err := os.Lchown(dir, uid, uid); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCacheDirRefusesPlantedFallback: with HOME and XDG_CACHE_HOME unset
// the cache falls back to $TMPDIR, where anyone can create directories.
// One created by someone else, or writable by others, is refused rather
// than used (the kernel would execute the worker binaries in it).
func TestCacheDirRefusesPlantedFallback(t *testing.T) {
	for _, tc := range []struct {
		name string
		mode os.FileMode
		uid  int
		want string
	}{
		{"writable by all", 0o777, -1, "writable by others"},
		{"writable by group", 0o775, -1, "writable by others"},
		{"owned by nobody", 0o755, nobody, fmt.Sprintf("owned by uid %d", nobody)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("HOME", "")
			t.Setenv("XDG_CACHE_HOME", "")
			t.Setenv("LINGO_CACHE", "")
			t.Setenv("TMPDIR", tmp)
			planted := filepath.Join(tmp, fmt.Sprintf("lingo-%d", os.Getuid()))
			plant(t, planted, tc.mode, tc.uid)
			d, err := CacheDir()
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), planted) {
				t.Fatalf("CacheDir() = %q, %v; want an error naming %s and saying %q", d, err, planted, tc.want)
			}
		})
	}
}

func TestCacheDirSymlink(t *testing.T) {
	tmp := t.TempDir()
	mine := filepath.Join(tmp, "mine")
	link := filepath.Join(tmp, "link")
	os.Mkdir(mine, 0o700)
	os.Symlink(mine, link)
	t.Setenv("LINGO_CACHE", link)
	if d, err := CacheDir(); err != nil || d != link {
		t.Fatalf("a link of mine to a directory of mine: %q, %v", d, err)
	}
	theirs := filepath.Join(tmp, "theirs")
	plant(t, theirs, 0o755, nobody)
	os.Remove(link)
	os.Symlink(theirs, link)
	if _, err := CacheDir(); err == nil {
		t.Fatal("a link to someone else's directory was accepted")
	}
}

func TestCacheDirCreatesPrivate(t *testing.T) {
	d := filepath.Join(t.TempDir(), "a", "lingo")
	t.Setenv("LINGO_CACHE", d)
	got, err := CacheDir()
	if err != nil || got != d {
		t.Fatalf("CacheDir() = %q, %v", got, err)
	}
	fi, err := os.Stat(d)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("created with mode %v (%v), want 0700", fi.Mode().Perm(), err)
	}
}

// TestWorkerBinaryRefusesForeignWorker: a cached worker that others may
// rewrite is not executed.
func TestWorkerBinaryRefusesForeignWorker(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("LINGO_CACHE", cache)
	root, err := SourceRoot()
	if err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	if err := writeSessionFiles(dir, root); err != nil {
		t.Fatal(err)
	}
	key, err := sourceKey(dir, root, "go-test")
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(cache, "workers"), 0o700)
	bin := filepath.Join(cache, "workers", "worker-"+key)
	os.WriteFile(bin, []byte("#!/bin/sh\n"), 0o755)
	os.Chmod(bin, 0o777)
	if _, err := workerBinary(dir, key, goEnv()); err == nil || !strings.Contains(err.Error(), "writable by others") {
		t.Fatalf("workerBinary accepted a world-writable worker: %v", err)
	}
}
