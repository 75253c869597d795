package gocache

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// HashSize is the size of the go command's action and output IDs
// (SHA-256).
const HashSize = 32

// An ID is an action or output ID.
type ID [HashSize]byte

// entrySize is the size of an action entry file: "v1 <hex action> <hex
// output> <size, space-padded to 20> <unix nanoseconds, padded to 20>\n",
// the go command's format (cmd/go/internal/cache).
const entrySize = 2 + 1 + 2*HashSize + 1 + 2*HashSize + 1 + 20 + 1 + 20 + 1

// An entry is an action entry: the output an action produced.
type entry struct {
	action, output ID
	size           int64
	time           int64 // unix nanoseconds
}

// parseEntry reads an action entry file's contents, by the columns the go
// command writes.
func parseEntry(b []byte) (entry, error) {
	var e entry
	if len(b) != entrySize {
		return e, fmt.Errorf("gocache: an action entry is %d bytes, got %d", entrySize, len(b))
	}
	const (
		out  = 3 + 2*HashSize + 1 // where the output ID starts
		size = out + 2*HashSize + 1
		tm   = size + 20 + 1
	)
	if string(b[:3]) != "v1 " || b[out-1] != ' ' || b[size-1] != ' ' || b[tm-1] != ' ' || b[entrySize-1] != '\n' {
		return e, errors.New("gocache: malformed action entry")
	}
	if err := decodeID(&e.action, string(b[3:out-1])); err != nil {
		return e, err
	}
	if err := decodeID(&e.output, string(b[out:size-1])); err != nil {
		return e, err
	}
	var err1, err2 error
	e.size, err1 = strconv.ParseInt(strings.TrimLeft(string(b[size:tm-1]), " "), 10, 64)
	e.time, err2 = strconv.ParseInt(strings.TrimLeft(string(b[tm:entrySize-1]), " "), 10, 64)
	if err1 != nil || err2 != nil || e.size < 0 || e.time < 0 {
		return e, fmt.Errorf("gocache: bad size or time in action entry %q", b)
	}
	return e, nil
}

func decodeID(id *ID, s string) error {
	if len(s) != 2*HashSize {
		return fmt.Errorf("gocache: an ID has %d hex digits, got %d", 2*HashSize, len(s))
	}
	if _, err := hex.Decode(id[:], []byte(s)); err != nil {
		return fmt.Errorf("gocache: bad ID %q: %w", s, err)
	}
	return nil
}

// format writes the entry as the go command does.
func (e entry) format() string {
	return fmt.Sprintf("v1 %x %x %20d %20d\n", e.action[:], e.output[:], e.size, e.time)
}

// fileName is where a cache in dir keeps id's file of the given kind ("a"
// for an action entry, "d" for an output).
func fileName(dir string, id ID, kind string) string {
	return filepath.Join(dir, fmt.Sprintf("%02x", id[0]), fmt.Sprintf("%x-%s", id[:], kind))
}

// readEntry reads the action entry of action in the cache in dir.
func readEntry(dir string, action ID) (entry, error) {
	f, err := os.Open(fileName(dir, action, "a"))
	if err != nil {
		return entry{}, err
	}
	defer f.Close()
	b := make([]byte, entrySize+1) // one more, to notice a longer file
	n, err := io.ReadFull(f, b)
	if err != io.ErrUnexpectedEOF && err != nil || n != entrySize {
		return entry{}, fmt.Errorf("gocache: action entry of %d bytes or more, want %d", n, entrySize)
	}
	e, err := parseEntry(b[:n])
	if err != nil {
		return entry{}, err
	}
	if e.action != action {
		return entry{}, errors.New("gocache: action entry holds another action's ID")
	}
	return e, nil
}
