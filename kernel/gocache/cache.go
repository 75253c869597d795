package gocache

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Config says where the caches are. The zero value serves the user's
// default Go build cache alone.
type Config struct {
	// Own is the cache puts go to and gets look in first; "" means the go
	// command's default for this user (the go-build directory in the
	// user's cache directory).
	Own string
	// Shared are read-only caches looked in after Own, in order. One that
	// could be written by someone other than root or the user is skipped
	// (see Trusted).
	Shared []string
}

// layers is the caches of one Serve.
type layers struct {
	own    string
	shared []string
}

func newLayers(c Config) (*layers, error) {
	own := c.Own
	if own == "" {
		d, err := os.UserCacheDir()
		if err != nil {
			return nil, fmt.Errorf("gocache: no cache directory: %w", err)
		}
		own = filepath.Join(d, "go-build")
	}
	if err := os.MkdirAll(own, 0o700); err != nil {
		return nil, fmt.Errorf("gocache: %w", err)
	}
	l := &layers{own: own}
	for _, s := range c.Shared {
		if s != "" && s != own && Trusted(s) == nil {
			l.shared = append(l.shared, s)
		}
	}
	return l, nil
}

// A hit is a cached output: where it is on disk and what the entry says.
type hit struct {
	path string
	e    entry
}

// get looks action up in the user's cache, then in the shared ones. An
// entry whose output file is missing or of the wrong size is a miss.
func (l *layers) get(action ID) (hit, bool) {
	for _, dir := range append([]string{l.own}, l.shared...) {
		e, err := readEntry(dir, action)
		if err != nil {
			continue
		}
		p := fileName(dir, e.output, "d")
		fi, err := os.Stat(p)
		if err != nil || !fi.Mode().IsRegular() || fi.Size() != e.size {
			continue
		}
		return hit{p, e}, true
	}
	return hit{}, false
}

// put stores body as the output of action in the user's cache. The body is
// streamed to a temporary file and must have the given size and SHA-256
// output ID. It returns the output's path.
func (l *layers) put(action, output ID, size int64, body io.Reader) (string, error) {
	dst := fileName(l.own, output, "d")
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return "", fmt.Errorf("gocache: %w", err)
	}
	if fi, err := os.Stat(dst); err == nil && fi.Mode().IsRegular() && fi.Size() == size {
		// The same output is there already (outputs are named by content).
		if _, err := io.Copy(io.Discard, body); err != nil {
			return "", err
		}
	} else if err := writeOutput(dst, output, size, body); err != nil {
		return "", err
	}
	e := entry{action: action, output: output, size: size, time: time.Now().UnixNano()}
	if err := writeAtomic(fileName(l.own, action, "a"), []byte(e.format())); err != nil {
		return "", err
	}
	return dst, nil
}

// writeOutput streams body into dst through a temporary file, checking its
// size and hash before it is renamed into place.
func writeOutput(dst string, output ID, size int64, body io.Reader) error {
	f, err := os.CreateTemp(filepath.Dir(dst), ".tmp-")
	if err != nil {
		return fmt.Errorf("gocache: %w", err)
	}
	defer os.Remove(f.Name()) // after a successful rename there is nothing to remove
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(body, size+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("gocache: writing an output: %w", err)
	}
	if n != size {
		return fmt.Errorf("gocache: body of %d bytes, the request said %d", n, size)
	}
	if !bytes.Equal(h.Sum(nil), output[:]) {
		return errors.New("gocache: body does not match its output ID")
	}
	return os.Rename(f.Name(), dst)
}

// writeAtomic writes a small file through a temporary file and a rename,
// so a reader never sees half of it.
func writeAtomic(dst string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return fmt.Errorf("gocache: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(dst), ".tmp-")
	if err != nil {
		return fmt.Errorf("gocache: %w", err)
	}
	defer os.Remove(f.Name())
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("gocache: %w", err)
	}
	return os.Rename(f.Name(), dst)
}
