package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"sync"

	"github.com/lingo-nlp/lingo/kernel/jupyter"
	"github.com/lingo-nlp/lingo/kernel/worker"
	"github.com/lingo-nlp/lingo/plots/comm"
)

var _ jupyter.CommHost = (*Engine)(nil)

// comms is the engine's side of comm routing: messages from the front end
// queued for the worker, and the comms that are open, so that a worker's
// death can be told to the front end and a new worker can learn of the
// comms the front end opened.
type comms struct {
	mu    sync.Mutex
	peer  jupyter.CommPeer
	queue []jupyter.CommMsg
	wake  chan struct{}
	open  map[string]commRec
}

// commRec is an open comm: who opened it, and (if the front end did) its
// comm_open, replayed to a new worker.
type commRec struct {
	byFrontEnd bool
	w          *workerProc // the worker that opened it, if not the front end
	opening    jupyter.CommMsg
}

// SetCommPeer implements jupyter.CommHost.
func (e *Engine) SetCommPeer(p jupyter.CommPeer) {
	e.comms.mu.Lock()
	defer e.comms.mu.Unlock()
	if e.comms.peer != nil {
		return
	}
	e.comms.peer = p
	e.comms.wake = make(chan struct{}, 1)
	go e.forwardComms()
}

// HandleComm implements jupyter.CommHost: the message is queued and
// forwarded to the worker (once it has started) in order.
func (e *Engine) HandleComm(m jupyter.CommMsg) {
	e.comms.mu.Lock()
	e.comms.queue = append(e.comms.queue, m)
	wake := e.comms.wake
	e.comms.mu.Unlock()
	if wake != nil {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
}

// InterruptIdle stops the code the worker runs while no cell runs (widget
// callbacks, a training started by a button): the Server calls it for an
// interrupt_request that comes when no cell is executing.
func (e *Engine) InterruptIdle() {
	e.wmu.Lock()
	w := e.w
	e.wmu.Unlock()
	if w != nil && !w.dead() {
		w.send(worker.Command{Op: worker.CmdInterruptIdle})
	}
}

func (e *Engine) commPeer() jupyter.CommPeer {
	e.comms.mu.Lock()
	defer e.comms.mu.Unlock()
	return e.comms.peer
}

// forwardComms sends queued front-end comm messages to the worker.
func (e *Engine) forwardComms() {
	<-e.ready
	for range e.comms.wake {
		for {
			e.comms.mu.Lock()
			if len(e.comms.queue) == 0 {
				e.comms.mu.Unlock()
				break
			}
			m := e.comms.queue[0]
			e.comms.queue = e.comms.queue[1:]
			e.comms.mu.Unlock()
			e.forwardComm(m)
		}
	}
}

func (e *Engine) forwardComm(m jupyter.CommMsg) {
	e.wmu.Lock()
	w := e.w
	e.wmu.Unlock()
	if w == nil || w.dead() {
		if m.Type == comm.TypeOpen {
			e.commPeer().SendComm(jupyter.CommMsg{Type: comm.TypeClose, CommID: m.CommID, Ref: m.Ref})
		}
		return
	}
	e.track(m, nil)
	w.send(worker.Command{Op: worker.CmdComm, Comm: toFrame(m)})
}

// track keeps the table of open comms up to date with m, sent by worker w
// or (w nil) by the front end.
func (e *Engine) track(m jupyter.CommMsg, w *workerProc) {
	e.comms.mu.Lock()
	defer e.comms.mu.Unlock()
	if e.comms.open == nil {
		e.comms.open = map[string]commRec{}
	}
	switch m.Type {
	case comm.TypeOpen:
		r := commRec{byFrontEnd: w == nil, w: w}
		if w == nil {
			r.opening = m
		}
		e.comms.open[m.CommID] = r
	case comm.TypeClose:
		delete(e.comms.open, m.CommID)
	}
}

// emitComm publishes a comm event of the worker, in order with its
// output: one sent while a cell ran goes through the Output it runs with
// (the cell's request is its parent); one sent while no cell ran goes
// through the peer (the front end's message it answers, or its last comm
// message, is its parent).
func (w *workerProc) emitComm(ev worker.Event) {
	w.outMu.Lock()
	defer w.outMu.Unlock()
	if w.onComm != nil {
		w.onComm(w, ev, w.out)
	}
}

// commEvent is a worker's onComm.
func (e *Engine) commEvent(w *workerProc, ev worker.Event, out jupyter.Output) {
	if ev.Comm == nil {
		return
	}
	m := fromFrame(ev.Comm)
	e.track(m, w)
	if co, ok := out.(jupyter.CommOutput); ok && !ev.Background {
		co.Comm(m)
		return
	}
	if p := e.commPeer(); p != nil {
		p.SendComm(m)
	}
}

// serve starts serving a new worker: its comm events are published, it
// is told of the comms the front end has open, and when it exits the
// comms it opened are closed in the front end.
func (e *Engine) serve(w *workerProc) {
	w.outMu.Lock()
	w.onComm = e.commEvent
	w.outMu.Unlock()
	go func() {
		<-w.exited
		<-w.eventsDone // its last comm events are tracked
		e.workerGone(w)
	}()
	e.comms.mu.Lock()
	var replay []jupyter.CommMsg
	for _, r := range e.comms.open {
		if r.byFrontEnd {
			replay = append(replay, r.opening)
		}
	}
	e.comms.mu.Unlock()
	for _, m := range replay {
		w.send(worker.Command{Op: worker.CmdComm, Comm: toFrame(m)})
	}
}

// workerGone closes, in the front end, every comm the dead worker w opened.
func (e *Engine) workerGone(w *workerProc) {
	p := e.commPeer()
	e.comms.mu.Lock()
	var ids []string
	for id, r := range e.comms.open {
		if r.w == w {
			ids = append(ids, id)
			delete(e.comms.open, id)
		}
	}
	e.comms.mu.Unlock()
	if p == nil {
		return
	}
	for _, id := range ids {
		p.SendComm(jupyter.CommMsg{Type: comm.TypeClose, CommID: id})
	}
}

// cellKey identifies the cell an Execute runs: its notebook id when the
// front end sent one, else a hash of its code. Comms of a cell's previous
// run are closed when the cell runs again.
func cellKey(id, code string) string {
	if id != "" {
		return "id:" + id
	}
	h := sha256.Sum256([]byte(code))
	return "code:" + hex.EncodeToString(h[:12])
}

func toFrame(m jupyter.CommMsg) *comm.Frame {
	return &comm.Frame{Type: m.Type, CommID: m.CommID, Target: m.Target, Data: m.Data,
		Metadata: m.Metadata, Buffers: m.Buffers, Ref: m.Ref}
}

func fromFrame(f *comm.Frame) jupyter.CommMsg {
	return jupyter.CommMsg{Type: f.Type, CommID: f.CommID, Target: f.Target, Data: f.Data,
		Metadata: f.Metadata, Buffers: f.Buffers, Ref: f.Ref}
}
