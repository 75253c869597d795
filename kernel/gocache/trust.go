package gocache

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Trusted returns nil if the directory dir can only have been written by
// root or the current user: after following symbolic links, dir and every
// directory above it is owned by one of them and writable by no one else
// (a world-writable directory with the sticky bit, like /tmp, is allowed
// above dir). Lingo runs programs and links archives it finds in shared
// caches, so one that another user could have planted files in is refused.
func Trusted(dir string) error {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return fmt.Errorf("gocache: %w", err)
	}
	real, err = filepath.Abs(real)
	if err != nil {
		return fmt.Errorf("gocache: %w", err)
	}
	uid := uint32(os.Getuid())
	for d, first := real, true; ; d, first = filepath.Dir(d), false {
		fi, err := os.Stat(d)
		if err != nil {
			return fmt.Errorf("gocache: %w", err)
		}
		if !fi.IsDir() {
			return fmt.Errorf("gocache: %s is not a directory", d)
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Uid != 0 && st.Uid != uid {
			return fmt.Errorf("gocache: refusing %s: %s is owned by uid %d, neither root nor you", dir, d, st.Uid)
		}
		sticky := fi.Mode()&fs.ModeSticky != 0
		if fi.Mode().Perm()&0o022 != 0 && (first || !sticky) {
			return fmt.Errorf("gocache: refusing %s: %s is writable by others (mode %v)", dir, d, fi.Mode())
		}
		if filepath.Dir(d) == d {
			return nil
		}
	}
}
