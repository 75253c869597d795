package jupyter

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lingo-nlp/lingo/kernel/history"
)

// Config is what a Server needs besides its connection file.
type Config struct {
	Executor Executor
	// History records executed cells and answers history requests; nil
	// keeps no history.
	History *history.History
	// Log receives dropped messages and socket errors; nil discards them.
	Log *slog.Logger
	// Version is the kernel's version, reported in kernel_info.
	Version string
}

// Server speaks the Jupyter messaging protocol on the sockets of a
// connection file and runs cells on an Executor.
type Server struct {
	ci      *ConnectionInfo
	sig     signer
	session string
	log     *slog.Logger
	exec    Executor
	history *history.History
	version string

	shell, control, stdin, iopub, hb     socket
	shellMu, controlMu, stdinMu, iopubMu sync.Mutex

	execCount    int
	execQueue    chan *execution
	stdinReplies chan *Message
	comms        map[string]string // comm id → target name
	commsMu      sync.Mutex
	refs         commRefs // the front end's recent comm messages
	executing    atomic.Bool
	done         chan struct{}
	closeOnce    sync.Once

	// interrupt is cancelled by interrupt_request; a fresh one replaces it.
	intMu     sync.Mutex
	interrupt context.Context
	cancel    context.CancelFunc

	hooks hooks // for tests
}

// hooks are called at fixed points, so tests can act at exactly that point.
type hooks struct {
	queued func() // an execute_request was queued
}

func call(h func()) {
	if h != nil {
		h()
	}
}

// NewServer binds the sockets of a connection file.
func NewServer(ci *ConnectionInfo, cfg Config) (*Server, error) {
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{ci: ci, sig: signer{key: []byte(ci.Key)}, session: newID(), log: log, exec: cfg.Executor,
		history: cfg.History, version: cfg.Version,
		execQueue: make(chan *execution, 1024), stdinReplies: make(chan *Message, 1), comms: map[string]string{}, done: make(chan struct{})}
	s.interrupt, s.cancel = context.WithCancel(context.Background())
	if h, ok := cfg.Executor.(CommHost); ok {
		h.SetCommPeer(peer{s})
	}
	for _, b := range []struct {
		sock *socket
		typ  socketType
		name string
		port int
	}{{&s.shell, router, "lingo-shell", ci.ShellPort}, {&s.control, router, "lingo-control", ci.ControlPort},
		{&s.stdin, router, "lingo-stdin", ci.StdinPort}, {&s.iopub, pub, "", ci.IOPubPort}, {&s.hb, rep, "", ci.HBPort}} {
		sock, err := listen(b.typ, b.name, ci.addr(b.port))
		if err != nil {
			s.closeSockets()
			return nil, fmt.Errorf("jupyter: listening on %s: %w", ci.addr(b.port), err)
		}
		*b.sock = sock
	}
	return s, nil
}

func (s *Server) closeSockets() {
	for _, sock := range []socket{s.shell, s.control, s.stdin, s.iopub, s.hb} {
		if sock != nil {
			sock.Close()
		}
	}
}

// Serve runs until a shutdown request, then closes the executor.
func (s *Server) Serve() {
	go s.heartbeat()
	go s.loop(s.control, &s.controlMu, "control")
	go s.loop(s.shell, &s.shellMu, "shell")
	go s.stdinLoop()
	go s.executor()
	s.publish(nil, "status", map[string]any{"execution_state": "starting"})
	<-s.done
	time.Sleep(50 * time.Millisecond) // let the last replies leave
	s.exec.Close()
	s.closeSockets()
}

// Shutdown interrupts the running cell and makes Serve return after
// closing the executor, as a shutdown_request does. The kernel calls it
// when its parent process dies or it receives SIGTERM. It is safe to call
// more than once and from any goroutine.
func (s *Server) Shutdown() {
	s.interruptAll()
	s.closeOnce.Do(func() { close(s.done) })
}

func (s *Server) stopped() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

func (s *Server) heartbeat() {
	for {
		msg, err := s.hb.Recv()
		if err != nil {
			if s.stopped() {
				return
			}
			time.Sleep(10 * time.Millisecond)
			continue
		}
		if err := s.hb.Send(msg); err != nil {
			s.log.Warn("heartbeat", "err", err)
		}
	}
}

func (s *Server) loop(sock socket, mu *sync.Mutex, name string) {
	for {
		frames, err := sock.Recv()
		if err != nil {
			if s.stopped() {
				return
			}
			s.log.Warn("receive failed", "socket", name, "err", err)
			time.Sleep(10 * time.Millisecond)
			continue
		}
		m, err := s.sig.Decode(frames)
		if err != nil {
			s.log.Warn("dropped message", "socket", name, "err", err)
			continue
		}
		s.handle(sock, mu, name, m)
	}
}

func (s *Server) stdinLoop() {
	for {
		frames, err := s.stdin.Recv()
		if err != nil {
			if s.stopped() {
				return
			}
			time.Sleep(10 * time.Millisecond)
			continue
		}
		m, err := s.sig.Decode(frames)
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

func (s *Server) send(sock socket, mu *sync.Mutex, m *Message) {
	frames, err := s.sig.Encode(m)
	if err != nil {
		s.log.Error("encode failed", "err", err)
		return
	}
	mu.Lock()
	defer mu.Unlock()
	if err := sock.Send(frames); err != nil {
		s.log.Warn("send failed", "type", m.Header.MsgType, "err", err)
	}
}

// reply sends a reply on the socket the request came from.
func (s *Server) reply(sock socket, mu *sync.Mutex, req *Message, typ string, content any) {
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

// decode unmarshals the content of m into v. Content that does not fit is
// logged and, for a request, answered with an error reply; decode then
// returns false.
func (s *Server) decode(sock socket, mu *sync.Mutex, m *Message, v any) bool {
	err := json.Unmarshal(m.Content, v)
	if err == nil {
		return true
	}
	s.log.Warn("bad content", "type", m.Header.MsgType, "err", err)
	if typ, ok := strings.CutSuffix(m.Header.MsgType, "_request"); ok {
		evalue := fmt.Sprintf("the content of %s does not decode: %v", m.Header.MsgType, err)
		s.reply(sock, mu, m, typ+"_reply", map[string]any{"status": "error", "ename": "BadRequest", "evalue": evalue, "traceback": []string{"BadRequest: " + evalue}})
	}
	return false
}

// interruptContext returns the context the next interrupt cancels.
func (s *Server) interruptContext() context.Context {
	s.intMu.Lock()
	defer s.intMu.Unlock()
	return s.interrupt
}

// interruptAll cancels the current interrupt context and starts a new one.
func (s *Server) interruptAll() {
	s.intMu.Lock()
	defer s.intMu.Unlock()
	s.cancel()
	s.interrupt, s.cancel = context.WithCancel(context.Background())
}

func (s *Server) handle(sock socket, mu *sync.Mutex, name string, m *Message) {
	switch m.Header.MsgType {
	case "execute_request":
		var c executeRequest
		if s.decode(sock, mu, m, &c) {
			s.execQueue <- &execution{m: m, req: c, ctx: s.interruptContext()}
			call(s.hooks.queued)
		}
		return
	case "shutdown_request":
		var c struct {
			Restart bool `json:"restart"`
		}
		if !s.decode(sock, mu, m, &c) {
			return
		}
		s.status(m, "busy")
		s.interruptAll()
		s.reply(sock, mu, m, "shutdown_reply", map[string]any{"status": "ok", "restart": c.Restart})
		s.status(m, "idle")
		s.Shutdown()
		return
	case "interrupt_request":
		s.interruptAll()
		if i, ok := s.exec.(interface{ InterruptIdle() }); ok && !s.executing.Load() {
			i.InterruptIdle() // stops code that runs outside cells (widget callbacks)
		}
		s.reply(sock, mu, m, "interrupt_reply", map[string]any{"status": "ok"})
		return
	}
	if m.Header.MsgType == "kernel_info_request" {
		s.awaitIOPub()
	}
	s.status(m, "busy")
	defer s.status(m, "idle")
	switch m.Header.MsgType {
	case "kernel_info_request":
		s.reply(sock, mu, m, "kernel_info_reply", kernelInfo(s.version))
	case "is_complete_request":
		var c struct {
			Code string `json:"code"`
		}
		if !s.decode(sock, mu, m, &c) {
			return
		}
		st, indent := s.exec.IsComplete(c.Code)
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
		if !s.decode(sock, mu, m, &c) {
			return
		}
		r := s.exec.Complete(c.Code, c.CursorPos)
		if r.Matches == nil {
			r.Matches = []string{}
		}
		s.reply(sock, mu, m, "complete_reply", map[string]any{"status": "ok", "matches": r.Matches,
			"cursor_start": r.Start, "cursor_end": r.End, "metadata": map[string]any{}})
	case "inspect_request":
		var c struct {
			Code        string `json:"code"`
			CursorPos   int    `json:"cursor_pos"`
			DetailLevel int    `json:"detail_level"`
		}
		if !s.decode(sock, mu, m, &c) {
			return
		}
		r := s.exec.Inspect(c.Code, c.CursorPos, c.DetailLevel)
		data := map[string]any{}
		for k, v := range r.Data {
			data[k] = v
		}
		s.reply(sock, mu, m, "inspect_reply", map[string]any{"status": "ok", "found": len(r.Data) > 0, "data": data, "metadata": map[string]any{}})
	case "history_request":
		var c history.Request
		if !s.decode(sock, mu, m, &c) {
			return
		}
		h := [][]any{}
		if s.history != nil {
			h = s.history.Query(c)
		}
		s.reply(sock, mu, m, "history_reply", map[string]any{"status": "ok", "history": h})
	case "comm_info_request":
		var c struct {
			TargetName string `json:"target_name"`
		}
		if !s.decode(sock, mu, m, &c) {
			return
		}
		comms := map[string]any{}
		s.commsMu.Lock()
		for id, t := range s.comms {
			if c.TargetName == "" || c.TargetName == t {
				comms[id] = map[string]string{"target_name": t}
			}
		}
		s.commsMu.Unlock()
		s.reply(sock, mu, m, "comm_info_reply", map[string]any{"status": "ok", "comms": comms})
	case "comm_open", "comm_msg", "comm_close":
		s.handleComm(sock, mu, m)
	default:
		s.log.Info("unhandled message", "type", m.Header.MsgType, "socket", name)
	}
}

func kernelInfo(version string) map[string]any {
	return map[string]any{
		"status":                 "ok",
		"protocol_version":       ProtocolVersion,
		"implementation":         "lingo",
		"implementation_version": version,
		"language_info": map[string]any{
			"name":               "go",
			"version":            strings.TrimPrefix(runtime.Version(), "go"),
			"mimetype":           "text/x-go",
			"file_extension":     ".go",
			"pygments_lexer":     "go",
			"codemirror_mode":    "go",
			"nbconvert_exporter": "",
		},
		"banner":     "Lingo " + version + " — compiled Go cells whose state stays in memory. %help lists the magics.",
		"debugger":   false,
		"help_links": []map[string]string{{"text": "Go documentation", "url": "https://go.dev/doc/"}},
	}
}

// iopubWait bounds how long a kernel_info_request waits for a subscriber
// on iopub.
var iopubWait = 300 * time.Millisecond

// awaitIOPub waits, up to iopubWait, until some front end subscribes to
// iopub. A front end that has just connected sends kernel_info_request and
// then waits for any iopub message to know that iopub works (jupyter_client
// waits 0.2 s, then asks again); a "busy" published before its
// subscription has arrived is lost, so a start took 0.2 s longer half the
// time. Once a subscriber is there it returns at once.
func (s *Server) awaitIOPub() {
	n, ok := s.iopub.(interface{ Subscribers() int })
	if !ok {
		return
	}
	deadline := time.Now().Add(iopubWait)
	for n.Subscribers() == 0 && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
}
