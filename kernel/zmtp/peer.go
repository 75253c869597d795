package zmtp

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"
)

// maxSubscriptions bounds the distinct prefixes one SUB peer may hold on
// a PUB socket; further subscriptions are ignored.
const maxSubscriptions = 1024

// peerInfo is what a handshake learns about the other side.
type peerInfo struct {
	minor    byte   // ZMTP minor version: ≥ 1 takes SUBSCRIBE/CANCEL commands
	typ      Type   // its socket type
	identity []byte // its Identity property, possibly empty
}

// handshake exchanges greetings and READY commands on c within timeout.
// Both sides write before they read, so it cannot deadlock with libzmq,
// which sends its greeting in parts.
func handshake(c net.Conn, r *bufio.Reader, self Type, identity []byte, timeout time.Duration) (peerInfo, error) {
	var info peerInfo
	if err := c.SetDeadline(time.Now().Add(timeout)); err != nil {
		return info, err
	}
	defer c.SetDeadline(time.Time{})
	w := bufio.NewWriter(c)
	w.Write(greeting())
	ready := appendProperty(nil, "Socket-Type", []byte(self.String()))
	if self == Router || self == Dealer || self == Req {
		ready = appendProperty(ready, "Identity", identity)
	}
	writeFrame(w, flagCommand, encodeCommand("READY", ready))
	if err := w.Flush(); err != nil {
		return info, fmt.Errorf("zmtp: sending greeting: %w", err)
	}
	g := make([]byte, greetingSize)
	if _, err := io.ReadFull(r, g); err != nil {
		return info, fmt.Errorf("zmtp: reading greeting: %w", err)
	}
	var err error
	if info.minor, err = parseGreeting(g); err != nil {
		return info, err
	}
	// A READY is small; 64 KiB leaves room for any real metadata.
	flags, body, err := readFrame(r, 64<<10)
	if err != nil {
		return info, fmt.Errorf("zmtp: reading READY: %w", err)
	}
	if flags&flagCommand == 0 {
		return info, errors.New("zmtp: peer sent a message before READY")
	}
	cmd, err := parseCommand(body)
	if err != nil {
		return info, err
	}
	switch cmd.name {
	case "READY":
	case "ERROR":
		return info, fmt.Errorf("zmtp: peer refused the connection: %q", printable(string(reason(cmd.data))))
	default:
		return info, fmt.Errorf("zmtp: peer sent %q before READY", printable(cmd.name))
	}
	props, err := parseMetadata(cmd.data)
	if err != nil {
		return info, err
	}
	info.typ = parseType(string(props["socket-type"]))
	if !compatible(self, info.typ) {
		return info, fmt.Errorf("zmtp: a %s socket does not talk to socket type %q", self, printable(string(props["socket-type"])))
	}
	if id := props["identity"]; len(id) > 255 {
		return info, fmt.Errorf("zmtp: peer identity is %d bytes, at most 255 allowed", len(id))
	} else {
		info.identity = id
	}
	return info, nil
}

// reason is the text of an ERROR command.
func reason(data []byte) []byte {
	if len(data) == 0 || len(data) < 1+int(data[0]) {
		return data
	}
	return data[1 : 1+int(data[0])]
}

// outgoing is one queued message or command.
type outgoing struct {
	frames  [][]byte
	command bool
}

// peer is one connection of a socket after its handshake.
type peer struct {
	s     *Socket
	conn  net.Conn
	r     *bufio.Reader
	info  peerInfo
	id    []byte        // routing id on a ROUTER socket
	out   chan outgoing // bounded send queue
	done  chan struct{}
	once  sync.Once
	subMu sync.Mutex
	subs  map[string]int // PUB: subscribed prefixes with their counts
}

// close ends the connection; it is safe to call more than once.
func (p *peer) close() {
	p.once.Do(func() {
		close(p.done)
		p.conn.Close()
		p.s.removePeer(p)
	})
}

// enqueue queues m without blocking; it reports false when the queue is
// full (the message is dropped) or the peer is gone.
func (p *peer) enqueue(m outgoing) bool {
	select {
	case <-p.done:
		return false
	default:
	}
	select {
	case p.out <- m:
		return true
	default:
		return false
	}
}

// writeLoop sends queued messages, flushing when the queue runs dry.
func (p *peer) writeLoop() {
	defer p.close()
	w := bufio.NewWriterSize(p.conn, 64<<10)
	for {
		select {
		case m := <-p.out:
			if write(w, m) != nil {
				return
			}
		case <-p.done:
			return
		}
	drain:
		for {
			select {
			case m := <-p.out:
				if write(w, m) != nil {
					return
				}
			default:
				break drain
			}
		}
		if w.Flush() != nil {
			return
		}
	}
}

func write(w *bufio.Writer, m outgoing) error {
	if m.command {
		return writeFrame(w, flagCommand, m.frames[0])
	}
	return writeMessage(w, m.frames)
}

// readLoop receives messages and commands until the connection fails or
// breaks the protocol.
func (p *peer) readLoop() {
	defer p.close()
	for {
		frames, isCmd, err := readMessage(p.r, p.s.opts.MaxMessageSize)
		if err != nil {
			return
		}
		if isCmd {
			if !p.command(frames[0]) {
				return
			}
			continue
		}
		if !p.s.deliver(p, frames) {
			return
		}
	}
}

// command handles a command after the handshake; false ends the connection.
func (p *peer) command(body []byte) bool {
	cmd, err := parseCommand(body)
	if err != nil {
		return false
	}
	switch cmd.name {
	case "PING":
		// PING carries a 2-octet TTL and up to 16 octets of context,
		// which PONG echoes.
		if len(cmd.data) < 2 || len(cmd.data) > 18 {
			return false
		}
		p.enqueue(outgoing{frames: [][]byte{encodeCommand("PONG", cmd.data[2:])}, command: true})
	case "SUBSCRIBE":
		p.subscribe(cmd.data, true)
	case "CANCEL":
		p.subscribe(cmd.data, false)
	case "ERROR":
		return false
	}
	return true
}

// subscribe adds or cancels a subscription of a SUB peer on a PUB socket.
func (p *peer) subscribe(prefix []byte, on bool) {
	if p.s.typ != Pub {
		return
	}
	p.subMu.Lock()
	defer p.subMu.Unlock()
	k := string(prefix)
	switch {
	case on && (p.subs[k] > 0 || len(p.subs) < maxSubscriptions):
		p.subs[k]++
	case !on && p.subs[k] > 1:
		p.subs[k]--
	case !on:
		delete(p.subs, k)
	}
}

// subscribed reports whether a message whose first frame is topic
// matches one of the peer's subscriptions.
func (p *peer) subscribed(topic []byte) bool {
	p.subMu.Lock()
	defer p.subMu.Unlock()
	for k := range p.subs {
		if bytes.HasPrefix(topic, []byte(k)) {
			return true
		}
	}
	return false
}

// newRoutingID returns a generated routing id: a zero octet and a counter,
// the shape libzmq uses, so it never collides with an Identity a peer
// chooses (those may not start with a zero octet).
func newRoutingID(n uint32) []byte {
	return binary.BigEndian.AppendUint32([]byte{0}, n)
}
