package kernel

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// writeFile replaces the file at path with what write produces, so that a
// reader sees the old content or the new, never a mix:
//   - the new content goes to a temporary file created with O_EXCL and a
//     random name in the same directory, so a planted NAME.tmp (a symlink
//     to someone's file, say) is never opened, and nothing is left behind
//     when anything fails;
//   - when path is a symbolic link, the file it points to is replaced and
//     the link stays;
//   - an existing file keeps its permission bits; a new one gets 0666
//     less the umask, like os.Create.
func writeFile(path string, write func(io.Writer) error) (err error) {
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("lingo: %w", err)
	} else if fi, lerr := os.Lstat(path); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("lingo: %s is a symbolic link to a missing file", path)
	}
	perm := fs.FileMode(0o666)
	keep := false
	if fi, err := os.Stat(target); err == nil {
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("lingo: %s is not a regular file", path)
		}
		perm, keep = fi.Mode().Perm(), true
	}
	f, err := createTemp(filepath.Dir(target), filepath.Base(target), perm)
	if err != nil {
		return fmt.Errorf("lingo: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := write(f); err != nil {
		return err
	}
	if keep {
		// OpenFile applied the umask; the file had these bits before.
		if err := f.Chmod(perm); err != nil {
			return fmt.Errorf("lingo: %w", err)
		}
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("lingo: %w", err)
	}
	if err := os.Rename(f.Name(), target); err != nil {
		return fmt.Errorf("lingo: %w", err)
	}
	return nil
}

// createTemp creates a new file ".BASE.RANDOM.tmp" in dir with O_EXCL.
func createTemp(dir, base string, perm fs.FileMode) (*os.File, error) {
	for range 10 {
		var r [6]byte
		if _, err := rand.Read(r[:]); err != nil {
			return nil, err
		}
		name := filepath.Join(dir, "."+base+"."+hex.EncodeToString(r[:])+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("cannot create a temporary file in %s", dir)
}
