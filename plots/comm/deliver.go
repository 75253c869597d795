package comm

import (
	"encoding/json"
	"fmt"
	"runtime/debug"
	"sync"
)

// The queue of frames from the front end, handled in order by one
// goroutine so that Deliver never blocks the caller (the worker's reader
// of kernel commands).
var (
	qmu     sync.Mutex
	qcond   = sync.NewCond(&qmu)
	queue   []Frame
	running bool
	busy    int // frames taken from the queue and not yet handled
)

// Deliver hands a frame from the front end to the comms: a comm_open
// creates a comm and calls its target's open function (or, for an unknown
// target, closes it again, as the messaging specification asks); a
// comm_msg calls the comm's OnMessage function; a comm_close closes the
// comm and calls its OnClose function. Deliver returns at once; frames are
// handled in order on a goroutine of this package.
func Deliver(f Frame) {
	qmu.Lock()
	queue = append(queue, f)
	if !running {
		running = true
		go drain()
	}
	qcond.Broadcast()
	qmu.Unlock()
}

func drain() {
	// drain only ever ends by runtime.Goexit in a handler (cell code that
	// checks for an interrupt ends its goroutine that way): count the frame
	// as handled and carry on in a new goroutine.
	defer func() {
		qmu.Lock()
		busy--
		qcond.Broadcast()
		qmu.Unlock()
		go drain()
	}()
	qmu.Lock()
	for {
		for len(queue) == 0 {
			qcond.Wait()
		}
		f := queue[0]
		queue[0] = Frame{}
		queue = queue[1:]
		busy++
		qmu.Unlock()
		handle(f)
		qmu.Lock()
		busy--
		qcond.Broadcast()
	}
}

// Flush waits until every frame delivered so far has been handled.
func Flush() {
	qmu.Lock()
	for len(queue) > 0 || busy > 0 {
		qcond.Wait()
	}
	qmu.Unlock()
}

func handle(f Frame) {
	m := Message{Data: f.Data, Metadata: f.Metadata, Buffers: f.Buffers, Ref: f.Ref}
	if len(m.Data) == 0 {
		m.Data = json.RawMessage("{}")
	}
	switch f.Type {
	case TypeOpen:
		mu.Lock()
		open := targets[f.Target]
		_, exists := comms[f.CommID]
		var c *Comm
		if open != nil && !exists {
			c = &Comm{id: f.CommID, target: f.Target, closed: make(chan struct{})}
			comms[f.CommID] = c
		}
		mu.Unlock()
		if c == nil {
			if !exists {
				_ = send(Frame{Type: TypeClose, CommID: f.CommID, Data: json.RawMessage("{}"), Ref: f.Ref})
			}
			return
		}
		call("opening "+f.Target, func() { open(c, m) })
	case TypeMsg:
		c, ok := Lookup(f.CommID)
		if !ok {
			return
		}
		c.mu.Lock()
		h := c.onMsg
		c.mu.Unlock()
		if h != nil {
			call("message on "+c.target, func() { h(m) })
		}
	case TypeClose:
		c, ok := Lookup(f.CommID)
		if !ok || !c.markClosed() {
			return
		}
		c.mu.Lock()
		h := c.onClose
		c.mu.Unlock()
		if h != nil {
			call("closing "+c.target, func() { h(m) })
		}
	}
}

// call runs a handler, reporting a panic instead of dying of it.
func call(what string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			report(what, fmt.Sprintf("%v\n%s", r, debug.Stack()))
		}
	}()
	f()
}
