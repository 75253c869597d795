package jupyter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// Client drives a kernel over the Jupyter protocol: lingo run uses it to
// execute notebooks headlessly. It starts the kernel as a child process
// whose JPY_PARENT_PID is this process, so the kernel stops if the client
// dies without calling Close.
type Client struct {
	sig     signer
	session string
	shell   socket
	control socket
	iopub   socket
	cmd     *exec.Cmd
	dir     string // holds the connection file
	exited  chan struct{}

	replies        chan *Message // from shell
	controlReplies chan *Message
	iopubQ         queue // unbounded, so the kernel never drops what we have not read yet
	closeOnce      sync.Once

	widgets widgetTracker
	// displays holds, by display id, the outputs of every cell run so far
	// that an update_display_data replaces (display ids span cells).
	displays map[string][]map[string]any
}

func freePorts(n int) ([]int, error) {
	var ports []int
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// StartKernel starts "lingo kernel" (this executable) in workdir and waits
// until it answers on shell and publishes on iopub. It gives up when ctx
// is done.
func StartKernel(ctx context.Context, workdir string) (*Client, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	ports, err := freePorts(5)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "lingo-run-")
	if err != nil {
		return nil, err
	}
	ci := ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: ports[0], IOPubPort: ports[1],
		StdinPort: ports[2], ControlPort: ports[3], HBPort: ports[4], Key: newID(), SignatureScheme: "hmac-sha256", KernelName: "lingo"}
	b, err := json.Marshal(ci)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	cf := filepath.Join(dir, "connection.json")
	if err := os.WriteFile(cf, b, 0o600); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	cmd := exec.Command(exe, "kernel", "--connection-file", cf)
	cmd.Dir = workdir
	cmd.Stderr = os.Stderr
	cmd.Env = append(os.Environ(), "JPY_PARENT_PID="+strconv.Itoa(os.Getpid()))
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("lingo: starting the kernel: %w", err)
	}
	c := &Client{sig: signer{key: []byte(ci.Key)}, session: newID(), cmd: cmd, dir: dir, exited: make(chan struct{}),
		replies: make(chan *Message, 16), controlReplies: make(chan *Message, 16)}
	c.iopubQ.init()
	go func() {
		_ = cmd.Wait()
		close(c.exited)
	}()
	if err := c.connect(ctx, ci); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// connect dials the kernel's sockets and waits until a kernel_info_request
// is answered on shell and its status messages arrive on iopub, which
// shows that the subscription is in place.
func (c *Client) connect(ctx context.Context, ci ConnectionInfo) error {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	for _, d := range []struct {
		s    *socket
		typ  socketType
		port int
	}{{&c.shell, dealer, ci.ShellPort}, {&c.control, dealer, ci.ControlPort}, {&c.iopub, sub, ci.IOPubPort}} {
		for {
			s, err := dial(d.typ, ci.addr(d.port))
			if err == nil {
				*d.s = s
				break
			}
			if werr := c.wait(ctx, 50*time.Millisecond); werr != nil {
				return fmt.Errorf("lingo: connecting to the kernel: %v: %w", err, werr)
			}
		}
	}
	go c.readReplies(c.shell, c.replies)
	go c.readReplies(c.control, c.controlReplies)
	go func() {
		defer c.iopubQ.close()
		for {
			frames, err := c.iopub.Recv()
			if err != nil {
				return
			}
			if m, err := c.sig.Decode(frames); err == nil {
				c.iopubQ.push(m)
			}
		}
	}()
	for {
		req, err := c.request(ctx, c.shell, c.replies, "kernel_info_request", map[string]any{}, 2*time.Second)
		if err == nil && c.sawOnIOPub(req.Header.MsgID, 500*time.Millisecond) {
			return nil
		}
		if err := c.wait(ctx, 0); err != nil {
			return fmt.Errorf("lingo: the kernel did not answer kernel_info_request: %w", err)
		}
	}
}

// wait sleeps for d, returning early with an error when ctx is done or the
// kernel process exits.
func (c *Client) wait(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-c.exited:
		return fmt.Errorf("the kernel exited (%v)", c.cmd.ProcessState)
	case <-t.C:
		return nil
	}
}

// sawOnIOPub waits up to d for an iopub message whose parent is msgID and
// drops everything before it.
func (c *Client) sawOnIOPub(msgID string, d time.Duration) bool {
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	for {
		m, ok, closed := c.iopubQ.pop()
		switch {
		case ok:
			var p Header
			if json.Unmarshal(m.Parent, &p) == nil && p.MsgID == msgID {
				return true
			}
		case closed:
			return false
		default:
			select {
			case <-c.iopubQ.ready:
			case <-deadline.C:
				return false
			}
		}
	}
}

// readReplies decodes the messages arriving on a DEALER socket.
func (c *Client) readReplies(s socket, to chan<- *Message) {
	defer close(to)
	for {
		frames, err := s.Recv()
		if err != nil {
			return
		}
		if m, err := c.sig.Decode(frames); err == nil {
			to <- m
		}
	}
}

func (c *Client) sendReq(sock socket, typ string, content any) (*Message, error) {
	m, err := newMessage(typ, c.session, nil, content)
	if err != nil {
		return nil, err
	}
	frames, err := c.sig.Encode(m)
	if err != nil {
		return nil, err
	}
	return m, sock.Send(frames)
}

// request sends a request and waits for the reply to it on replies,
// skipping replies to earlier requests that timed out. It returns the
// request.
func (c *Client) request(ctx context.Context, sock socket, replies <-chan *Message, typ string, content any, timeout time.Duration) (*Message, error) {
	req, err := c.sendReq(sock, typ, content)
	if err != nil {
		return nil, err
	}
	t := time.NewTimer(timeout)
	defer t.Stop()
	for {
		select {
		case m, ok := <-replies:
			if !ok {
				return nil, errors.New("lost the connection to the kernel")
			}
			var p Header
			if json.Unmarshal(m.Parent, &p) == nil && p.MsgID == req.Header.MsgID {
				return req, nil
			}
		case <-t.C:
			return nil, fmt.Errorf("no reply to %s within %v", typ, timeout)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// Close shuts the kernel down (shutdown_request, then SIGKILL if it has
// not exited 10 s later) and removes its connection file. It is safe to
// call more than once.
func (c *Client) Close() {
	c.closeOnce.Do(func() {
		if c.control != nil {
			_, _ = c.request(context.Background(), c.control, c.controlReplies, "shutdown_request", map[string]any{"restart": false}, 5*time.Second)
		}
		select {
		case <-c.exited:
		case <-time.After(10 * time.Second):
			_ = c.cmd.Process.Kill()
			<-c.exited
		}
		for _, s := range []socket{c.shell, c.control, c.iopub} {
			if s != nil {
				s.Close()
			}
		}
		os.RemoveAll(c.dir)
	})
}
