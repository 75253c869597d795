package history

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Options configure a History. The zero value of each field means its
// default.
type Options struct {
	// MaxBytes is the size past which the history file is rotated: it is
	// renamed to PATH.1 (replacing the previous one) and a new file is
	// started, so the history holds at most about 2×MaxBytes on disk.
	// Default: 8 MiB.
	MaxBytes int64
	// MaxEntry bounds the input and the output text of one entry as
	// written; longer ones are cut, saying so. Default: 1 MiB.
	MaxEntry int
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = 8 << 20
	}
	if o.MaxEntry <= 0 {
		o.MaxEntry = 1 << 20
	}
	return o
}

// History records the cells one kernel session executes in a JSON-lines
// file shared by every kernel of the user, and answers history requests
// from it. Its methods are safe for concurrent use.
type History struct {
	mu      sync.Mutex
	path    string
	opts    Options
	session int
}

// entry is one line of the history file.
type entry struct {
	Session int    `json:"session"`
	Line    int    `json:"line"`
	Input   string `json:"input"`
	Output  string `json:"output,omitempty"`
}

// Open starts a new session in the history file at path. The session's
// number comes from PATH.session, read and incremented under an exclusive
// lock, so kernels started at the same moment get different numbers. Open
// reads nothing else (a PATH.session missing from older installs is
// rebuilt from the last entries of the history file) and creates the
// directory (0700) and files (0600) it needs.
func Open(path string, o Options) (*History, error) {
	h := &History{path: path, opts: o.withDefaults()}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	err := h.locked(func(seq *os.File) error {
		last, err := readSession(seq)
		if err != nil {
			last = h.lastSessionInFiles()
		}
		h.session = last + 1
		return writeSession(seq, h.session)
	})
	if err != nil {
		return nil, err
	}
	return h, nil
}

// Session returns the number of this kernel's session.
func (h *History) Session() int { return h.session }

// Add records cell number line of this session and the text of its
// result, rotating the file when it has grown past Options.MaxBytes.
func (h *History) Add(line int, input, output string) error {
	b, err := json.Marshal(entry{Session: h.session, Line: line, Input: cut(input, h.opts.MaxEntry), Output: cut(output, h.opts.MaxEntry)})
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	b = append(b, '\n')
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.locked(func(*os.File) error { return h.appendLine(b) })
}

// cut shortens s to at most max bytes (on a UTF-8 boundary), noting it.
func cut(s string, max int) string {
	if len(s) <= max {
		return s
	}
	const note = "\n… (cut: the history keeps the first %d bytes)"
	n := max
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + fmt.Sprintf(note, n)
}
