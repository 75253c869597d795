package comm

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"sync"
)

// Frame is one comm message on its way between this process and the
// kernel: comm_open, comm_msg or comm_close, as in the Jupyter messaging
// protocol, plus a reference that ties a reply to the front end's message.
type Frame struct {
	// Type is "comm_open", "comm_msg" or "comm_close".
	Type   string `json:"type"`
	CommID string `json:"comm_id"`
	// Target is the target name of a comm_open.
	Target   string          `json:"target_name,omitempty"`
	Data     json.RawMessage `json:"data,omitempty"`
	Metadata json.RawMessage `json:"metadata,omitempty"`
	Buffers  [][]byte        `json:"buffers,omitempty"`
	// Ref names a message from the front end. The kernel sets it on frames
	// it delivers; on an outgoing frame it makes that message the parent
	// (Jupyter's parent_header) of the message the kernel publishes. Zero
	// means none.
	Ref uint64 `json:"ref,omitempty"`
}

// The frame types.
const (
	TypeOpen  = "comm_open"
	TypeMsg   = "comm_msg"
	TypeClose = "comm_close"
)

// Message is what arrives on a comm: a JSON object, the message's metadata
// and its binary buffers.
type Message struct {
	Data     json.RawMessage
	Metadata json.RawMessage
	Buffers  [][]byte
	// Ref names the front end's message (see Frame.Ref); Reply uses it.
	Ref uint64
}

// Transport carries outgoing frames to the kernel. The Lingo worker
// installs one with SetTransport.
type Transport interface {
	Send(f Frame) error
}

var (
	mu        sync.Mutex
	transport Transport
	comms     = map[string]*Comm{}
	targets   = map[string]func(*Comm, Message){}
	owner     string
)

// SetTransport installs t as the way out to the kernel and returns the
// previous transport. nil makes comms one-sided again.
func SetTransport(t Transport) (previous Transport) {
	mu.Lock()
	defer mu.Unlock()
	previous, transport = transport, t
	return previous
}

// Connected reports whether a transport is installed, that is whether a
// front end may be listening.
func Connected() bool {
	mu.Lock()
	defer mu.Unlock()
	return transport != nil
}

func send(f Frame) error {
	mu.Lock()
	t := transport
	mu.Unlock()
	if t == nil {
		return nil
	}
	return t.Send(f)
}

// Comm is one open comm.
type Comm struct {
	id, target string
	owner      string

	mu      sync.Mutex
	onMsg   func(Message)
	onClose func(Message)
	closed  chan struct{}
	done    bool
}

// ID returns the comm id.
func (c *Comm) ID() string { return c.id }

// Target returns the target name the comm was opened with.
func (c *Comm) Target() string { return c.target }

// NewID returns a fresh comm id: 32 hexadecimal digits, like the ids
// ipykernel makes.
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Open opens a comm to target in the front end, with data (any value that
// marshals to a JSON object, or nil) and metadata as the comm_open's
// content and metadata. The comm belongs to the running cell (see
// SetOwner).
func Open(target string, data, metadata any, buffers [][]byte) (*Comm, error) {
	return OpenID(NewID(), target, data, metadata, buffers)
}

// OpenID is Open with a comm id chosen by the caller.
func OpenID(id, target string, data, metadata any, buffers [][]byte) (*Comm, error) {
	d, err := object(data)
	if err != nil {
		return nil, fmt.Errorf("comm: data of comm_open to %q: %w", target, err)
	}
	md, err := object(metadata)
	if err != nil {
		return nil, fmt.Errorf("comm: metadata of comm_open to %q: %w", target, err)
	}
	mu.Lock()
	c := &Comm{id: id, target: target, owner: owner, closed: make(chan struct{})}
	comms[id] = c
	mu.Unlock()
	return c, send(Frame{Type: TypeOpen, CommID: id, Target: target, Data: d, Metadata: md, Buffers: buffers})
}

// object marshals v, which must be nil or encode to a JSON object.
func object(v any) (json.RawMessage, error) {
	if v == nil {
		return json.RawMessage("{}"), nil
	}
	var b []byte
	switch x := v.(type) {
	case json.RawMessage:
		b = x
	case []byte:
		b = x
	default:
		var err error
		if b, err = json.Marshal(v); err != nil {
			return nil, err
		}
	}
	if len(b) == 0 || b[0] != '{' || !json.Valid(b) {
		return nil, fmt.Errorf("want a JSON object, got %.40q", b)
	}
	return json.RawMessage(b), nil
}

// Send sends data (a value that marshals to a JSON object) and buffers to
// the front end's half of the comm. Sending on a closed comm does nothing.
func (c *Comm) Send(data any, buffers [][]byte) error {
	return c.send(0, data, buffers)
}

// Reply is Send with the front end's message to as the parent of what is
// sent, so the front end can tell which of its messages it answers (the
// widget protocol's echo_update needs that).
func (c *Comm) Reply(to Message, data any, buffers [][]byte) error {
	return c.send(to.Ref, data, buffers)
}

func (c *Comm) send(ref uint64, data any, buffers [][]byte) error {
	if c.IsClosed() {
		return nil
	}
	d, err := object(data)
	if err != nil {
		return fmt.Errorf("comm: message on %s: %w", c.id, err)
	}
	return send(Frame{Type: TypeMsg, CommID: c.id, Data: d, Buffers: buffers, Ref: ref})
}

// OnMessage sets the function called with each message from the front end.
func (c *Comm) OnMessage(f func(Message)) {
	c.mu.Lock()
	c.onMsg = f
	c.mu.Unlock()
}

// OnClose sets the function called when the front end closes the comm.
func (c *Comm) OnClose(f func(Message)) {
	c.mu.Lock()
	c.onClose = f
	c.mu.Unlock()
}

// Closed is closed when the comm closes, from either side.
func (c *Comm) Closed() <-chan struct{} { return c.closed }

// IsClosed reports whether the comm is closed.
func (c *Comm) IsClosed() bool {
	select {
	case <-c.closed:
		return true
	default:
		return false
	}
}

// Close closes the comm and tells the front end, with data (or nil) as the
// comm_close's data. Closing a closed comm does nothing.
func (c *Comm) Close(data any) error {
	if !c.markClosed() {
		return nil
	}
	d, err := object(data)
	if err != nil {
		d = json.RawMessage("{}")
	}
	return send(Frame{Type: TypeClose, CommID: c.id, Data: d})
}

// markClosed forgets the comm; it reports false if it was closed already.
func (c *Comm) markClosed() bool {
	c.mu.Lock()
	if c.done {
		c.mu.Unlock()
		return false
	}
	c.done = true
	close(c.closed)
	c.mu.Unlock()
	mu.Lock()
	if comms[c.id] == c {
		delete(comms, c.id)
	}
	mu.Unlock()
	return true
}

// RegisterTarget makes target openable from the front end: open is called
// with each new comm and the comm_open's message. A nil open removes the
// target. Registering a target again replaces it.
func RegisterTarget(target string, open func(c *Comm, m Message)) {
	mu.Lock()
	defer mu.Unlock()
	if open == nil {
		delete(targets, target)
		return
	}
	targets[target] = open
}

// Lookup returns the open comm with the given id.
func Lookup(id string) (*Comm, bool) {
	mu.Lock()
	defer mu.Unlock()
	c, ok := comms[id]
	return c, ok
}

// SetOwner sets the owner of the comms opened from now on (the Lingo
// worker passes the key of the running cell, "" between cells) and returns
// the previous owner.
func SetOwner(o string) (previous string) {
	mu.Lock()
	defer mu.Unlock()
	previous, owner = owner, o
	return previous
}

// CloseOwned closes every open comm whose owner is o, telling the front
// end. The Lingo worker calls it before a cell runs again, so widgets of
// its previous run go away. An empty o closes nothing.
func CloseOwned(o string) {
	if o == "" {
		return
	}
	mu.Lock()
	var cs []*Comm
	for _, c := range comms {
		if c.owner == o {
			cs = append(cs, c)
		}
	}
	mu.Unlock()
	for _, c := range cs {
		_ = c.Close(nil)
	}
}

// report writes a failure of a handler to standard error, which the
// kernel shows; a handler's panic must not take the process down.
func report(what string, r any) {
	fmt.Fprintf(os.Stderr, "comm: %s: %v\n", what, r)
}
