package gocache

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// request is a message from the go command (cmd/go/internal/cacheprog).
type request struct {
	ID       int64
	Command  string
	ActionID []byte `json:",omitempty"`
	OutputID []byte `json:",omitempty"`
	BodySize int64  `json:",omitempty"`
}

// response is a message to the go command.
type response struct {
	ID            int64
	Err           string     `json:",omitempty"`
	KnownCommands []string   `json:",omitempty"`
	Miss          bool       `json:",omitempty"`
	OutputID      []byte     `json:",omitempty"`
	Size          int64      `json:",omitempty"`
	Time          *time.Time `json:",omitempty"`
	DiskPath      string     `json:",omitempty"`
}

// maxLine bounds a request line; requests are a few hundred bytes.
const maxLine = 64 << 10

// maxBody bounds a put's body. The largest outputs are archives of big
// packages (tens of MB); anything near this is not from the go command.
const maxBody = 8 << 30

// Serve answers the go command's requests read from r on w until it
// sends "close" (nil) or r ends or is malformed (an error).
func Serve(r io.Reader, w io.Writer, c Config) error {
	l, err := newLayers(c)
	if err != nil {
		return err
	}
	br := bufio.NewReaderSize(r, maxLine)
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	send := func(res response) error {
		if err := enc.Encode(res); err != nil {
			return err
		}
		return bw.Flush()
	}
	if err := send(response{KnownCommands: []string{"get", "put", "close"}}); err != nil {
		return err
	}
	for {
		line, err := readLine(br)
		if err == io.EOF {
			return nil // the go command closed our input: it is done
		}
		if err != nil {
			return err
		}
		var req request
		if err := json.Unmarshal(line, &req); err != nil {
			return fmt.Errorf("gocache: bad request %.100q: %w", line, err)
		}
		res := response{ID: req.ID}
		switch req.Command {
		case "get":
			var a ID
			if len(req.ActionID) != HashSize {
				return fmt.Errorf("gocache: get with a %d-byte action ID", len(req.ActionID))
			}
			copy(a[:], req.ActionID)
			if h, ok := l.get(a); ok {
				t := time.Unix(0, h.e.time)
				res.OutputID, res.Size, res.Time, res.DiskPath = h.e.output[:], h.e.size, &t, h.path
			} else {
				res.Miss = true
			}
		case "put":
			var a, o ID
			if len(req.ActionID) != HashSize || len(req.OutputID) != HashSize || req.BodySize < 0 || req.BodySize > maxBody {
				return fmt.Errorf("gocache: put with a %d-byte action ID, %d-byte output ID, body of %d bytes", len(req.ActionID), len(req.OutputID), req.BodySize)
			}
			copy(a[:], req.ActionID)
			copy(o[:], req.OutputID)
			body := io.Reader(bytes.NewReader(nil))
			var b *bodyReader
			if req.BodySize > 0 {
				if b, err = openBody(br); err != nil {
					return err
				}
				body = base64.NewDecoder(base64.StdEncoding, b)
			}
			p, err := l.put(a, o, req.BodySize, body)
			if b != nil {
				if cerr := b.finish(); cerr != nil {
					return cerr // the stream is out of step: nothing more can be read
				}
			}
			if err != nil {
				res.Err = err.Error()
			} else {
				res.DiskPath = p
			}
		case "close":
			return send(res)
		default:
			res.Err = fmt.Sprintf("gocache: unknown command %q", req.Command)
		}
		if err := send(res); err != nil {
			return err
		}
	}
}

// readLine returns the next non-blank line (the go command writes a blank
// line after each request), refusing one longer than maxLine.
func readLine(br *bufio.Reader) ([]byte, error) {
	for {
		line, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			return nil, fmt.Errorf("gocache: a request line longer than %d bytes", maxLine)
		}
		if len(bytes.TrimSpace(line)) > 0 {
			return line, nil // a last line without a newline is still a request
		}
		if err != nil {
			return nil, err
		}
	}
}

// bodyReader reads a put's body: the base64 text of a JSON string that
// follows the request, without its quotes. It stops at the closing quote.
type bodyReader struct {
	br   *bufio.Reader
	done bool
}

func openBody(br *bufio.Reader) (*bodyReader, error) {
	for {
		c, err := br.ReadByte()
		if err != nil {
			return nil, fmt.Errorf("gocache: put without a body: %w", err)
		}
		if c == '"' {
			return &bodyReader{br: br}, nil
		}
		if c != '\n' && c != ' ' && c != '\r' && c != '\t' {
			return nil, fmt.Errorf("gocache: a put's body must be a JSON string, found %q", c)
		}
	}
}

func (b *bodyReader) Read(p []byte) (int, error) {
	if b.done || len(p) == 0 {
		if b.done {
			return 0, io.EOF
		}
		return 0, nil
	}
	if b.br.Buffered() == 0 {
		if _, err := b.br.Peek(1); err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return 0, err
		}
	}
	buf, _ := b.br.Peek(min(len(p), b.br.Buffered()))
	skip := 0
	if i := bytes.IndexByte(buf, '"'); i >= 0 {
		buf, b.done, skip = buf[:i], true, 1
	}
	n := copy(p, buf)
	_, _ = b.br.Discard(n + skip)
	if n == 0 && b.done {
		return 0, io.EOF
	}
	return n, nil
}

// finish reads the rest of the body (when put stopped early on an error)
// and its closing quote.
func (b *bodyReader) finish() error {
	if _, err := io.Copy(io.Discard, b); err != nil {
		return err
	}
	return nil
}
