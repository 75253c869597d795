package engine

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// CacheDir returns the directory Lingo keeps sessions and built workers
// in, creating it (mode 0700) when missing: $LINGO_CACHE, else the user's
// cache directory ($XDG_CACHE_HOME, ~/.cache, ~/Library/Caches) + /lingo,
// else $TMPDIR/lingo-UID when neither HOME nor XDG_CACHE_HOME is set.
//
// The kernel executes the worker binaries cached there, so a directory
// that someone else could have planted is refused: it must be owned by the
// current user and writable by nobody else (see CheckPrivate).
func CacheDir() (string, error) {
	d := os.Getenv("LINGO_CACHE")
	if d == "" {
		if base, err := os.UserCacheDir(); err == nil {
			d = filepath.Join(base, "lingo")
		} else {
			// A shared directory: a name of our own, and the checks below.
			d = filepath.Join(os.TempDir(), fmt.Sprintf("lingo-%d", os.Getuid()))
		}
	}
	if err := os.MkdirAll(d, 0o700); err != nil {
		return "", fmt.Errorf("lingo: creating the cache directory: %w", err)
	}
	if err := CheckPrivate(d); err != nil {
		return "", err
	}
	return d, nil
}

// CheckPrivate returns an error unless path is a directory or file owned
// by the current user that neither group nor others may write. A symbolic
// link is followed only when the user owns the link itself.
func CheckPrivate(path string) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return fmt.Errorf("lingo: %w", err)
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		if err := owned(path, fi); err != nil {
			return err
		}
		if fi, err = os.Stat(path); err != nil {
			return fmt.Errorf("lingo: %w", err)
		}
	}
	if err := owned(path, fi); err != nil {
		return err
	}
	if fi.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("lingo: refusing %s: it is writable by others (mode %v), so the programs Lingo runs from it could be anyone's; run chmod go-w %s or set LINGO_CACHE to a private directory", path, fi.Mode().Perm(), path)
	}
	return nil
}

func owned(path string, fi fs.FileInfo) error {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil // no owner information on this system
	}
	if uid := os.Getuid(); int(st.Uid) != uid {
		return fmt.Errorf("lingo: refusing %s: it is owned by uid %d, not by you (uid %d), so the programs Lingo runs from it could be anyone's; remove it or set LINGO_CACHE to a private directory", path, st.Uid, uid)
	}
	return nil
}
