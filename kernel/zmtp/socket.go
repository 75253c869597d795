package zmtp

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Type is a ZeroMQ socket type.
type Type int

// The socket types this package implements.
const (
	Router Type = iota + 1
	Dealer
	Pub
	Sub
	Rep
	Req
)

var typeNames = map[Type]string{Router: "ROUTER", Dealer: "DEALER", Pub: "PUB", Sub: "SUB", Rep: "REP", Req: "REQ"}

// String returns the name ZMTP's Socket-Type property uses.
func (t Type) String() string {
	if n, ok := typeNames[t]; ok {
		return n
	}
	return fmt.Sprintf("Type(%d)", int(t))
}

func parseType(s string) Type {
	switch s {
	case "XPUB":
		return Pub
	case "XSUB":
		return Sub
	}
	for t, n := range typeNames {
		if n == s {
			return t
		}
	}
	return 0
}

// compatible reports whether sockets of types a and b may talk (23/ZMTP).
func compatible(a, b Type) bool {
	switch a {
	case Router:
		return b == Dealer || b == Req || b == Router
	case Dealer:
		return b == Router || b == Rep || b == Dealer
	case Pub:
		return b == Sub
	case Sub:
		return b == Pub
	case Rep:
		return b == Req || b == Dealer
	case Req:
		return b == Rep || b == Router
	}
	return false
}

// Options configure a socket. The zero value of each field means its
// default.
type Options struct {
	// Identity is sent to peers in READY by ROUTER, DEALER and REQ
	// sockets; a ROUTER peer routes to this socket by it. Default: none.
	Identity []byte
	// HandshakeTimeout is how long a new connection has to finish its
	// greeting and READY. Default: 10 s.
	HandshakeTimeout time.Duration
	// MaxMessageSize bounds an incoming message: its frames' bodies plus
	// 64 bytes per frame. A peer that sends more is disconnected.
	// Default: 256 MiB.
	MaxMessageSize int64
	// SendHWM is how many messages may wait for one peer; further
	// messages to that peer are dropped (DEALER and REQ block instead).
	// Default: 1000, libzmq's default.
	SendHWM int
	// RecvHWM is how many received messages may wait for Recv before the
	// peers' readers stop reading. Default: 1000.
	RecvHWM int
}

func (o Options) withDefaults() Options {
	if o.HandshakeTimeout <= 0 {
		o.HandshakeTimeout = 10 * time.Second
	}
	if o.MaxMessageSize <= 0 {
		o.MaxMessageSize = 256 << 20
	}
	if o.SendHWM <= 0 {
		o.SendHWM = 1000
	}
	if o.RecvHWM <= 0 {
		o.RecvHWM = 1000
	}
	return o
}

// Errors of socket operations.
var (
	ErrClosed  = errors.New("zmtp: socket closed")
	ErrNoPeer  = errors.New("zmtp: no connected peer")
	ErrState   = errors.New("zmtp: REP socket has no request to reply to")
	ErrNoRecv  = errors.New("zmtp: PUB sockets do not receive")
	ErrNoSend  = errors.New("zmtp: SUB sockets do not send; use Subscribe")
	ErrNoRoute = errors.New("zmtp: ROUTER message has no routing id frame")
)

// incoming is a received message with the peer it came from.
type incoming struct {
	p      *peer
	frames [][]byte
}

// Socket is a ZeroMQ socket: it listens on and dials any number of
// endpoints, and all its methods are safe for concurrent use.
type Socket struct {
	typ  Type
	opts Options

	in      chan incoming
	closed  chan struct{}
	once    sync.Once
	dropped atomic.Uint64

	mu        sync.Mutex
	peers     map[*peer]struct{}
	byID      map[string]*peer // ROUTER: routing id → peer
	order     []*peer          // DEALER/REQ: round-robin order
	next      int
	nextID    uint32
	listeners []net.Listener
	subs      [][]byte // SUB: subscriptions, sent to every new peer
	pending   *incoming
}

// NewSocket returns an unconnected socket of type t.
func NewSocket(t Type, o Options) *Socket {
	o = o.withDefaults()
	return &Socket{typ: t, opts: o, in: make(chan incoming, o.RecvHWM), closed: make(chan struct{}),
		peers: map[*peer]struct{}{}, byID: map[string]*peer{}}
}

// Type returns the socket's type.
func (s *Socket) Type() Type { return s.typ }

// Dropped returns how many outgoing messages were dropped because a
// peer's send queue was full.
func (s *Socket) Dropped() uint64 { return s.dropped.Load() }

// Subscribers returns how many peers of a PUB socket hold at least one
// subscription (0 for other types).
func (s *Socket) Subscribers() int {
	if s.typ != Pub {
		return 0
	}
	s.mu.Lock()
	ps := make([]*peer, 0, len(s.peers))
	for p := range s.peers {
		ps = append(ps, p)
	}
	s.mu.Unlock()
	n := 0
	for _, p := range ps {
		p.subMu.Lock()
		if len(p.subs) > 0 {
			n++
		}
		p.subMu.Unlock()
	}
	return n
}

// splitEndpoint parses "tcp://host:port" or "ipc://path" into the network
// and address net.Listen and net.Dial take; host "*" means every
// interface.
func splitEndpoint(ep string) (network, addr string, err error) {
	scheme, rest, ok := strings.Cut(ep, "://")
	switch {
	case !ok || rest == "":
		return "", "", fmt.Errorf("zmtp: endpoint %q is not transport://address", ep)
	case scheme == "tcp":
		if strings.HasPrefix(rest, "*:") {
			rest = rest[1:]
		}
		return "tcp", rest, nil
	case scheme == "ipc":
		return "unix", rest, nil
	}
	return "", "", fmt.Errorf("zmtp: transport %q is not supported (tcp or ipc)", scheme)
}

// Listen binds the socket to an endpoint and accepts peers on it.
func (s *Socket) Listen(endpoint string) error {
	network, addr, err := splitEndpoint(endpoint)
	if err != nil {
		return err
	}
	if network == "unix" {
		// libzmq replaces a stale socket file; anything else is kept.
		if fi, err := os.Lstat(addr); err == nil && fi.Mode()&os.ModeSocket != 0 {
			os.Remove(addr)
		}
	}
	l, err := net.Listen(network, addr)
	if err != nil {
		return fmt.Errorf("zmtp: %w", err)
	}
	s.mu.Lock()
	select {
	case <-s.closed:
		s.mu.Unlock()
		l.Close()
		return ErrClosed
	default:
	}
	s.listeners = append(s.listeners, l)
	s.mu.Unlock()
	go s.accept(l)
	return nil
}

// Addr returns the address of the socket's first listener, or nil.
func (s *Socket) Addr() net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.listeners) == 0 {
		return nil
	}
	return s.listeners[0].Addr()
}

// accept hands every connection to its own goroutine at once, so a peer
// that never finishes its handshake delays nobody.
func (s *Socket) accept(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			select {
			case <-s.closed:
				return
			default:
			}
			if errors.Is(err, net.ErrClosed) {
				return
			}
			time.Sleep(50 * time.Millisecond) // e.g. out of file descriptors
			continue
		}
		go func() {
			if err := s.attach(c); err != nil {
				c.Close()
			}
		}()
	}
}

// Dial connects to an endpoint and completes the handshake.
func (s *Socket) Dial(endpoint string) error {
	network, addr, err := splitEndpoint(endpoint)
	if err != nil {
		return err
	}
	c, err := net.DialTimeout(network, addr, s.opts.HandshakeTimeout)
	if err != nil {
		return fmt.Errorf("zmtp: %w", err)
	}
	if err := s.attach(c); err != nil {
		c.Close()
		return err
	}
	return nil
}

// attach runs the handshake on c and starts serving the peer.
func (s *Socket) attach(c net.Conn) error {
	r := bufio.NewReaderSize(c, 64<<10)
	info, err := handshake(c, r, s.typ, s.opts.Identity, s.opts.HandshakeTimeout)
	if err != nil {
		return err
	}
	p := &peer{s: s, conn: c, r: r, info: info, out: make(chan outgoing, s.opts.SendHWM), done: make(chan struct{})}
	if s.typ == Pub {
		p.subs = map[string]int{}
	}
	if err := s.addPeer(p); err != nil {
		return err
	}
	go p.writeLoop()
	go p.readLoop()
	return nil
}

func (s *Socket) addPeer(p *peer) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.closed:
		return ErrClosed
	default:
	}
	if s.typ == Router {
		id := p.info.identity
		if len(id) > 0 && id[0] == 0 {
			return errors.New("zmtp: a peer identity may not start with a zero octet")
		}
		if len(id) == 0 {
			s.nextID++
			id = newRoutingID(s.nextID)
		}
		if s.byID[string(id)] != nil {
			// libzmq's default: the identity in use keeps its connection.
			return fmt.Errorf("zmtp: identity %q is already connected", printable(string(id)))
		}
		p.id = id
		s.byID[string(id)] = p
	}
	s.peers[p] = struct{}{}
	s.order = append(s.order, p)
	for _, sub := range s.subs {
		p.enqueue(subscription(p, sub, true))
	}
	return nil
}

func (s *Socket) removePeer(p *peer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.peers, p)
	if p.id != nil && s.byID[string(p.id)] == p {
		delete(s.byID, string(p.id))
	}
	for i, q := range s.order {
		if q == p {
			s.order = append(s.order[:i], s.order[i+1:]...)
			break
		}
	}
}

// Close closes the listeners and every connection. Recv and Send return
// ErrClosed afterwards.
func (s *Socket) Close() error {
	s.once.Do(func() {
		s.mu.Lock()
		close(s.closed)
		ls := s.listeners
		ps := make([]*peer, 0, len(s.peers))
		for p := range s.peers {
			ps = append(ps, p)
		}
		s.mu.Unlock()
		for _, l := range ls {
			l.Close()
		}
		for _, p := range ps {
			p.close()
		}
	})
	return nil
}
