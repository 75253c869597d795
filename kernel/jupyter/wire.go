package jupyter

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// ProtocolVersion is the Jupyter messaging protocol version the kernel speaks.
const ProtocolVersion = "5.3"

// delimiter separates routing identities from the signed message parts.
var delimiter = []byte("<IDS|MSG>")

// Header is a Jupyter message header.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is one Jupyter message. Parent and Metadata are kept raw so they
// are echoed byte for byte; Content is decoded on demand.
type Message struct {
	Identities [][]byte
	Header     Header
	Parent     json.RawMessage // parent_header, "{}" when absent
	Metadata   json.RawMessage
	Content    json.RawMessage
	Buffers    [][]byte
}

// Errors returned by Decode.
var (
	ErrNoDelimiter  = errors.New("jupyter: message has no <IDS|MSG> delimiter")
	ErrShortMessage = errors.New("jupyter: message has fewer than 5 parts after the delimiter")
	ErrBadSignature = errors.New("jupyter: message signature does not match")
)

// signer computes HMAC-SHA256 signatures. A nil key disables signing, as
// the protocol allows when the connection file's key is empty.
type signer struct{ key []byte }

func (s signer) sign(parts ...[]byte) []byte {
	if len(s.key) == 0 {
		return nil
	}
	m := hmac.New(sha256.New, s.key)
	for _, p := range parts {
		m.Write(p)
	}
	sum := m.Sum(nil)
	out := make([]byte, hex.EncodedLen(len(sum)))
	hex.Encode(out, sum)
	return out
}

// Decode parses and verifies the frames of a message received on a ROUTER
// socket. It never panics on malformed input; a wrong or missing signature
// yields ErrBadSignature.
func (s signer) Decode(frames [][]byte) (*Message, error) {
	i := 0
	for i < len(frames) && !bytes.Equal(frames[i], delimiter) {
		i++
	}
	if i == len(frames) {
		return nil, ErrNoDelimiter
	}
	rest := frames[i+1:]
	if len(rest) < 5 {
		return nil, ErrShortMessage
	}
	sig, header, parent, meta, content := rest[0], rest[1], rest[2], rest[3], rest[4]
	if len(s.key) > 0 {
		want := s.sign(header, parent, meta, content)
		if !hmac.Equal(bytes.ToLower(sig), want) {
			return nil, ErrBadSignature
		}
	}
	m := &Message{Identities: frames[:i]}
	if err := json.Unmarshal(header, &m.Header); err != nil {
		return nil, fmt.Errorf("jupyter: bad header: %w", err)
	}
	if m.Header.MsgType == "" {
		return nil, errors.New("jupyter: header has no msg_type")
	}
	var err error
	if m.Parent, err = jsonObject(parent, "parent_header"); err != nil {
		return nil, err
	}
	if m.Metadata, err = jsonObject(meta, "metadata"); err != nil {
		return nil, err
	}
	if m.Content, err = jsonObject(content, "content"); err != nil {
		return nil, err
	}
	m.Buffers = rest[5:]
	return m, nil
}

// jsonObject checks that b is a JSON object (or empty/null, mapped to {}).
func jsonObject(b []byte, what string) (json.RawMessage, error) {
	t := bytes.TrimSpace(b)
	if len(t) == 0 || bytes.Equal(t, []byte("null")) {
		return json.RawMessage("{}"), nil
	}
	if t[0] != '{' || !json.Valid(t) {
		return nil, fmt.Errorf("jupyter: %s is not a JSON object", what)
	}
	return json.RawMessage(t), nil
}

// Encode returns the frames of m, signed.
func (s signer) Encode(m *Message) ([][]byte, error) {
	header, err := json.Marshal(m.Header)
	if err != nil {
		return nil, err
	}
	parent := nonNull(m.Parent)
	meta := nonNull(m.Metadata)
	content := nonNull(m.Content)
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, delimiter, s.sign(header, parent, meta, content), header, parent, meta, content)
	frames = append(frames, m.Buffers...)
	return frames, nil
}

func nonNull(b json.RawMessage) []byte {
	if len(bytes.TrimSpace(b)) == 0 || bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		return []byte("{}")
	}
	return b
}

// newID returns a random message id.
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func timestamp() string { return time.Now().UTC().Format("2006-01-02T15:04:05.000000Z07:00") }

// reply builds a message of type typ in reply to parent (which may be nil for
// unsolicited messages), with content c marshalled to JSON.
func newMessage(typ, session string, parent *Message, c any) (*Message, error) {
	content, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("jupyter: encoding %s: %w", typ, err)
	}
	m := &Message{
		Header: Header{
			MsgID: newID(), Session: session, Username: "lingo", Date: timestamp(),
			MsgType: typ, Version: ProtocolVersion,
		},
		Parent:   json.RawMessage("{}"),
		Metadata: json.RawMessage("{}"),
		Content:  content,
	}
	if parent != nil {
		if h, err := json.Marshal(parent.Header); err == nil {
			m.Parent = h
		}
	}
	return m, nil
}
