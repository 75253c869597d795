package kernel

import (
	"context"

	"github.com/lingo-nlp/lingo/kernel/engine"
	"github.com/lingo-nlp/lingo/kernel/jupyter"
)

// startingEngine is the kernel's Executor: the engine (session directory,
// worker) is created in the background while the server already listens,
// so a frontend's kernel_info_request is answered at once; every call
// waits for the engine. If it could not be created, cells report why.
type startingEngine struct {
	ready chan struct{}
	e     *engine.Engine
	err   error
}

func newStartingEngine() *startingEngine { return &startingEngine{ready: make(chan struct{})} }

// start creates the engine in the background.
func (s *startingEngine) start() {
	go func() {
		defer close(s.ready)
		s.e, s.err = engine.New()
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
