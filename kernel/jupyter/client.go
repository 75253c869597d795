package jupyter

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Client drives a kernel over the Jupyter protocol: lingo run uses it to
// execute notebooks headlessly.
type Client struct {
	sig     signer
	session string
	shell   socket
	control socket
	iopub   socket
	cmd     *exec.Cmd
	dir     string
	msgs    chan *Message
}

func freePorts(n int) ([]int, error) {
	var ports []int
	var ls []net.Listener
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports, nil
}

// StartKernel starts "lingo kernel" as a child process and connects to it.
func StartKernel(workdir string) (*Client, error) {
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
	b, _ := json.Marshal(ci)
	cf := filepath.Join(dir, "connection.json")
	if err := os.WriteFile(cf, b, 0o600); err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, "kernel", "--connection-file", cf)
	cmd.Dir = workdir
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("lingo: starting the kernel: %w", err)
	}
	c := &Client{sig: signer{key: []byte(ci.Key)}, session: newID(), cmd: cmd, dir: dir, msgs: make(chan *Message, 1024)}
	deadline := time.Now().Add(30 * time.Second)
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
			if time.Now().After(deadline) {
				c.Close()
				return nil, fmt.Errorf("lingo: connecting to the kernel: %w", err)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	go func() {
		for {
			frames, err := c.iopub.Recv()
			if err != nil {
				close(c.msgs)
				return
			}
			if m, err := c.sig.Decode(frames); err == nil {
				c.msgs <- m
			}
		}
	}()
	// Wait until the kernel answers and iopub is connected.
	for i := 0; ; i++ {
		if _, err := c.request(c.shell, "kernel_info_request", map[string]any{}, 2*time.Second); err == nil {
			break
		}
		if i > 30 {
			c.Close()
			return nil, fmt.Errorf("lingo: the kernel did not answer kernel_info_request")
		}
	}
	time.Sleep(200 * time.Millisecond)
	for len(c.msgs) > 0 {
		<-c.msgs
	}
	return c, nil
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

func (c *Client) request(sock socket, typ string, content any, timeout time.Duration) (*Message, error) {
	if _, err := c.sendReq(sock, typ, content); err != nil {
		return nil, err
	}
	type res struct {
		m   *Message
		err error
	}
	ch := make(chan res, 1)
	go func() {
		frames, err := sock.Recv()
		if err != nil {
			ch <- res{nil, err}
			return
		}
		m, err := c.sig.Decode(frames)
		ch <- res{m, err}
	}()
	select {
	case r := <-ch:
		return r.m, r.err
	case <-time.After(timeout):
		return nil, fmt.Errorf("no reply to %s within %v", typ, timeout)
	}
}

// Execute runs code and returns its outputs in nbformat shape, the reply
// status and an error description if it failed.
func (c *Client) Execute(code string, timeout time.Duration) (outputs []map[string]any, count int, status string, err error) {
	req, err := c.sendReq(c.shell, "execute_request", map[string]any{
		"code": code, "silent": false, "store_history": true, "user_expressions": map[string]any{},
		"allow_stdin": false, "stop_on_error": true})
	if err != nil {
		return nil, 0, "", err
	}
	replyCh := make(chan *Message, 1)
	go func() {
		for {
			frames, err := c.shell.Recv()
			if err != nil {
				close(replyCh)
				return
			}
			if m, err := c.sig.Decode(frames); err == nil {
				replyCh <- m
				return
			}
		}
	}()
	deadline := time.After(timeout)
	displays := map[string][]int{} // display_id → output indices
	idle := false
	var reply *Message
	for !idle || reply == nil {
		select {
		case m, ok := <-replyCh:
			if !ok {
				return outputs, count, "error", fmt.Errorf("lost the kernel's shell socket")
			}
			reply = m
		case m, ok := <-c.msgs:
			if !ok {
				return outputs, count, "error", fmt.Errorf("lost the kernel's iopub socket")
			}
			var parent Header
			if json.Unmarshal(m.Parent, &parent) != nil || parent.MsgID != req.Header.MsgID {
				continue
			}
			var content map[string]any
			if err := json.Unmarshal(m.Content, &content); err != nil {
				continue // Decode checked it is an object; cannot happen
			}
			switch m.Header.MsgType {
			case "status":
				if content["execution_state"] == "idle" {
					idle = true
				}
			case "execute_input":
				if n, ok := content["execution_count"].(float64); ok {
					count = int(n)
				}
			case "stream":
				if n := len(outputs); n > 0 && outputs[n-1]["output_type"] == "stream" && outputs[n-1]["name"] == content["name"] {
					outputs[n-1]["text"] = outputs[n-1]["text"].(string) + content["text"].(string)
				} else {
					outputs = append(outputs, map[string]any{"output_type": "stream", "name": content["name"], "text": content["text"]})
				}
			case "display_data":
				o := map[string]any{"output_type": "display_data", "data": content["data"], "metadata": orEmpty(content["metadata"])}
				if t, ok := content["transient"].(map[string]any); ok {
					if id, ok := t["display_id"].(string); ok {
						displays[id] = append(displays[id], len(outputs))
					}
				}
				outputs = append(outputs, o)
			case "update_display_data":
				if t, ok := content["transient"].(map[string]any); ok {
					if id, ok := t["display_id"].(string); ok {
						for _, i := range displays[id] {
							outputs[i]["data"] = content["data"]
						}
					}
				}
			case "execute_result":
				outputs = append(outputs, map[string]any{"output_type": "execute_result", "data": content["data"],
					"metadata": orEmpty(content["metadata"]), "execution_count": content["execution_count"]})
			case "error":
				outputs = append(outputs, map[string]any{"output_type": "error", "ename": content["ename"],
					"evalue": content["evalue"], "traceback": content["traceback"]})
			case "clear_output":
				outputs = nil
				displays = map[string][]int{}
			}
		case <-deadline:
			_, _ = c.request(c.control, "interrupt_request", map[string]any{}, 5*time.Second)
			return outputs, count, "error", fmt.Errorf("timed out after %v", timeout)
		}
	}
	var rc map[string]any
	if err := json.Unmarshal(reply.Content, &rc); err != nil {
		return outputs, count, "error", fmt.Errorf("the kernel's execute_reply does not decode: %w", err)
	}
	status, _ = rc["status"].(string)
	if status != "ok" {
		ename, _ := rc["ename"].(string)
		evalue, _ := rc["evalue"].(string)
		return outputs, count, status, fmt.Errorf("%s: %s", ename, evalue)
	}
	return outputs, count, status, nil
}

func orEmpty(v any) any {
	if v == nil {
		return map[string]any{}
	}
	return v
}

// Close shuts the kernel down.
func (c *Client) Close() {
	if c.control != nil {
		_, _ = c.request(c.control, "shutdown_request", map[string]any{"restart": false}, 5*time.Second)
	}
	done := make(chan struct{})
	go func() {
		if c.cmd != nil {
			_ = c.cmd.Wait()
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		if c.cmd != nil && c.cmd.Process != nil {
			_ = c.cmd.Process.Kill()
		}
	}
	for _, s := range []socket{c.shell, c.control, c.iopub} {
		if s != nil {
			s.Close()
		}
	}
	os.RemoveAll(c.dir)
}
