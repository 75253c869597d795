package zmtp

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
)

// peerGreeting builds a greeting by hand from 23/ZMTP's grammar, not with
// greeting(), so that the two cannot share a mistake.
func peerGreeting(major, minor byte, mech string) []byte {
	g := make([]byte, 64)
	g[0], g[9], g[10], g[11] = 0xFF, 0x7F, major, minor
	copy(g[12:32], mech)
	return g
}

func TestParseGreeting(t *testing.T) {
	if m, err := parseGreeting(greeting()); err != nil || m != 1 {
		t.Fatalf("own greeting: minor %d, %v", m, err)
	}
	for _, tc := range []struct {
		name string
		g    []byte
		want string // "" for success
	}{
		{"3.0 NULL", peerGreeting(3, 0, "NULL"), ""},
		{"3.1 NULL", peerGreeting(3, 1, "NULL"), ""},
		{"short", peerGreeting(3, 1, "NULL")[:63], "63 bytes"},
		{"no signature", append([]byte{0}, peerGreeting(3, 1, "NULL")[1:]...), "signature"},
		{"ZMTP 2", peerGreeting(2, 0, "NULL"), "ZMTP 2.0"},
		{"CURVE", peerGreeting(3, 0, "CURVE"), `"CURVE"`},
		{"PLAIN", peerGreeting(3, 0, "PLAIN"), `"PLAIN"`},
		{"NULL with junk", peerGreeting(3, 0, "NULL\x00x"), "mechanism"},
		{"as-server", func() []byte { g := peerGreeting(3, 0, "NULL"); g[32] = 1; return g }(), "as-server"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseGreeting(tc.g)
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func longHeader(flags byte, size uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte{flags | flagLong}, size)
}

// TestHugeFrameHeaderAllocatesNothing sends the headers that killed the
// kernel under zmq4 v0.17.0 (which allocated the claimed length).
func TestHugeFrameHeaderAllocatesNothing(t *testing.T) {
	for _, size := range []uint64{1<<63 - 1, 1 << 63, 1<<64 - 1, 1 << 40, 256<<20 + 1} {
		var ms0, ms1 runtime.MemStats
		runtime.ReadMemStats(&ms0)
		_, _, err := readMessage(bufio.NewReader(bytes.NewReader(longHeader(0, size))), 256<<20)
		runtime.ReadMemStats(&ms1)
		if !errors.Is(err, errTooLarge) {
			t.Errorf("size %d: error %v, want errTooLarge", size, err)
		}
		if d := ms1.TotalAlloc - ms0.TotalAlloc; d > 64<<10 {
			t.Errorf("size %d: allocated %d bytes before refusing", size, d)
		}
	}
}

// TestClaimedSizeCostsOnlyWhatArrives: a frame under the limit that
// claims 200 MiB but sends 10 bytes costs about readChunk, not 200 MiB.
func TestClaimedSizeCostsOnlyWhatArrives(t *testing.T) {
	in := append(longHeader(0, 200<<20), "0123456789"...)
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	_, _, err := readMessage(bufio.NewReader(bytes.NewReader(in)), 256<<20)
	runtime.ReadMemStats(&ms1)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("error %v, want unexpected EOF", err)
	}
	if d := ms1.TotalAlloc - ms0.TotalAlloc; d > 2*readChunk {
		t.Fatalf("allocated %d bytes for 10 bytes of data", d)
	}
}

func TestMessageRoundTrip(t *testing.T) {
	frames := [][]byte{{}, []byte("id"), bytes.Repeat([]byte("a"), 255), bytes.Repeat([]byte("b"), 256),
		bytes.Repeat([]byte("c"), 3*readChunk+7)}
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	if err := writeMessage(w, frames); err != nil {
		t.Fatal(err)
	}
	writeFrame(w, flagCommand, encodeCommand("PING", []byte{0, 10, 'x'}))
	w.Flush()
	r := bufio.NewReader(&buf)
	got, isCmd, err := readMessage(r, 64<<20)
	if err != nil || isCmd || len(got) != len(frames) {
		t.Fatalf("read %d frames, command %v, %v", len(got), isCmd, err)
	}
	for i := range frames {
		if !bytes.Equal(got[i], frames[i]) {
			t.Errorf("frame %d: %d bytes, want %d", i, len(got[i]), len(frames[i]))
		}
	}
	got, isCmd, err = readMessage(r, 64<<20)
	if err != nil || !isCmd {
		t.Fatalf("command: %v %v", isCmd, err)
	}
	if c, err := parseCommand(got[0]); err != nil || c.name != "PING" || string(c.data) != "\x00\nx" {
		t.Fatalf("command %+v, %v", c, err)
	}
	if _, _, err := readMessage(r, 64<<20); err != io.EOF {
		t.Fatalf("at the end: %v, want EOF", err)
	}
}

func TestReadMessageErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    []byte
		limit int64
	}{
		{"reserved flag", []byte{0x08, 0}, 1 << 20},
		{"command with MORE", []byte{flagCommand | flagMore, 0}, 1 << 20},
		{"command inside message", []byte{flagMore, 1, 'a', flagCommand, 1, 'x'}, 1 << 20},
		{"truncated short size", []byte{0}, 1 << 20},
		{"truncated long size", []byte{flagLong, 0, 0}, 1 << 20},
		{"truncated body", []byte{0, 5, 'a'}, 1 << 20},
		{"truncated multipart", []byte{flagMore, 1, 'a'}, 1 << 20},
		{"over the limit", []byte{0, 200}, 100},
		// 20 empty frames cost 20×64 bytes of budget.
		{"many empty frames", bytes.Repeat([]byte{flagMore, 0}, 20), 1000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, err := readMessage(bufio.NewReader(bytes.NewReader(tc.in)), tc.limit); err == nil || err == io.EOF {
				t.Fatalf("error %v, want a protocol error", err)
			}
		})
	}
}

func TestMetadata(t *testing.T) {
	b := appendProperty(nil, "Socket-Type", []byte("DEALER"))
	b = appendProperty(b, "Identity", []byte("abc"))
	props, err := parseMetadata(b)
	if err != nil || string(props["socket-type"]) != "DEALER" || string(props["identity"]) != "abc" {
		t.Fatalf("props %q, %v", props, err)
	}
	for name, bad := range map[string][]byte{
		"empty name":  {0, 0, 0, 0, 0},
		"short":       {3, 'a', 'b'},
		"value claim": append([]byte{1, 'a'}, 0xFF, 0xFF, 0xFF, 0xFF, 'v'),
	} {
		if _, err := parseMetadata(bad); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	for name, bad := range map[string][]byte{"empty": {}, "zero name": {0}, "short name": {5, 'R'}} {
		if _, err := parseCommand(bad); err == nil {
			t.Errorf("command %s: no error", name)
		}
	}
}
