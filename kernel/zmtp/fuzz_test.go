package zmtp

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"testing"
	"time"
)

// FuzzReadMessage feeds arbitrary bytes to the frame decoder: it must
// never panic or allocate past its limit, and what it accepts must
// survive a write and a second read unchanged.
func FuzzReadMessage(f *testing.F) {
	f.Add([]byte{0, 0})
	f.Add([]byte{flagMore, 2, 'i', 'd', 0, 3, 'a', 'b', 'c'})
	f.Add(longHeader(0, 1<<63-1))
	f.Add(longHeader(0, 1<<40))
	f.Add(longHeader(flagCommand, 1<<64-1))
	f.Add(append(longHeader(flagMore, 300), bytes.Repeat([]byte{'x'}, 300)...))
	f.Add([]byte{flagCommand, 10, 4, 'P', 'I', 'N', 'G', 0, 1, 'c', 't', 'x'})
	f.Add(bytes.Repeat([]byte{flagMore, 0}, 100))
	f.Add([]byte{0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F})
	f.Fuzz(func(t *testing.T, in []byte) {
		const limit = 1 << 16
		r := bufio.NewReader(bytes.NewReader(in))
		for {
			frames, isCmd, err := readMessage(r, limit)
			if err != nil {
				return
			}
			if isCmd {
				if c, err := parseCommand(frames[0]); err == nil && c.name == "READY" {
					_, _ = parseMetadata(c.data)
				}
				continue
			}
			var buf bytes.Buffer
			w := bufio.NewWriter(&buf)
			if err := writeMessage(w, frames); err != nil {
				t.Fatal(err)
			}
			w.Flush()
			again, _, err := readMessage(bufio.NewReader(&buf), limit)
			if err != nil || len(again) != len(frames) {
				t.Fatalf("re-reading %d frames: %d, %v", len(frames), len(again), err)
			}
			for i := range frames {
				if !bytes.Equal(again[i], frames[i]) {
					t.Fatalf("frame %d changed", i)
				}
			}
		}
	})
}

// FuzzHandshake plays arbitrary bytes as the peer of a ROUTER's handshake:
// greetings cut short, other versions and mechanisms, malformed READY
// commands. The handshake must end with an error or a valid peer, never a
// panic or a hang.
func FuzzHandshake(f *testing.F) {
	ready := func(typ string, id string) []byte {
		body := append([]byte{5}, "READY"...)
		body = appendProperty(body, "Socket-Type", []byte(typ))
		if id != "" {
			body = appendProperty(body, "Identity", []byte(id))
		}
		return append([]byte{flagCommand, byte(len(body))}, body...)
	}
	f.Add(append(peerGreeting(3, 0, "NULL"), ready("DEALER", "client")...))
	f.Add(append(peerGreeting(3, 1, "NULL"), ready("REQ", "")...))
	f.Add(append(peerGreeting(3, 1, "NULL"), ready("PUB", "")...))
	f.Add(peerGreeting(3, 1, "NULL")[:10])
	f.Add(peerGreeting(3, 1, "NULL")[:63])
	f.Add(append(peerGreeting(3, 0, "CURVE"), ready("DEALER", "")...))
	f.Add(append(peerGreeting(3, 0, "PLAIN"), ready("DEALER", "")...))
	f.Add(append(peerGreeting(1, 0, "NULL"), ready("DEALER", "")...))
	f.Add(append(peerGreeting(3, 0, "NULL"), longHeader(flagCommand, 1<<63-1)...))
	f.Add(append(peerGreeting(3, 0, "NULL"), flagCommand, 7, 5, 'E', 'R', 'R', 'O', 'R', 0))
	f.Add(append(peerGreeting(3, 0, "NULL"), 0, 3, 'a', 'b', 'c'))
	f.Fuzz(func(t *testing.T, in []byte) {
		a, b := net.Pipe()
		defer a.Close()
		go func() {
			defer b.Close()
			go io.Copy(io.Discard, b)
			b.Write(in)
		}()
		info, err := handshake(a, bufio.NewReader(a), Router, nil, 2*time.Second)
		if err == nil && !compatible(Router, info.typ) {
			t.Fatalf("accepted an incompatible peer %v", info.typ)
		}
		if err == nil && len(info.identity) > 255 {
			t.Fatalf("accepted a %d-byte identity", len(info.identity))
		}
	})
}
