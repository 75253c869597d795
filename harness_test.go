package main

// The harness of the black-box tests in this directory: the test binary
// re-executes itself as the lingo command (LINGO_TEST_AS_LINGO=1), and the
// tests talk raw ZMTP 3.0 over TCP with a hand-written client and signed
// Jupyter messages, so they depend on nothing but the wire and the CLI.

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
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	switch {
	case os.Getenv("LINGO_TEST_AS_PARENT") == "1":
		actAsFrontEnd()
	case os.Getenv("LINGO_TEST_AS_LINGO") == "1":
		main()
	}
	os.Exit(runTests(m))
}

// runTests runs the tests with LINGO_ROOT set to this checkout (the test
// binary has no -X kernel.sourceRoot, and kernels started in other
// directories build cells against it) and LINGO_DATA set to a temporary
// directory, so the kernels keep their history there, not in the user's.
func runTests(m *testing.M) int {
	if os.Getenv("LINGO_ROOT") == "" {
		if wd, err := os.Getwd(); err == nil {
			os.Setenv("LINGO_ROOT", wd)
		}
	}
	d, err := os.MkdirTemp("", "lingo-test-data-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(d)
	os.Setenv("LINGO_DATA", d)
	return m.Run()
}

// actAsFrontEnd plays a Jupyter front end: it starts the kernel with the
// arguments it was given and JPY_PARENT_PID set to its own pid, as
// jupyter_client does, prints the kernel's pid and waits to be killed.
func actAsFrontEnd() {
	cmd := exec.Command(os.Args[0], os.Args[1:]...)
	cmd.Env = append(os.Environ(), "LINGO_TEST_AS_PARENT=", "LINGO_TEST_AS_LINGO=1", fmt.Sprintf("JPY_PARENT_PID=%d", os.Getpid()))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("kernel", cmd.Process.Pid)
	cmd.Wait()
	select {}
}

// patience bounds every wait: it turns a hang into a failure and never
// decides a pass.
const patience = 60 * time.Second

// testKernel is a kernel process and its connection details.
type testKernel struct {
	t      *testing.T
	key    []byte
	ports  map[string]int
	cmd    *exec.Cmd // the kernel, or the front end that started it
	pid    int       // the kernel's pid
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
func startKernel(t *testing.T, env ...string) *testKernel {
	t.Helper()
	k := launchKernel(t, env...)
	k.waitReady()
	return k
}

// waitReady waits until the kernel answers a kernel_info_request.
func (k *testKernel) waitReady() {
	t := k.t
	t.Helper()
	deadline := time.Now().Add(patience)
	for {
		c, err := k.tryDial("shell", "DEALER")
		if err == nil {
			k.kernelInfo(c, "")
			c.conn.Close()
			return
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
	// The kernel's children may hold stderr open after it exits (on main,
	// an orphaned kernel held the front end's): Wait stops waiting for
	// the pipe soon after the process itself has exited.
	k.cmd.WaitDelay = 2 * time.Second
	viaFrontEnd := slices.Contains(env, "LINGO_TEST_AS_PARENT=1")
	var stdout io.Reader
	if viaFrontEnd {
		var err error
		if stdout, err = k.cmd.StdoutPipe(); err != nil {
			t.Fatal(err)
		}
	}
	if err := k.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	k.pid = k.cmd.Process.Pid
	if viaFrontEnd {
		if _, err := fmt.Fscanf(stdout, "kernel %d\n", &k.pid); err != nil {
			k.cmd.Process.Kill()
			t.Fatalf("the front end did not start the kernel: %v\n%s", err, k.stderr)
		}
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

// execute runs code through shell and waits for its execute_reply; it
// returns the reply's status.
func (k *testKernel) execute(c *rawConn, code string) string {
	k.t.Helper()
	content, _ := json.Marshal(map[string]any{"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true})
	req := k.message("execute_request", "", string(content))
	var h struct {
		MsgID string `json:"msg_id"`
	}
	json.Unmarshal(req[2], &h)
	if err := c.send(req...); err != nil {
		k.t.Fatalf("sending execute_request: %v", err)
	}
	for {
		m, err := c.recvFrames()
		if err != nil {
			k.alive()
			k.t.Fatalf("no execute_reply: %v", err)
		}
		if typ, parent, content := header(m); typ == "execute_reply" && parent == h.MsgID {
			st, _ := content["status"].(string)
			return st
		}
	}
}

// procStat is the state and parent of a process, from /proc/PID/stat.
func procStat(pid int) (state byte, ppid int, ok bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, 0, false
	}
	i := strings.LastIndexByte(string(b), ')') // the command name may hold spaces
	if i < 0 || i+4 > len(b) {
		return 0, 0, false
	}
	var st string
	if _, err := fmt.Sscanf(string(b[i+2:]), "%s %d", &st, &ppid); err != nil {
		return 0, 0, false
	}
	return st[0], ppid, true
}

// running reports whether pid is a process that has not exited (a zombie
// waiting to be reaped has exited).
func running(pid int) bool {
	st, _, ok := procStat(pid)
	return ok && st != 'Z' && st != 'X'
}

// children returns the running children of pid whose command line
// contains substr.
func children(pid int, substr string) []int {
	var out []int
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		var c int
		if _, err := fmt.Sscanf(d.Name(), "%d", &c); err != nil {
			continue
		}
		if _, ppid, ok := procStat(c); ok && ppid == pid && running(c) {
			cmdline, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", c))
			if strings.Contains(string(cmdline), substr) {
				out = append(out, c)
			}
		}
	}
	return out
}

// waitFor polls cond until it holds; it fails the test after patience.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// reapLater kills pids still running when the test ends, so that a
// failing test leaves no orphans behind.
func reapLater(t *testing.T, pids ...int) {
	t.Cleanup(func() {
		for _, p := range pids {
			if running(p) {
				syscall.Kill(p, syscall.SIGKILL)
			}
		}
	})
}
