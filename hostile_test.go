package main

// Black-box tests of the kernel's ports against hostile local peers: they
// run `lingo kernel --connection-file F` (this test binary re-executed as
// the lingo command) and talk raw ZMTP 3.0 over TCP with a hand-written
// client, so they depend on nothing but the wire.

import (
	"bufio"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	if os.Getenv("LINGO_TEST_AS_LINGO") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// patience bounds every wait: it turns a hang into a failure and never
// decides a pass.
const patience = 60 * time.Second

// testKernel is a kernel process and its connection details.
type testKernel struct {
	t      *testing.T
	key    []byte
	ports  map[string]int
	cmd    *exec.Cmd
	exited chan struct{}
	stderr *syncBuffer
}

// syncBuffer collects a process's stderr while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// startKernel starts a kernel and waits until it answers on shell.
func startKernel(t *testing.T) *testKernel {
	t.Helper()
	k := launchKernel(t)
	deadline := time.Now().Add(patience)
	for {
		c, err := k.tryDial("shell", "DEALER")
		if err == nil {
			k.kernelInfo(c, "")
			c.conn.Close()
			return k
		}
		if time.Now().After(deadline) {
			t.Fatalf("the kernel did not start: %v\n%s", err, k.stderr)
		}
		select {
		case <-k.exited:
			t.Fatalf("the kernel exited: %v\n%s", k.cmd.ProcessState, k.stderr)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// launchKernel starts `lingo kernel` with env added to the environment.
func launchKernel(t *testing.T, env ...string) *testKernel {
	t.Helper()
	k := &testKernel{t: t, key: []byte(randomHex()), ports: map[string]int{}, exited: make(chan struct{}), stderr: &syncBuffer{}}
	ci := map[string]any{"transport": "tcp", "ip": "127.0.0.1", "key": string(k.key), "signature_scheme": "hmac-sha256", "kernel_name": "lingo"}
	for _, name := range []string{"shell", "iopub", "stdin", "control", "hb"} {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		k.ports[name] = l.Addr().(*net.TCPAddr).Port
		l.Close()
		ci[name+"_port"] = k.ports[name]
	}
	cf := filepath.Join(t.TempDir(), "kernel.json")
	b, _ := json.Marshal(ci)
	if err := os.WriteFile(cf, b, 0o600); err != nil {
		t.Fatal(err)
	}
	k.cmd = exec.Command(os.Args[0], "kernel", "--connection-file", cf)
	k.cmd.Env = append(append(os.Environ(), "LINGO_TEST_AS_LINGO=1"), env...)
	k.cmd.Stderr = k.stderr
	if err := k.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { k.cmd.Wait(); close(k.exited) }()
	t.Cleanup(k.stop)
	return k
}

// stop shuts the kernel down through control, or kills it.
func (k *testKernel) stop() {
	if c, err := k.tryDial("control", "DEALER"); err == nil {
		c.send(k.message("shutdown_request", "", `{"restart":false}`)...)
		c.conn.Close()
	}
	select {
	case <-k.exited:
	case <-time.After(patience):
		k.cmd.Process.Kill()
		<-k.exited
	}
}

// alive fails the test if the kernel process has exited.
func (k *testKernel) alive() {
	k.t.Helper()
	select {
	case <-k.exited:
		k.t.Fatalf("the kernel died: %v\n%s", k.cmd.ProcessState, tail(k.stderr.String(), 2000))
	default:
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

func randomHex() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// rawConn is a hand-made ZMTP 3.0 connection.
type rawConn struct {
	conn net.Conn
	r    *bufio.Reader
}

func (k *testKernel) tryDial(port, sockType string) (*rawConn, error) {
	c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", k.ports[port]), patience)
	if err != nil {
		return nil, err
	}
	c.SetDeadline(time.Now().Add(patience))
	g := make([]byte, 64)
	g[0], g[9], g[10], g[11] = 0xFF, 0x7F, 3, 0
	copy(g[12:], "NULL")
	ready := []byte("\x05READY\x0bSocket-Type")
	ready = binary.BigEndian.AppendUint32(ready, uint32(len(sockType)))
	ready = append(ready, sockType...)
	if _, err := c.Write(append(append(g, 0x04, byte(len(ready))), ready...)); err != nil {
		c.Close()
		return nil, err
	}
	r := bufio.NewReader(c)
	if _, err := io.ReadFull(r, make([]byte, 64)); err != nil {
		c.Close()
		return nil, fmt.Errorf("greeting: %w", err)
	}
	rc := &rawConn{conn: c, r: r}
	if _, err := rc.recvFrames(); err != nil { // READY
		c.Close()
		return nil, fmt.Errorf("READY: %w", err)
	}
	c.SetDeadline(time.Time{})
	return rc, nil
}

func (k *testKernel) dial(port, sockType string) *rawConn {
	k.t.Helper()
	c, err := k.tryDial(port, sockType)
	if err != nil {
		k.alive()
		k.t.Fatalf("connecting to %s: %v\nkernel stderr: %s", port, err, tail(k.stderr.String(), 2000))
	}
	k.t.Cleanup(func() { c.conn.Close() })
	return c
}

func (c *rawConn) send(frames ...[]byte) error {
	var b []byte
	for i, f := range frames {
		flags := byte(0)
		if i < len(frames)-1 {
			flags = 1
		}
		if len(f) > 255 {
			b = binary.BigEndian.AppendUint64(append(b, flags|2), uint64(len(f)))
		} else {
			b = append(b, flags, byte(len(f)))
		}
		b = append(b, f...)
	}
	_, err := c.conn.Write(b)
	return err
}

// recvFrames reads one message (or command) within patience.
func (c *rawConn) recvFrames() ([][]byte, error) {
	c.conn.SetReadDeadline(time.Now().Add(patience))
	var frames [][]byte
	for {
		flags, err := c.r.ReadByte()
		if err != nil {
			return nil, err
		}
		var n uint64
		if flags&2 != 0 {
			var s [8]byte
			if _, err := io.ReadFull(c.r, s[:]); err != nil {
				return nil, err
			}
			n = binary.BigEndian.Uint64(s[:])
		} else {
			b, err := c.r.ReadByte()
			if err != nil {
				return nil, err
			}
			n = uint64(b)
		}
		if n > 1<<30 {
			return nil, fmt.Errorf("frame of %d bytes", n)
		}
		f := make([]byte, n)
		if _, err := io.ReadFull(c.r, f); err != nil {
			return nil, err
		}
		frames = append(frames, f)
		if flags&1 == 0 {
			return frames, nil
		}
	}
}

// message returns the signed frames of a Jupyter message; username pads
// the header (and so the parent header of every reply).
func (k *testKernel) message(typ, username, content string) [][]byte {
	h, _ := json.Marshal(map[string]string{"msg_id": randomHex(), "session": "hostile-test", "username": username,
		"date": time.Now().UTC().Format(time.RFC3339Nano), "msg_type": typ, "version": "5.3"})
	parts := [][]byte{h, []byte("{}"), []byte("{}"), []byte(content)}
	m := hmac.New(sha256.New, k.key)
	for _, p := range parts {
		m.Write(p)
	}
	return append([][]byte{[]byte("<IDS|MSG>"), []byte(hex.EncodeToString(m.Sum(nil)))}, parts...)
}

// header decodes the header and parent header of a received message.
func header(frames [][]byte) (typ, parentID string, content map[string]any) {
	for i, f := range frames {
		if string(f) == "<IDS|MSG>" && len(frames) >= i+6 {
			var h, p struct {
				MsgType string `json:"msg_type"`
				MsgID   string `json:"msg_id"`
			}
			json.Unmarshal(frames[i+2], &h)
			json.Unmarshal(frames[i+3], &p)
			json.Unmarshal(frames[i+5], &content)
			return h.MsgType, p.MsgID, content
		}
	}
	return "", "", nil
}

// kernelInfo sends kernel_info_request on c and waits for the reply; it
// returns the request's msg_id.
func (k *testKernel) kernelInfo(c *rawConn, username string) string {
	k.t.Helper()
	req := k.message("kernel_info_request", username, "{}")
	var h struct {
		MsgID string `json:"msg_id"`
	}
	json.Unmarshal(req[2], &h)
	if err := c.send(req...); err != nil {
		k.alive()
		k.t.Fatalf("sending kernel_info_request: %v", err)
	}
	for {
		m, err := c.recvFrames()
		if err != nil {
			k.alive()
			k.t.Fatalf("no kernel_info_reply: %v", err)
		}
		if typ, parent, _ := header(m); typ == "kernel_info_reply" && parent == h.MsgID {
			return h.MsgID
		}
	}
}

// TestKernelSurvivesHugeFrameHeaders: a ZMTP frame header claiming 2^63−1
// or 2^40 bytes, sent by a peer that has no key, to any port; the kernel
// must keep serving (zmq4 v0.17.0 allocated the claimed size and died).
func TestKernelSurvivesHugeFrameHeaders(t *testing.T) {
	k := startKernel(t)
	for _, port := range []struct{ name, typ string }{
		{"shell", "DEALER"}, {"control", "DEALER"}, {"stdin", "DEALER"}, {"iopub", "SUB"}, {"hb", "REQ"}} {
		for _, size := range []uint64{1<<63 - 1, 1 << 40} {
			c := k.dial(port.name, port.typ)
			hdr := binary.BigEndian.AppendUint64([]byte{0x02}, size)
			c.conn.Write(append(hdr, "some bytes"...))
		}
	}
	for _, port := range []string{"shell", "control"} {
		k.kernelInfo(k.dial(port, "DEALER"), "")
	}
	hb := k.dial("hb", "REQ")
	hb.send([]byte{}, []byte("ping"))
	if m, err := hb.recvFrames(); err != nil || len(m) != 2 || string(m[1]) != "ping" {
		k.alive()
		t.Fatalf("heartbeat: %q, %v", m, err)
	}
	k.alive()
}

// TestIdleConnectionDoesNotBlockClients: a TCP connection that never
// sends its greeting (or stops halfway) must not keep new clients out.
func TestIdleConnectionDoesNotBlockClients(t *testing.T) {
	k := startKernel(t)
	for _, port := range []string{"shell", "control", "hb"} {
		for _, prefix := range []string{"", "\xff\x00\x00\x00\x00\x00\x00\x00\x01\x7f"} {
			c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", k.ports[port]))
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			c.Write([]byte(prefix))
		}
	}
	for _, port := range []string{"shell", "control"} {
		k.kernelInfo(k.dial(port, "DEALER"), "")
	}
	hb := k.dial("hb", "REQ")
	hb.send([]byte{}, []byte("ping"))
	if m, err := hb.recvFrames(); err != nil || len(m) != 2 || string(m[1]) != "ping" {
		t.Fatalf("heartbeat blocked by an idle connection: %q, %v", m, err)
	}
}

// TestStuckSubscriberDoesNotStallIOPub: an iopub subscriber that never
// reads must not stop the output other clients see. Each request's
// status messages carry its 256 KiB parent header, so 80 requests push
// 40 MiB at the stuck peer, far more than loopback TCP buffers hold.
func TestStuckSubscriberDoesNotStallIOPub(t *testing.T) {
	k := startKernel(t)
	stuck := k.dial("iopub", "SUB")
	stuck.send([]byte{1}) // subscribe to everything
	stuckSubscribed := make(chan struct{})
	go func() {
		stuck.recvFrames() // one message proves the subscription; then it never reads again
		close(stuckSubscribed)
	}()
	good := k.dial("iopub", "SUB")
	good.send([]byte{1})
	type status struct{ parent, state string }
	statuses := make(chan status, 1024)
	go func() {
		defer close(statuses)
		for {
			m, err := good.recvFrames()
			if err != nil {
				return
			}
			if typ, parent, c := header(m); typ == "status" {
				st, _ := c["execution_state"].(string)
				statuses <- status{parent, st}
			}
		}
	}()
	waitIdle := func(id string, within time.Duration) bool {
		timer := time.NewTimer(within)
		defer timer.Stop()
		for {
			select {
			case s, ok := <-statuses:
				if !ok {
					k.alive()
					t.Fatalf("iopub stalled: no status for %s", id)
				}
				if s.parent == id && s.state == "idle" {
					return true
				}
			case <-timer.C:
				return false
			}
		}
	}
	shell := k.dial("shell", "DEALER")
	// Subscriptions take effect asynchronously: repeat a request until
	// both subscribers have seen output.
	deadline := time.Now().Add(patience)
	for synced := false; !synced; {
		if time.Now().After(deadline) {
			t.Fatal("the subscriptions never took effect")
		}
		synced = waitIdle(k.kernelInfo(shell, ""), 200*time.Millisecond)
		select {
		case <-stuckSubscribed:
		default:
			synced = false
		}
	}
	pad := strings.Repeat("u", 256<<10)
	for i := range 80 {
		if id := k.kernelInfo(shell, pad); !waitIdle(id, patience) {
			k.alive()
			t.Fatalf("request %d: iopub stalled, no idle status", i)
		}
	}
	k.alive()
}

// TestKernelRefusesPlantedCache: with HOME and XDG_CACHE_HOME unset the
// cache directory falls back to $TMPDIR, where any local user can plant
// workers/worker-<hash> for the kernel to execute. A cache directory that
// others may write is refused, and the kernel says why instead of starting.
func TestKernelRefusesPlantedCache(t *testing.T) {
	tmp := t.TempDir()
	for _, name := range []string{"lingo", fmt.Sprintf("lingo-%d", os.Getuid())} {
		d := filepath.Join(tmp, name)
		if err := os.MkdirAll(filepath.Join(d, "workers"), 0o777); err != nil {
			t.Fatal(err)
		}
		os.Chmod(d, 0o777)
		os.Chmod(filepath.Join(d, "workers"), 0o777)
	}
	k := launchKernel(t, "HOME=", "XDG_CACHE_HOME=", "LINGO_CACHE=", "TMPDIR="+tmp)
	deadline := time.Now().Add(patience)
	for {
		select {
		case <-k.exited:
			if k.cmd.ProcessState.Success() || !strings.Contains(k.stderr.String(), "refusing "+tmp) {
				t.Fatalf("the kernel exited with %v and said:\n%s\nwant a failure refusing the cache in %s", k.cmd.ProcessState, k.stderr, tmp)
			}
			return
		case <-time.After(20 * time.Millisecond):
		}
		if c, err := k.tryDial("shell", "DEALER"); err == nil {
			c.conn.Close()
			t.Fatalf("the kernel started with a cache directory in %s that every user can write", tmp)
		}
		if time.Now().After(deadline) {
			t.Fatal("the kernel neither started nor exited")
		}
	}
}
