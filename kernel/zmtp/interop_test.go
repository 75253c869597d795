package zmtp

import (
	"bufio"
	"os/exec"
	"strings"
	"testing"
)

// python is Debian's interpreter, whose python3-zmq wraps libzmq; the
// Jupyter clients the kernel serves run on it.
const python = "/usr/bin/python3"

// TestPyZMQInterop talks to libzmq through pyzmq both ways: pyzmq's
// DEALER, SUB and REQ against this package's ROUTER, PUB and REP, and this
// package's DEALER and SUB against libzmq's ROUTER and XPUB.
func TestPyZMQInterop(t *testing.T) {
	if err := exec.Command(python, "-c", "import zmq").Run(); err != nil {
		t.Skipf("%s cannot import zmq (apt install python3-zmq): %v", python, err)
	}
	router := listen(t, Router, Options{})
	pub := listen(t, Pub, Options{})
	rep := listen(t, Rep, Options{})
	cmd := exec.Command(python, "testdata/pyzmq_peer.py",
		"tcp://"+router.Addr().String(), "tcp://"+pub.Addr().String(), "tcp://"+rep.Addr().String())
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(out)
	line := func(want string) []string {
		t.Helper()
		if !lines.Scan() {
			cmd.Wait()
			t.Fatalf("pyzmq side ended before %q:\n%s", want, stderr.String())
		}
		f := strings.Fields(lines.Text())
		if len(f) == 0 || f[0] != want {
			t.Fatalf("pyzmq side said %q, want %q", lines.Text(), want)
		}
		return f
	}

	if got := str(recv(t, router)); got != `["py" "hello" "world"]` {
		t.Fatalf("router got %s", got)
	}
	router.Send([][]byte{[]byte("py"), []byte("reply")})

	line("subscribed")
	waitSubscribed(t, pub, 1)
	pub.Send([][]byte{[]byte("stream"), []byte("filtered out")})
	pub.Send([][]byte{[]byte("status"), []byte("idle")})

	if got := str(recv(t, rep)); got != `["ping"]` {
		t.Fatalf("rep got %s", got)
	}
	rep.Send([][]byte{[]byte("ping")})

	ports := line("ports")
	d := NewSocket(Dealer, Options{})
	defer d.Close()
	if err := d.Dial("tcp://127.0.0.1:" + ports[1]); err != nil {
		t.Fatal(err)
	}
	d.Send([][]byte{[]byte("hi")})
	if got := str(recv(t, d)); got != `["back"]` {
		t.Fatalf("dealer got %s", got)
	}
	s := NewSocket(Sub, Options{})
	defer s.Close()
	if err := s.Dial("tcp://127.0.0.1:" + ports[2]); err != nil {
		t.Fatal(err)
	}
	s.Subscribe(nil)
	if got := str(recv(t, s)); got != `["iopub" "data"]` {
		t.Fatalf("sub got %s", got)
	}
	t.Logf("libzmq %s", line("done")[1])
	if err := cmd.Wait(); err != nil {
		t.Fatalf("pyzmq side: %v\n%s", err, stderr.String())
	}
}
