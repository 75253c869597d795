package gocache

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// script is what a go command would send.
type script struct{ bytes.Buffer }

func (s *script) req(id int64, cmd string, action, output []byte, body []byte) {
	b, _ := json.Marshal(request{ID: id, Command: cmd, ActionID: action, OutputID: output, BodySize: int64(len(body))})
	s.Write(b)
	s.WriteString("\n\n") // json.Encoder's newline and the go command's own
	if len(body) > 0 {
		fmt.Fprintf(s, "%q\n", base64.StdEncoding.EncodeToString(body))
	}
}

func id(s string) []byte { h := sha256.Sum256([]byte(s)); return h[:] }

// serve runs a script and returns the responses after the first (which
// lists the commands).
func serve(t *testing.T, c Config, s *script) ([]response, error) {
	t.Helper()
	var out bytes.Buffer
	err := Serve(bytes.NewReader(s.Bytes()), &out, c)
	var rs []response
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		var r response
		if jerr := json.Unmarshal(sc.Bytes(), &r); jerr != nil {
			t.Fatalf("bad response %q: %v", sc.Text(), jerr)
		}
		rs = append(rs, r)
	}
	if len(rs) == 0 || strings.Join(rs[0].KnownCommands, ",") != "get,put,close" {
		t.Fatalf("first response %+v", rs)
	}
	return rs[1:], err
}

func TestPutThenGet(t *testing.T) {
	own := t.TempDir()
	body := bytes.Repeat([]byte("archive!"), 10000)
	out := sha256.Sum256(body)
	var s script
	s.req(1, "get", id("a1"), nil, nil)
	s.req(2, "put", id("a1"), out[:], body)
	s.req(3, "get", id("a1"), nil, nil)
	s.req(4, "put", id("empty"), id(""), nil) // an empty output has no body line
	s.req(5, "get", id("empty"), nil, nil)
	s.req(6, "close", nil, nil, nil)
	rs, err := serve(t, Config{Own: own}, &s)
	if err != nil || len(rs) != 6 {
		t.Fatalf("%d responses, %v", len(rs), err)
	}
	if !rs[0].Miss || rs[0].ID != 1 {
		t.Errorf("get before put: %+v", rs[0])
	}
	want := filepath.Join(own, fmt.Sprintf("%02x", out[0]), fmt.Sprintf("%x-d", out))
	if rs[1].Err != "" || rs[1].DiskPath != want {
		t.Errorf("put: %+v, want DiskPath %s", rs[1], want)
	}
	if b, _ := os.ReadFile(want); !bytes.Equal(b, body) {
		t.Errorf("the output file holds %d bytes, want the body", len(b))
	}
	if r := rs[2]; r.Miss || r.DiskPath != want || !bytes.Equal(r.OutputID, out[:]) || r.Size != int64(len(body)) || r.Time == nil {
		t.Errorf("get after put: %+v", r)
	}
	if r := rs[4]; r.Miss || r.Size != 0 || r.DiskPath == "" {
		t.Errorf("get of the empty output: %+v", r)
	}
	if rs[5].ID != 6 || rs[5].Err != "" {
		t.Errorf("close: %+v", rs[5])
	}
}

// TestSharedIsReadOnlyAndSecond: a get finds the shared cache's output in
// place; a put goes to the user's cache even when the shared cache has the
// action; the user's own entry wins afterwards; the shared cache is not
// changed.
func TestSharedIsReadOnlyAndSecond(t *testing.T) {
	shared, own := t.TempDir(), t.TempDir()
	body := []byte("shared output")
	out := sha256.Sum256(body)
	var s script
	s.req(1, "put", id("a"), out[:], body)
	if _, err := serve(t, Config{Own: shared}, &s); err != nil {
		t.Fatal(err)
	}
	before := listFiles(t, shared)
	mine := []byte("my output")
	myOut := sha256.Sum256(mine)
	s = script{}
	s.req(1, "get", id("a"), nil, nil)
	s.req(2, "put", id("a"), myOut[:], mine)
	s.req(3, "get", id("a"), nil, nil)
	rs, err := serve(t, Config{Own: own, Shared: []string{shared}}, &s)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(rs[0].DiskPath, shared+"/") || !bytes.Equal(rs[0].OutputID, out[:]) {
		t.Errorf("get from the shared cache: %+v", rs[0])
	}
	if !strings.HasPrefix(rs[1].DiskPath, own+"/") || !strings.HasPrefix(rs[2].DiskPath, own+"/") || !bytes.Equal(rs[2].OutputID, myOut[:]) {
		t.Errorf("put and get in the user's cache: %+v %+v", rs[1], rs[2])
	}
	if after := listFiles(t, shared); after != before {
		t.Errorf("the shared cache changed:\n%s\nto\n%s", before, after)
	}
}

func TestUntrustedSharedIsSkipped(t *testing.T) {
	shared, own := t.TempDir(), t.TempDir()
	body := []byte("x")
	out := sha256.Sum256(body)
	var s script
	s.req(1, "put", id("a"), out[:], body)
	if _, err := serve(t, Config{Own: shared}, &s); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := Trusted(shared); err == nil || !strings.Contains(err.Error(), "writable by others") {
		t.Fatalf("Trusted(a 0777 directory) = %v", err)
	}
	s = script{}
	s.req(1, "get", id("a"), nil, nil)
	rs, err := serve(t, Config{Own: own, Shared: []string{shared}}, &s)
	if err != nil || !rs[0].Miss {
		t.Fatalf("get through a world-writable shared cache: %+v, %v", rs, err)
	}
}

func TestBadPutsAndRequests(t *testing.T) {
	own := t.TempDir()
	body := []byte("body")
	out := sha256.Sum256(body)
	var s script
	s.req(1, "put", id("a"), id("other"), body) // wrong output ID
	s.req(2, "get", id("a"), nil, nil)
	s.req(3, "frobnicate", nil, nil, nil)
	s.req(4, "put", id("b"), out[:], body)
	rs, err := serve(t, Config{Own: own}, &s)
	if err != nil || len(rs) != 4 {
		t.Fatalf("%+v %v", rs, err)
	}
	if !strings.Contains(rs[0].Err, "does not match") || !rs[1].Miss || !strings.Contains(rs[2].Err, "unknown command") || rs[3].Err != "" {
		t.Errorf("responses %+v", rs)
	}
	// Corrupt or truncated action entries are misses, never errors.
	var bID ID
	copy(bID[:], id("b"))
	for _, junk := range []string{"", "v1 short\n", strings.Repeat("x", entrySize), strings.Repeat("v1 ", 200)} {
		if err := os.WriteFile(fileName(own, bID, "a"), []byte(junk), 0o600); err != nil {
			t.Fatal(err)
		}
		s = script{}
		s.req(1, "get", id("b"), nil, nil)
		if rs, err := serve(t, Config{Own: own}, &s); err != nil || !rs[0].Miss {
			t.Errorf("entry %q: %+v %v", junk, rs, err)
		}
	}
	for name, in := range map[string]string{
		"not json":        "{nope\n",
		"short action":    `{"ID":1,"Command":"get","ActionID":"AAAA"}` + "\n",
		"huge body":       `{"ID":1,"Command":"put","ActionID":"` + b64(id("a")) + `","OutputID":"` + b64(id("o")) + `","BodySize":99999999999}` + "\n",
		"body not string": `{"ID":1,"Command":"put","ActionID":"` + b64(id("a")) + `","OutputID":"` + b64(id("o")) + `","BodySize":3}` + "\n\n[1,2]\n",
		"body cut off":    `{"ID":1,"Command":"put","ActionID":"` + b64(id("a")) + `","OutputID":"` + b64(id("o")) + `","BodySize":3}` + "\n\n\"QUJ",
		"long line":       strings.Repeat(" ", 10) + strings.Repeat("x", maxLine+10) + "\n",
	} {
		var out bytes.Buffer
		if err := Serve(strings.NewReader(in), &out, Config{Own: own}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func TestParseEntry(t *testing.T) {
	e := entry{size: 1234, time: 1700000000123456789}
	copy(e.action[:], id("a"))
	copy(e.output[:], id("o"))
	s := e.format()
	if len(s) != entrySize {
		t.Fatalf("format gives %d bytes, want %d", len(s), entrySize)
	}
	got, err := parseEntry([]byte(s))
	if err != nil || got != e {
		t.Fatalf("parseEntry(format(e)) = %+v, %v", got, err)
	}
	bad := []byte(s)
	bad[140] = 'x' // inside the size column
	if _, err := parseEntry(bad); err == nil {
		t.Errorf("a letter in the size column parsed")
	}
}

func listFiles(t *testing.T, dir string) string {
	var b strings.Builder
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil {
			fmt.Fprintf(&b, "%s %d %v\n", p, fi.Size(), fi.ModTime().UnixNano())
		}
		return nil
	})
	return b.String()
}
