package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"syscall"
)

// locked runs f holding an exclusive lock on PATH.session, the file that
// also holds the last session number; every change of the history files
// happens under it.
func (h *History) locked(f func(seq *os.File) error) error {
	seq, err := os.OpenFile(h.path+".session", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	defer seq.Close()
	if err := syscall.Flock(int(seq.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("history: locking %s: %w", seq.Name(), err)
	}
	defer syscall.Flock(int(seq.Fd()), syscall.LOCK_UN)
	return f(seq)
}

func readSession(seq *os.File) (int, error) {
	b, err := io.ReadAll(io.LimitReader(seq, 32))
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(string(bytes.TrimSpace(b)))
}

func writeSession(seq *os.File, n int) error {
	if err := seq.Truncate(0); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	if _, err := seq.WriteAt([]byte(strconv.Itoa(n)+"\n"), 0); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	return nil
}

// tailBytes is how much of the end of a history file is read to find the
// last session number when PATH.session is missing.
const tailBytes = 1 << 20

// lastSessionInFiles returns the highest session number among the last
// entries of the history files, for a history written before
// PATH.session existed.
func (h *History) lastSessionInFiles() int {
	last := 0
	for _, p := range []string{h.path, h.path + ".1"} {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		if fi, err := f.Stat(); err == nil && fi.Size() > tailBytes {
			f.Seek(fi.Size()-tailBytes, io.SeekStart)
		}
		eachEntry(f, tailBytes, func(e entry) { last = max(last, e.Session) })
		f.Close()
	}
	return last
}

// appendLine appends one entry, rotating first when the file would grow
// past MaxBytes. The caller holds the lock.
func (h *History) appendLine(b []byte) error {
	f, err := os.OpenFile(h.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	fi, err := f.Stat()
	if err == nil && fi.Size() > 0 && fi.Size()+int64(len(b)) > h.opts.MaxBytes {
		f.Close()
		if err := os.Rename(h.path, h.path+".1"); err != nil {
			return fmt.Errorf("history: rotating: %w", err)
		}
		if f, err = os.OpenFile(h.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|os.O_EXCL, 0o600); err != nil {
			return fmt.Errorf("history: %w", err)
		}
	} else if err == nil && fi.Mode().Perm() != 0o600 {
		f.Chmod(0o600) // files of older versions were 0644
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	return nil
}

// eachEntry calls f for every entry in r. A line that is not an entry, or
// is longer than maxLine, is skipped; reading goes on after it.
func eachEntry(r io.Reader, maxLine int, f func(entry)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(line)+len(chunk) <= maxLine {
			line = append(line, chunk...)
		} else {
			line = line[:0]
			// Too long: drop the rest of it.
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			if err == nil {
				continue
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if len(bytes.TrimSpace(line)) > 0 {
			var e entry
			if json.Unmarshal(line, &e) == nil && e.Session > 0 {
				f(e)
			}
		}
		line = line[:0]
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// readAll returns the entries of the rotated and the current file, oldest
// first.
func (h *History) readAll() []entry {
	var es []entry
	maxLine := 8*h.opts.MaxEntry + 4096 // room for JSON escapes
	for _, p := range []string{h.path + ".1", h.path} {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		eachEntry(f, maxLine, func(e entry) { es = append(es, e) })
		f.Close()
	}
	return es
}
