package kernel

import (
	"context"
	"sync"

	"github.com/lingo-nlp/lingo/kernel/engine"
	"github.com/lingo-nlp/lingo/kernel/jupyter"
)

// startingEngine is the kernel's Executor: the engine (session directory,
// worker) is created in the background while the server already listens,
// so a frontend's kernel_info_request is answered at once; every call
// waits for the engine. If it could not be created, cells report why.
// It is a jupyter.CommHost like the engine: comm messages that arrive
// before the engine exists are kept and handed to it in order.
type startingEngine struct {
	ready chan struct{}
	e     *engine.Engine
	err   error
	peer  jupyter.CommPeer // set by the Server before start
	cfg   engine.Config    // the engine's configuration (lingo kernel's limits)

	mu      sync.Mutex
	started bool              // e and err are set, pending was handed on
	pending []jupyter.CommMsg // comm messages from before that
}

func newStartingEngine() *startingEngine { return &startingEngine{ready: make(chan struct{})} }

// start creates the engine in the background.
func (s *startingEngine) start() {
	go func() {
		defer close(s.ready)
		e, err := engine.New(s.cfg)
		if e != nil && s.peer != nil {
			e.SetCommPeer(s.peer)
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		s.e, s.err, s.started = e, err, true
		for _, m := range s.pending {
			s.handleComm(m)
		}
		s.pending = nil
	}()
}

func (s *startingEngine) engine() *engine.Engine {
	<-s.ready
	return s.e
}

func (s *startingEngine) Execute(ctx context.Context, c jupyter.Cell, out jupyter.Output) error {
	e := s.engine()
	if e == nil {
		out.Error("KernelError", s.err.Error(), []string{"KernelError: " + s.err.Error()})
		return s.err
	}
	return e.Execute(ctx, c, out)
}

func (s *startingEngine) Complete(code string, cursor int) jupyter.Completion {
	if e := s.engine(); e != nil {
		return e.Complete(code, cursor)
	}
	return jupyter.Completion{Start: cursor, End: cursor}
}

func (s *startingEngine) Inspect(code string, cursor, detail int) jupyter.Inspection {
	if e := s.engine(); e != nil {
		return e.Inspect(code, cursor, detail)
	}
	return jupyter.Inspection{}
}

func (s *startingEngine) IsComplete(code string) (status, indent string) {
	if e := s.engine(); e != nil {
		return e.IsComplete(code)
	}
	return "unknown", ""
}

func (s *startingEngine) Close() {
	if e := s.engine(); e != nil {
		e.Close()
	}
}

// SetCommPeer implements jupyter.CommHost; the Server calls it before start.
func (s *startingEngine) SetCommPeer(p jupyter.CommPeer) { s.peer = p }

// HandleComm implements jupyter.CommHost without blocking: before the
// engine exists the message waits in pending.
func (s *startingEngine) HandleComm(m jupyter.CommMsg) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.started {
		s.pending = append(s.pending, m)
		return
	}
	s.handleComm(m)
}

// handleComm hands m to the engine; without one, a comm the front end
// opens is closed, as for a kernel with no comm targets. s.mu is held.
func (s *startingEngine) handleComm(m jupyter.CommMsg) {
	if s.e != nil {
		s.e.HandleComm(m)
	} else if m.Type == "comm_open" && s.peer != nil {
		s.peer.SendComm(jupyter.CommMsg{Type: "comm_close", CommID: m.CommID, Ref: m.Ref})
	}
}

// InterruptIdle stops the code the worker runs while no cell runs, once the
// engine exists.
func (s *startingEngine) InterruptIdle() {
	s.mu.Lock()
	e := s.e
	s.mu.Unlock()
	if e != nil {
		e.InterruptIdle()
	}
}
