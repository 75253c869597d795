package kernel

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
)

// ConnectionInfo is the content of a Jupyter connection file.
type ConnectionInfo struct {
	Transport       string `json:"transport"`
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	IOPubPort       int    `json:"iopub_port"`
	StdinPort       int    `json:"stdin_port"`
	ControlPort     int    `json:"control_port"`
	HBPort          int    `json:"hb_port"`
	Key             string `json:"key"`
	SignatureScheme string `json:"signature_scheme"`
	KernelName      string `json:"kernel_name"`
}

// ReadConnectionFile reads and checks a connection file.
func ReadConnectionFile(path string) (*ConnectionInfo, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("lingo: reading connection file: %w", err)
	}
	var ci ConnectionInfo
	if err := json.Unmarshal(b, &ci); err != nil {
		return nil, fmt.Errorf("lingo: connection file %s: %w", path, err)
	}
	if ci.Transport == "" {
		ci.Transport = "tcp"
	}
	if ci.IP == "" {
		ci.IP = "127.0.0.1"
	}
	if ci.SignatureScheme != "" && ci.SignatureScheme != "hmac-sha256" {
		return nil, fmt.Errorf("lingo: connection file %s: signature scheme %q is not supported (want hmac-sha256)", path, ci.SignatureScheme)
	}
	for name, p := range map[string]int{"shell_port": ci.ShellPort, "iopub_port": ci.IOPubPort, "stdin_port": ci.StdinPort, "control_port": ci.ControlPort, "hb_port": ci.HBPort} {
		if p <= 0 || p > 65535 {
			return nil, fmt.Errorf("lingo: connection file %s: %s is %d, want a port in 1..65535", path, name, p)
		}
	}
	return &ci, nil
}

func (ci *ConnectionInfo) addr(port int) string {
	if ci.Transport == "ipc" {
		return fmt.Sprintf("ipc://%s-%d", ci.IP, port)
	}
	return fmt.Sprintf("%s://%s:%d", ci.Transport, ci.IP, port)
}

// Server speaks the Jupyter messaging protocol and runs cells on an Engine.
type Server struct {
	ci      *ConnectionInfo
	sig     signer
	session string
	log     *slog.Logger
	engine  *Engine
	magics  *magics
	history *History

	shell, control, stdin, iopub, hb     zmq4.Socket
	shellMu, controlMu, stdinMu, iopubMu sync.Mutex

	execCount    int
	execQueue    chan *Message
	stdinReplies chan *Message
	comms        map[string]string // comm id → target name
	commsMu      sync.Mutex
	done         chan struct{}
	closeOnce    sync.Once
}

// NewServer binds the sockets of a connection file.
func NewServer(ci *ConnectionInfo, engine *Engine, log *slog.Logger) (*Server, error) {
	ctx := context.Background()
	s := &Server{ci: ci, sig: signer{key: []byte(ci.Key)}, session: newID(), log: log, engine: engine,
		execQueue: make(chan *Message, 1024), stdinReplies: make(chan *Message, 1), comms: map[string]string{}, done: make(chan struct{})}
	s.history = OpenHistory()
	s.magics = newMagics(s)
	s.shell = zmq4.NewRouter(ctx, zmq4.WithID(zmq4.SocketIdentity("lingo-shell")))
	s.control = zmq4.NewRouter(ctx, zmq4.WithID(zmq4.SocketIdentity("lingo-control")))
	s.stdin = zmq4.NewRouter(ctx, zmq4.WithID(zmq4.SocketIdentity("lingo-stdin")))
	s.iopub = zmq4.NewPub(ctx)
	s.hb = zmq4.NewRep(ctx)
	for _, b := range []struct {
		sock zmq4.Socket
		port int
	}{{s.shell, ci.ShellPort}, {s.control, ci.ControlPort}, {s.stdin, ci.StdinPort}, {s.iopub, ci.IOPubPort}, {s.hb, ci.HBPort}} {
		if err := b.sock.Listen(ci.addr(b.port)); err != nil {
			s.closeSockets()
			return nil, fmt.Errorf("lingo: listening on %s: %w", ci.addr(b.port), err)
		}
	}
	return s, nil
}

func (s *Server) closeSockets() {
	for _, sock := range []zmq4.Socket{s.shell, s.control, s.stdin, s.iopub, s.hb} {
		if sock != nil {
			sock.Close()
		}
	}
}

// Serve runs until a shutdown request.
func (s *Server) Serve() {
	go s.heartbeat()
	go s.loop(s.control, &s.controlMu, "control")
	go s.loop(s.shell, &s.shellMu, "shell")
	go s.stdinLoop()
	go s.executor()
	s.publish(nil, "status", map[string]any{"execution_state": "starting"})
	<-s.done
	time.Sleep(50 * time.Millisecond) // let the last replies leave
	s.engine.Close()
	s.closeSockets()
}

func (s *Server) heartbeat() {
	for {
		msg, err := s.hb.Recv()
		if err != nil {
			select {
			case <-s.done:
				return
			default:
			}
			time.Sleep(10 * time.Millisecond)
			continue
		}
		_ = s.hb.Send(msg)
	}
}

func (s *Server) loop(sock zmq4.Socket, mu *sync.Mutex, name string) {
	for {
		raw, err := sock.Recv()
		if err != nil {
			select {
			case <-s.done:
				return
			default:
			}
			s.log.Warn("receive failed", "socket", name, "err", err)
			time.Sleep(10 * time.Millisecond)
			continue
		}
		m, err := s.sig.Decode(raw.Frames)
		if err != nil {
			s.log.Warn("dropped message", "socket", name, "err", err)
			continue
		}
		s.handle(sock, mu, name, m)
	}
}

func (s *Server) stdinLoop() {
	for {
		raw, err := s.stdin.Recv()
		if err != nil {
			select {
			case <-s.done:
				return
			default:
			}
			time.Sleep(10 * time.Millisecond)
			continue
		}
		m, err := s.sig.Decode(raw.Frames)
		if err != nil {
			s.log.Warn("dropped message", "socket", "stdin", "err", err)
			continue
		}
		if m.Header.MsgType == "input_reply" {
			select {
			case s.stdinReplies <- m:
			default:
			}
		}
	}
}

func (s *Server) send(sock zmq4.Socket, mu *sync.Mutex, m *Message) {
	frames, err := s.sig.Encode(m)
	if err != nil {
		s.log.Error("encode failed", "err", err)
		return
	}
	mu.Lock()
	defer mu.Unlock()
	if err := sock.Send(zmq4.NewMsgFrom(frames...)); err != nil {
		s.log.Warn("send failed", "type", m.Header.MsgType, "err", err)
	}
}

// reply sends a reply on the socket the request came from.
func (s *Server) reply(sock zmq4.Socket, mu *sync.Mutex, req *Message, typ string, content any) {
	m, err := newMessage(typ, s.session, req, content)
	if err != nil {
		s.log.Error("reply", "err", err)
		return
	}
	m.Identities = req.Identities
	s.send(sock, mu, m)
}

// publish sends a message on iopub with parent as its parent header.
func (s *Server) publish(parent *Message, typ string, content any) {
	m, err := newMessage(typ, s.session, parent, content)
	if err != nil {
		s.log.Error("publish", "err", err)
		return
	}
	m.Identities = [][]byte{[]byte(typ)}
	s.send(s.iopub, &s.iopubMu, m)
}

func (s *Server) status(parent *Message, state string) {
	s.publish(parent, "status", map[string]any{"execution_state": state})
}

func (s *Server) handle(sock zmq4.Socket, mu *sync.Mutex, name string, m *Message) {
	switch m.Header.MsgType {
	case "execute_request":
		s.execQueue <- m
		return
	case "shutdown_request":
		var c struct {
			Restart bool `json:"restart"`
		}
		_ = json.Unmarshal(m.Content, &c)
		s.status(m, "busy")
		s.engine.Interrupt()
		s.reply(sock, mu, m, "shutdown_reply", map[string]any{"status": "ok", "restart": c.Restart})
		s.status(m, "idle")
		s.closeOnce.Do(func() { close(s.done) })
		return
	case "interrupt_request":
		s.engine.Interrupt()
		s.reply(sock, mu, m, "interrupt_reply", map[string]any{"status": "ok"})
		return
	}
	s.status(m, "busy")
	defer s.status(m, "idle")
	switch m.Header.MsgType {
	case "kernel_info_request":
		s.reply(sock, mu, m, "kernel_info_reply", kernelInfo())
	case "is_complete_request":
		var c struct{ Code string }
		_ = json.Unmarshal(m.Content, &c)
		st, indent := isComplete(c.Code)
		content := map[string]any{"status": st}
		if st == "incomplete" {
			content["indent"] = indent
		}
		s.reply(sock, mu, m, "is_complete_reply", content)
	case "complete_request":
		var c struct {
			Code      string `json:"code"`
			CursorPos int    `json:"cursor_pos"`
		}
		_ = json.Unmarshal(m.Content, &c)
		s.reply(sock, mu, m, "complete_reply", s.engine.Complete(c.Code, c.CursorPos))
	case "inspect_request":
		var c struct {
			Code        string `json:"code"`
			CursorPos   int    `json:"cursor_pos"`
			DetailLevel int    `json:"detail_level"`
		}
		_ = json.Unmarshal(m.Content, &c)
		s.reply(sock, mu, m, "inspect_reply", s.engine.Inspect(c.Code, c.CursorPos, c.DetailLevel))
	case "history_request":
		var c HistoryRequest
		_ = json.Unmarshal(m.Content, &c)
		s.reply(sock, mu, m, "history_reply", map[string]any{"status": "ok", "history": s.history.Query(c)})
	case "comm_info_request":
		var c struct {
			TargetName string `json:"target_name"`
		}
		_ = json.Unmarshal(m.Content, &c)
		comms := map[string]any{}
		s.commsMu.Lock()
		for id, t := range s.comms {
			if c.TargetName == "" || c.TargetName == t {
				comms[id] = map[string]string{"target_name": t}
			}
		}
		s.commsMu.Unlock()
		s.reply(sock, mu, m, "comm_info_reply", map[string]any{"status": "ok", "comms": comms})
	case "comm_open":
		var c struct {
			CommID     string `json:"comm_id"`
			TargetName string `json:"target_name"`
		}
		_ = json.Unmarshal(m.Content, &c)
		// No comm targets are registered: close it, as the spec asks.
		s.publish(m, "comm_close", map[string]any{"comm_id": c.CommID, "data": map[string]any{}})
	case "comm_msg":
		// Messages to unknown comms are ignored.
	case "comm_close":
		var c struct {
			CommID string `json:"comm_id"`
		}
		_ = json.Unmarshal(m.Content, &c)
		s.commsMu.Lock()
		delete(s.comms, c.CommID)
		s.commsMu.Unlock()
	default:
		s.log.Info("unhandled message", "type", m.Header.MsgType, "socket", name)
	}
}

func kernelInfo() map[string]any {
	return map[string]any{
		"status":                 "ok",
		"protocol_version":       ProtocolVersion,
		"implementation":         "lingo",
		"implementation_version": Version,
		"language_info": map[string]any{
			"name":               "go",
			"version":            strings.TrimPrefix(runtime.Version(), "go"),
			"mimetype":           "text/x-go",
			"file_extension":     ".go",
			"pygments_lexer":     "go",
			"codemirror_mode":    "go",
			"nbconvert_exporter": "",
		},
		"banner":     "Lingo " + Version + " — compiled Go cells whose state stays in memory. %help lists the magics.",
		"debugger":   false,
		"help_links": []map[string]string{{"text": "Go documentation", "url": "https://go.dev/doc/"}},
	}
}

// executeRequest is the content of execute_request.
type executeRequest struct {
	Code         string `json:"code"`
	Silent       bool   `json:"silent"`
	StoreHistory *bool  `json:"store_history"`
	AllowStdin   bool   `json:"allow_stdin"`
	StopOnError  *bool  `json:"stop_on_error"`
}

func (s *Server) executor() {
	for {
		select {
		case m := <-s.execQueue:
			ok := s.execute(m)
			var c executeRequest
			_ = json.Unmarshal(m.Content, &c)
			if !ok && (c.StopOnError == nil || *c.StopOnError) {
				s.abortQueued()
			}
		case <-s.done:
			return
		}
	}
}

// abortQueued answers every queued execute_request with status "aborted".
func (s *Server) abortQueued() {
	for {
		select {
		case m := <-s.execQueue:
			s.status(m, "busy")
			s.reply(s.shell, &s.shellMu, m, "execute_reply", map[string]any{"status": "aborted", "execution_count": s.execCount})
			s.status(m, "idle")
		default:
			return
		}
	}
}

// execute runs one execute_request; it reports whether it succeeded.
func (s *Server) execute(m *Message) bool {
	var c executeRequest
	if err := json.Unmarshal(m.Content, &c); err != nil {
		c.Code = ""
	}
	store := !c.Silent && (c.StoreHistory == nil || *c.StoreHistory)
	s.status(m, "busy")
	defer s.status(m, "idle")
	if store {
		s.execCount++
	}
	count := s.execCount
	if !c.Silent {
		s.publish(m, "execute_input", map[string]any{"code": c.Code, "execution_count": count})
	}
	out := &jupyterOutput{s: s, parent: m, silent: c.Silent, allowStdin: c.AllowStdin, count: count}
	status := "ok"
	if strings.TrimSpace(c.Code) != "" {
		status = s.magics.run(c.Code, out)
	}
	if store {
		s.history.Add(count, c.Code, out.resultText())
	}
	if status == "ok" {
		s.reply(s.shell, &s.shellMu, m, "execute_reply", map[string]any{
			"status": "ok", "execution_count": count, "user_expressions": map[string]any{}, "payload": []any{}})
		return true
	}
	ename, evalue, tb := out.lastError()
	s.reply(s.shell, &s.shellMu, m, "execute_reply", map[string]any{
		"status": "error", "execution_count": count, "ename": ename, "evalue": evalue, "traceback": tb})
	return false
}

// jupyterOutput sends a cell's output on iopub.
type jupyterOutput struct {
	s          *Server
	parent     *Message
	silent     bool
	allowStdin bool
	count      int

	mu            sync.Mutex
	ename, evalue string
	result        string
	traceback     []string
}

func (o *jupyterOutput) Stream(name, text string) {
	if o.silent || text == "" {
		return
	}
	o.s.publish(o.parent, "stream", map[string]any{"name": name, "text": text})
}

func bundleJSON(data map[string]string) map[string]any {
	out := make(map[string]any, len(data))
	for k, v := range data {
		if k == "application/json" || strings.HasSuffix(k, "+json") {
			var x any
			if json.Unmarshal([]byte(v), &x) == nil {
				out[k] = x
				continue
			}
		}
		out[k] = v
	}
	return out
}

func (o *jupyterOutput) Display(data map[string]string, id string, update bool) {
	if o.silent {
		return
	}
	typ := "display_data"
	if update {
		typ = "update_display_data"
	}
	transient := map[string]any{}
	if id != "" {
		transient["display_id"] = id
	}
	o.s.publish(o.parent, typ, map[string]any{"data": bundleJSON(data), "metadata": map[string]any{}, "transient": transient})
}

func (o *jupyterOutput) Clear(wait bool) {
	if o.silent {
		return
	}
	o.s.publish(o.parent, "clear_output", map[string]any{"wait": wait})
}

func (o *jupyterOutput) resultText() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.result
}

func (o *jupyterOutput) Result(data map[string]string) {
	o.mu.Lock()
	o.result = data["text/plain"]
	o.mu.Unlock()
	if o.silent {
		return
	}
	o.s.publish(o.parent, "execute_result", map[string]any{"execution_count": o.count, "data": bundleJSON(data), "metadata": map[string]any{}})
}

func (o *jupyterOutput) Error(ename, evalue string, tb []string) {
	o.mu.Lock()
	o.ename, o.evalue, o.traceback = ename, evalue, tb
	o.mu.Unlock()
	if o.silent {
		return
	}
	if tb == nil {
		tb = []string{}
	}
	o.s.publish(o.parent, "error", map[string]any{"ename": ename, "evalue": evalue, "traceback": tb})
}

func (o *jupyterOutput) lastError() (string, string, []string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.ename == "" {
		return "Error", "the cell failed", []string{}
	}
	tb := o.traceback
	if tb == nil {
		tb = []string{}
	}
	return o.ename, o.evalue, tb
}

func (o *jupyterOutput) Input(prompt string, password bool) (string, bool) {
	if !o.allowStdin {
		return "", false
	}
	// Drop a stale reply, then ask.
	select {
	case <-o.s.stdinReplies:
	default:
	}
	m, err := newMessage("input_request", o.s.session, o.parent, map[string]any{"prompt": prompt, "password": password})
	if err != nil {
		return "", false
	}
	m.Identities = o.parent.Identities
	o.s.send(o.s.stdin, &o.s.stdinMu, m)
	select {
	case r := <-o.s.stdinReplies:
		var c struct {
			Value string `json:"value"`
		}
		_ = json.Unmarshal(r.Content, &c)
		return c.Value, true
	case <-o.s.done:
		return "", false
	}
}
