package gocache

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzParseEntry(f *testing.F) {
	e := entry{size: 5, time: 7}
	copy(e.action[:], id("a"))
	copy(e.output[:], id("o"))
	f.Add([]byte(e.format()))
	f.Add([]byte(strings.Repeat(" ", entrySize)))
	f.Add([]byte("v1 " + strings.Repeat("zz", 80) + "\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := parseEntry(b)
		if err == nil && (got.size < 0 || got.time < 0 || got.format() == "") {
			t.Fatalf("parsed %+v", got)
		}
	})
}

// FuzzServe: whatever the go command (or anyone) sends, Serve returns and
// writes only inside the user's cache directory.
func FuzzServe(f *testing.F) {
	body := []byte("hello")
	var s script
	s.req(1, "put", id("a"), func() []byte { h := id(""); return h }(), nil)
	s.req(2, "get", id("a"), nil, nil)
	s.req(3, "put", id("b"), id("x"), body)
	s.req(4, "close", nil, nil, nil)
	f.Add(s.Bytes())
	f.Add([]byte(`{"ID":1,"Command":"put","ActionID":"` + b64(id("a")) + `","OutputID":"` + b64(id("o")) + `","BodySize":2}` + "\n\n\"\\\\\"\n"))
	f.Add([]byte("\n\n\n"))
	f.Add([]byte(`{"Command":"get","ActionID":"../../../../etc/passwd"}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		root := t.TempDir()
		own := filepath.Join(root, "own")
		_ = Serve(bytes.NewReader(in), io.Discard, Config{Own: own})
		entries, _ := os.ReadDir(root)
		if len(entries) != 1 || entries[0].Name() != "own" {
			t.Fatalf("Serve wrote outside its cache: %v", entries)
		}
	})
}
