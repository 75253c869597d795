package zmtp

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Frame flags (23/ZMTP, "Framing").
const (
	flagMore    = 0x01
	flagLong    = 0x02
	flagCommand = 0x04
)

// greetingSize is the length of a ZMTP 3 greeting.
const greetingSize = 64

// frameOverhead is what each frame is charged against a message's size
// budget besides its body, so that a message of millions of empty frames
// is bounded too.
const frameOverhead = 64

// readChunk is how much of a large frame is allocated before its bytes
// arrive; the buffer then grows with the data actually received.
const readChunk = 1 << 20

// errTooLarge is wrapped by the errors of messages over the size limit.
var errTooLarge = errors.New("zmtp: message exceeds the size limit")

// greeting returns a ZMTP 3.1 greeting for the NULL mechanism.
func greeting() []byte {
	g := make([]byte, greetingSize)
	g[0], g[9] = 0xFF, 0x7F
	g[10], g[11] = 3, 1
	copy(g[12:32], "NULL")
	return g
}

// parseGreeting checks a peer's greeting and returns its minor version.
// Peers older than ZMTP 3.0 and mechanisms other than NULL are refused.
func parseGreeting(g []byte) (minor byte, err error) {
	if len(g) != greetingSize {
		return 0, fmt.Errorf("zmtp: greeting is %d bytes, want %d", len(g), greetingSize)
	}
	if g[0] != 0xFF || g[9] != 0x7F {
		return 0, fmt.Errorf("zmtp: bad greeting signature % x…% x", g[0], g[9])
	}
	if g[10] < 3 {
		return 0, fmt.Errorf("zmtp: peer speaks ZMTP %d.%d, want 3.x", g[10], g[11])
	}
	mech := g[12:32]
	if name := string(bytes.TrimRight(mech, "\x00")); name != "NULL" {
		return 0, fmt.Errorf("zmtp: security mechanism %q is not supported (want NULL)", printable(name))
	}
	if g[32] != 0 {
		return 0, errors.New("zmtp: as-server must be 0 with the NULL mechanism")
	}
	if g[10] > 3 {
		return 1, nil
	}
	return g[11], nil
}

// readFrame reads one frame of at most limit body bytes. The claimed size
// is checked before anything is allocated, and a large body is read in
// chunks, so memory follows the bytes the peer actually sent.
func readFrame(r *bufio.Reader, limit int64) (flags byte, body []byte, err error) {
	flags, err = r.ReadByte()
	if err != nil {
		return 0, nil, err
	}
	if flags&^(flagMore|flagLong|flagCommand) != 0 {
		return 0, nil, fmt.Errorf("zmtp: frame flags %#02x have reserved bits set", flags)
	}
	if flags&flagCommand != 0 && flags&flagMore != 0 {
		return 0, nil, errors.New("zmtp: a command frame has the MORE flag")
	}
	var size uint64
	if flags&flagLong != 0 {
		var b [8]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return 0, nil, unexpected(err)
		}
		size = binary.BigEndian.Uint64(b[:])
	} else {
		b, err := r.ReadByte()
		if err != nil {
			return 0, nil, unexpected(err)
		}
		size = uint64(b)
	}
	if limit < 0 || size > uint64(limit) {
		return 0, nil, fmt.Errorf("%w: a frame claims %d bytes, %d allowed", errTooLarge, size, max(limit, 0))
	}
	body, err = readBody(r, int(size))
	return flags, body, err
}

// readBody reads n bytes. Its buffer starts at readChunk and doubles as
// data arrives, so it never holds more than twice what the peer has sent.
func readBody(r io.Reader, n int) ([]byte, error) {
	if n <= readChunk {
		b := make([]byte, n)
		_, err := io.ReadFull(r, b)
		return b, unexpected(err)
	}
	b := make([]byte, 0, readChunk)
	for len(b) < n {
		if len(b) == cap(b) {
			grown := make([]byte, len(b), min(2*cap(b), n))
			copy(grown, b)
			b = grown
		}
		k, err := io.ReadFull(r, b[len(b):cap(b)])
		b = b[:len(b)+k]
		if err != nil {
			return nil, unexpected(err)
		}
	}
	return b, nil
}

func unexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// readMessage reads one message, or one command. The frames' bodies plus
// frameOverhead per frame may total at most limit bytes.
func readMessage(r *bufio.Reader, limit int64) (frames [][]byte, isCommand bool, err error) {
	budget := limit
	for {
		budget -= frameOverhead
		flags, body, err := readFrame(r, budget)
		if err != nil {
			if len(frames) > 0 && err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, false, err
		}
		budget -= int64(len(body))
		if flags&flagCommand != 0 {
			if len(frames) > 0 {
				return nil, false, errors.New("zmtp: a command frame inside a multipart message")
			}
			return [][]byte{body}, true, nil
		}
		frames = append(frames, body)
		if flags&flagMore == 0 {
			return frames, false, nil
		}
	}
}

// writeFrame writes one frame.
func writeFrame(w *bufio.Writer, flags byte, body []byte) error {
	if len(body) > 255 {
		var b [9]byte
		b[0] = flags | flagLong
		binary.BigEndian.PutUint64(b[1:], uint64(len(body)))
		if _, err := w.Write(b[:]); err != nil {
			return err
		}
	} else if _, err := w.Write([]byte{flags, byte(len(body))}); err != nil {
		return err
	}
	_, err := w.Write(body)
	return err
}

// writeMessage writes the frames of one message.
func writeMessage(w *bufio.Writer, frames [][]byte) error {
	for i, f := range frames {
		var flags byte
		if i < len(frames)-1 {
			flags = flagMore
		}
		if err := writeFrame(w, flags, f); err != nil {
			return err
		}
	}
	return nil
}

// command is a ZMTP command: a name of 1–255 octets and its data.
type command struct {
	name string
	data []byte
}

func parseCommand(body []byte) (command, error) {
	if len(body) == 0 || int(body[0]) == 0 || len(body) < 1+int(body[0]) {
		return command{}, errors.New("zmtp: malformed command frame")
	}
	n := int(body[0])
	return command{name: string(body[1 : 1+n]), data: body[1+n:]}, nil
}

func encodeCommand(name string, data []byte) []byte {
	b := make([]byte, 0, 1+len(name)+len(data))
	b = append(b, byte(len(name)))
	b = append(b, name...)
	return append(b, data...)
}

// parseMetadata decodes the properties of a READY command. Names are
// case-insensitive; they are returned in lower case.
func parseMetadata(data []byte) (map[string][]byte, error) {
	props := map[string][]byte{}
	for len(data) > 0 {
		n := int(data[0])
		if n == 0 || len(data) < 1+n+4 {
			return nil, errors.New("zmtp: malformed property in READY")
		}
		name := strings.ToLower(string(data[1 : 1+n]))
		data = data[1+n:]
		vlen := binary.BigEndian.Uint32(data)
		data = data[4:]
		if uint64(vlen) > uint64(len(data)) {
			return nil, fmt.Errorf("zmtp: READY property %q claims %d bytes, %d left", printable(name), vlen, len(data))
		}
		props[name] = data[:vlen]
		data = data[vlen:]
	}
	return props, nil
}

func appendProperty(b []byte, name string, value []byte) []byte {
	b = append(b, byte(len(name)))
	b = append(b, name...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(value)))
	return append(b, value...)
}

// printable shortens s and quotes it safely for error messages.
func printable(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return strings.ToValidUTF8(s, "?")
}
