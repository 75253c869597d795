package zmtp

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"testing"
	"time"
)

// TestHugeFrameHeaderClosesOnlyThatPeer: the frame headers that crashed
// the kernel under zmq4 v0.17.0 now cost the sender its connection and
// nothing else.
func TestHugeFrameHeaderClosesOnlyThatPeer(t *testing.T) {
	router := listen(t, Router, Options{})
	for _, size := range []uint64{1<<63 - 1, 1 << 40} {
		c, r := rawPeer(t, router, "DEALER", 1)
		c.Write(longHeader(0, size))
		c.SetReadDeadline(time.Now().Add(patience))
		if _, err := io.Copy(io.Discard, r); err != nil {
			t.Fatalf("size %d: the socket did not close the connection: %v", size, err)
		}
	}
	d := dial(t, Dealer, Options{Identity: []byte("ok")}, router)
	d.Send([][]byte{[]byte("still serving")})
	if got := str(recv(t, router)); got != `["ok" "still serving"]` {
		t.Fatalf("router got %s", got)
	}
}

// TestIdleConnectionsDoNotBlockNewClients: connections that never send a
// greeting, or stop halfway through it, do not delay a real client.
func TestIdleConnectionsDoNotBlockNewClients(t *testing.T) {
	router := listen(t, Router, Options{})
	for _, prefix := range [][]byte{nil, {0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F}} {
		c, err := net.Dial("tcp", router.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.Write(prefix)
	}
	for i := range 3 {
		d := dial(t, Dealer, Options{}, router)
		d.Send([][]byte{[]byte(fmt.Sprint("client ", i))})
		if m := recv(t, router); string(m[1]) != fmt.Sprint("client ", i) {
			t.Fatalf("router got %s", str(m))
		}
	}
}

// TestHandshakeTimeout: a connection that does not finish its handshake
// is closed once HandshakeTimeout has passed.
func TestHandshakeTimeout(t *testing.T) {
	router := listen(t, Router, Options{HandshakeTimeout: 50 * time.Millisecond})
	c, err := net.Dial("tcp", router.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(patience))
	n, err := io.Copy(io.Discard, c) // the greeting and READY, then EOF
	if err != nil {
		t.Fatalf("after %d bytes: %v (the connection was not closed)", n, err)
	}
}

// TestSlowSubscriberDoesNotStallOthers: a subscriber that never reads
// fills its TCP buffers and then its send queue; after that, messages to
// it are dropped, and another subscriber still receives every message.
func TestSlowSubscriberDoesNotStallOthers(t *testing.T) {
	pub := listen(t, Pub, Options{SendHWM: 10})
	stuck, _ := rawPeer(t, pub, "SUB", 1)
	stuck.Write([]byte{flagCommand, 10, 9, 'S', 'U', 'B', 'S', 'C', 'R', 'I', 'B', 'E'}) // all topics
	good := dial(t, Sub, Options{}, pub)
	good.Subscribe(nil)
	waitSubscribed(t, pub, 2)
	// 400 × 64 KiB = 25 MiB: more than loopback TCP buffers hold, so the
	// stuck peer's queue fills and drops.
	body := bytes.Repeat([]byte("x"), 64<<10)
	for i := range 400 {
		if err := pub.Send([][]byte{[]byte("stream"), []byte(fmt.Sprint(i)), body}); err != nil {
			t.Fatal(err)
		}
		if m := recv(t, good); string(m[1]) != fmt.Sprint(i) {
			t.Fatalf("message %d: good subscriber got %q", i, m[1])
		}
	}
	if pub.Dropped() == 0 {
		t.Fatal("nothing was dropped for the stuck subscriber")
	}
}

// TestSlowRouterPeerDoesNotStallOthers: the same for a ROUTER: replies
// to a client that never reads are dropped, others get theirs.
func TestSlowRouterPeerDoesNotStallOthers(t *testing.T) {
	router := listen(t, Router, Options{SendHWM: 10})
	stuck := NewSocket(Dealer, Options{Identity: []byte("stuck"), RecvHWM: 1})
	defer stuck.Close()
	if err := stuck.Dial("tcp://" + router.Addr().String()); err != nil {
		t.Fatal(err)
	}
	good := dial(t, Dealer, Options{Identity: []byte("good")}, router)
	good.Send([][]byte{[]byte("hello")})
	recv(t, router)
	stuck.Send([][]byte{[]byte("hello")})
	recv(t, router)
	body := bytes.Repeat([]byte("y"), 64<<10)
	for i := range 400 {
		router.Send([][]byte{[]byte("stuck"), body})
		router.Send([][]byte{[]byte("good"), []byte(fmt.Sprint(i))})
		if m := recv(t, good); string(m[0]) != fmt.Sprint(i) {
			t.Fatalf("reply %d: good got %q", i, m[0])
		}
	}
	if router.Dropped() == 0 {
		t.Fatal("nothing was dropped for the stuck peer")
	}
}
