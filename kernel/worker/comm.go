package worker

import (
	"github.com/lingo-nlp/lingo/kernel/rt"
	"github.com/lingo-nlp/lingo/plots"
	"github.com/lingo-nlp/lingo/plots/comm"

	// The widgets package answers the version and control comms that
	// widget front ends open when they connect, before any cell has
	// imported it, so the worker links it.
	_ "github.com/lingo-nlp/lingo/plots/widgets"
)

// cellRunning is true from a run command until its "done" event; it is
// read and written under eventsMu, so every event is marked Background or
// not consistently with the kernel's view of the cell.
var cellRunning bool

// background reports whether an event of this kind, sent now, is a comm
// message that belongs to no cell. The caller holds eventsMu.
func background(op EventOp) bool {
	return op == EvComm && !cellRunning
}

// beginRun marks a cell as running, closes the comms of the previous run
// of the same cell and makes the comms opened from now on the cell's.
func beginRun(cell string) {
	eventsMu.Lock()
	cellRunning = true
	eventsMu.Unlock()
	comm.CloseOwned(cell)
	comm.SetOwner(cell)
}

// endRun sends the "done" event done; from then on comm events are
// background.
func endRun(done Event) {
	comm.SetOwner("")
	eventsMu.Lock()
	defer eventsMu.Unlock()
	if events != nil {
		_ = events.Encode(done)
	}
	cellRunning = false
}

// commTransport sends the comm messages of cell code to the kernel.
type commTransport struct{}

func (commTransport) Send(f comm.Frame) error {
	if f.Type != comm.TypeClose {
		flushStdout() // keep order with what the cell printed before
	}
	send(Event{Op: EvComm, Comm: &f})
	return nil
}

// deliverComm hands a comm message from the front end to package comm.
// A message that arrives while no cell runs after an interrupt first
// clears the interrupt, so that callbacks it starts run normally (the
// interrupt stopped the callbacks that were running when it came).
func deliverComm(c Command) {
	if c.Comm == nil {
		return
	}
	eventsMu.Lock()
	idle := !cellRunning
	eventsMu.Unlock()
	if idle && rt.Interrupted() {
		rt.BeginCell()
	}
	comm.Deliver(*c.Comm)
}

// dropEmptyText removes an empty text/plain from a bundle that has other
// types, so that front ends which know none of them show nothing (a
// protocol-1 widget view: the widget shows itself in its own area).
func dropEmptyText(b plots.Bundle) plots.Bundle {
	if t, ok := b[plots.MIMEText]; !ok || t != "" || len(b) < 2 {
		return b
	}
	c := make(plots.Bundle, len(b)-1)
	for k, v := range b {
		if k != plots.MIMEText {
			c[k] = v
		}
	}
	return c
}
