package zmtp

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"testing"
	"time"
)

// patience bounds how long a test waits for something that must happen;
// it only turns a hang into a failure and never decides a pass.
const patience = 60 * time.Second

func listen(t *testing.T, typ Type, o Options) *Socket {
	t.Helper()
	s := NewSocket(typ, o)
	t.Cleanup(func() { s.Close() })
	if err := s.Listen("tcp://127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	return s
}

func dial(t *testing.T, typ Type, o Options, to *Socket) *Socket {
	t.Helper()
	s := NewSocket(typ, o)
	t.Cleanup(func() { s.Close() })
	if err := s.Dial("tcp://" + to.Addr().String()); err != nil {
		t.Fatal(err)
	}
	return s
}

func recv(t *testing.T, s *Socket) [][]byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	m, err := s.RecvContext(ctx)
	if err != nil {
		t.Fatalf("%v: recv: %v", s.Type(), err)
	}
	return m
}

func str(frames [][]byte) string { return fmt.Sprintf("%q", frames) }

func TestRouterDealer(t *testing.T) {
	router := listen(t, Router, Options{})
	alice := dial(t, Dealer, Options{Identity: []byte("alice")}, router)
	anon := dial(t, Dealer, Options{}, router)
	alice.Send([][]byte{[]byte("hi"), []byte("there")})
	m := recv(t, router)
	if str(m) != `["alice" "hi" "there"]` {
		t.Fatalf("router got %s", str(m))
	}
	anon.Send([][]byte{[]byte("x")})
	m = recv(t, router)
	if len(m[0]) != 5 || m[0][0] != 0 {
		t.Fatalf("generated routing id %q, want 0x00 and 4 octets", m[0])
	}
	router.Send([][]byte{m[0], []byte("to anon")})
	router.Send([][]byte{[]byte("alice"), []byte("to alice")})
	router.Send([][]byte{[]byte("nobody"), []byte("dropped")})
	if got := str(recv(t, anon)); got != `["to anon"]` {
		t.Fatalf("anon got %s", got)
	}
	if got := str(recv(t, alice)); got != `["to alice"]` {
		t.Fatalf("alice got %s", got)
	}
	// A second connection claiming a connected identity is refused (the
	// router closes it after the handshake); alice keeps her route.
	impostor := NewSocket(Dealer, Options{Identity: []byte("alice")})
	defer impostor.Close()
	_ = impostor.Dial("tcp://" + router.Addr().String())
	router.Send([][]byte{[]byte("alice"), []byte("still you")})
	if got := str(recv(t, alice)); got != `["still you"]` {
		t.Fatalf("alice got %s", got)
	}
}

func TestReqRep(t *testing.T) {
	rep := listen(t, Rep, Options{})
	req := dial(t, Req, Options{}, rep)
	for i := range 3 {
		req.Send([][]byte{[]byte(fmt.Sprint("ping", i))})
		m := recv(t, rep)
		if err := rep.Send(m); err != nil {
			t.Fatal(err)
		}
		if got, want := str(recv(t, req)), fmt.Sprintf(`["ping%d"]`, i); got != want {
			t.Fatalf("req got %s, want %s", got, want)
		}
	}
	if err := rep.Send([][]byte{[]byte("unasked")}); err != ErrState {
		t.Fatalf("reply without request: %v", err)
	}
}

func TestPubSubFilters(t *testing.T) {
	pub := listen(t, Pub, Options{})
	all := dial(t, Sub, Options{}, pub)
	status := dial(t, Sub, Options{}, pub)
	all.Subscribe(nil)
	status.Subscribe([]byte("status"))
	// A subscription travels to the publisher asynchronously; send until
	// both have one, marking the messages so the real ones are known.
	waitSubscribed(t, pub, 2)
	pub.Send([][]byte{[]byte("stream"), []byte("1")})
	pub.Send([][]byte{[]byte("status"), []byte("2")})
	if got := str(recv(t, all)); got != `["stream" "1"]` {
		t.Fatalf("all got %s", got)
	}
	if got := str(recv(t, all)); got != `["status" "2"]` {
		t.Fatalf("all got %s", got)
	}
	if got := str(recv(t, status)); got != `["status" "2"]` {
		t.Fatalf("status got %s", got)
	}
}

// waitSubscribed waits until n peers of pub hold a subscription.
func waitSubscribed(t *testing.T, pub *Socket, n int) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for {
		k := 0
		for _, p := range pub.snapshot() {
			p.subMu.Lock()
			if len(p.subs) > 0 {
				k++
			}
			p.subMu.Unlock()
		}
		if k >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d subscribers registered", k, n)
		}
		time.Sleep(time.Millisecond)
	}
}

// rawPeer does a ZMTP handshake by hand, as a hostile or old client
// would, and returns the connection.
func rawPeer(t *testing.T, s *Socket, typ string, minor byte) (net.Conn, *bufio.Reader) {
	t.Helper()
	c, err := net.Dial("tcp", s.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	body := append([]byte{5}, "READY"...)
	body = appendProperty(body, "Socket-Type", []byte(typ))
	c.Write(append(peerGreeting(3, minor, "NULL"), append([]byte{flagCommand, byte(len(body))}, body...)...))
	r := bufio.NewReader(c)
	if _, err := io.ReadFull(r, make([]byte, 64)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := readFrame(r, 1<<16); err != nil { // the socket's READY
		t.Fatal(err)
	}
	return c, r
}

func TestZMTP30Subscription(t *testing.T) {
	pub := listen(t, Pub, Options{})
	c, r := rawPeer(t, pub, "SUB", 0)
	c.Write([]byte{0, 3, 1, 'i', 'o'}) // subscribe to "io" the ZMTP 3.0 way
	waitSubscribed(t, pub, 1)
	pub.Send([][]byte{[]byte("xx")})
	pub.Send([][]byte{[]byte("iopub"), []byte("body")})
	m, _, err := readMessage(r, 1<<16)
	if err != nil || str(m) != `["iopub" "body"]` {
		t.Fatalf("got %s, %v", str(m), err)
	}
}

func TestIPC(t *testing.T) {
	ep := "ipc://" + filepath.Join(t.TempDir(), "k-5555")
	router := NewSocket(Router, Options{})
	defer router.Close()
	if err := router.Listen(ep); err != nil {
		t.Fatal(err)
	}
	d := NewSocket(Dealer, Options{Identity: []byte("d")})
	defer d.Close()
	if err := d.Dial(ep); err != nil {
		t.Fatal(err)
	}
	d.Send([][]byte{[]byte("over ipc")})
	if got := str(recv(t, router)); got != `["d" "over ipc"]` {
		t.Fatalf("got %s", got)
	}
}

func TestIncompatibleTypeRefused(t *testing.T) {
	pub := listen(t, Pub, Options{})
	if err := NewSocket(Dealer, Options{}).Dial("tcp://" + pub.Addr().String()); err == nil {
		t.Fatal("a DEALER connected to a PUB")
	}
}

func TestBadEndpoints(t *testing.T) {
	for _, ep := range []string{"", "tcp://", "udp://1.2.3.4:5", "127.0.0.1:5555"} {
		if err := NewSocket(Router, Options{}).Listen(ep); err == nil {
			t.Errorf("Listen(%q) succeeded", ep)
		}
	}
}

func TestClosedSocket(t *testing.T) {
	s := listen(t, Router, Options{})
	s.Close()
	if _, err := s.Recv(); err != ErrClosed {
		t.Fatalf("Recv after Close: %v", err)
	}
	if err := s.Send([][]byte{[]byte("a"), []byte("b")}); err != ErrClosed {
		t.Fatalf("Send after Close: %v", err)
	}
}
