package plots

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
)

// A Sink shows bundles. The kernel worker installs one that sends Jupyter
// display_data / update_display_data messages; the default prints text/plain.
type Sink interface {
	// Display shows b. If id is not empty the display can later be replaced
	// by a call with update set and the same id.
	Display(b Bundle, id string, update bool) error
	// Clear clears the output of the current cell; with wait, the clear
	// happens when the next output arrives (no flicker).
	Clear(wait bool) error
}

var (
	sinkMu  sync.RWMutex
	current Sink = defaultSink()
	nextID  atomic.Int64
)

// defaultSink is the GoNB sink when the program runs under GoNB, else the
// text sink on standard output.
func defaultSink() Sink {
	if s, ok := NewGoNBSinkFromEnv(); ok {
		return s
	}
	return &TextSink{W: os.Stdout}
}

// SetSink installs s as the destination of Display, Update and Clear and
// returns the previous sink. A nil s restores the default sink (GoNB's
// under GoNB, else text on standard output).
func SetSink(s Sink) (previous Sink) {
	if s == nil {
		s = defaultSink()
	}
	sinkMu.Lock()
	defer sinkMu.Unlock()
	previous, current = current, s
	return previous
}

// CurrentSink returns the installed sink.
func CurrentSink() Sink {
	sinkMu.RLock()
	defer sinkMu.RUnlock()
	return current
}

// NewDisplayID returns a fresh display id for Display/Update pairs.
func NewDisplayID() string {
	return "lingo-" + strconv.Itoa(os.Getpid()) + "-" + strconv.FormatInt(nextID.Add(1), 10)
}

// DisplayID names a display so that Update can replace it. As the value of
// a notebook cell it shows nothing (like IPython's display(), which returns
// None).
type DisplayID string

// AlreadyShown is implemented by values that showed themselves when they
// were made (a widgets.Interactive): as the value of a notebook cell they
// show nothing more, like a DisplayID.
type AlreadyShown interface {
	AlreadyShown()
}

// Display renders v and shows it; it returns the display id that Update
// takes to replace the display in place. Errors from the sink are reported on
// standard error, never returned, so Display can be called as a statement.
func Display(v any) DisplayID {
	id := NewDisplayID()
	if err := CurrentSink().Display(Render(v), id, false); err != nil {
		fmt.Fprintln(os.Stderr, "plots:", err)
	}
	return DisplayID(id)
}

// Update replaces the display with the given id (from Display) by v.
func Update(id DisplayID, v any) {
	if err := CurrentSink().Display(Render(v), string(id), true); err != nil {
		fmt.Fprintln(os.Stderr, "plots:", err)
	}
}

// Clear clears the current cell's output (in a kernel); with wait the clear
// happens when the next output arrives.
func Clear(wait bool) {
	if err := CurrentSink().Clear(wait); err != nil {
		fmt.Fprintln(os.Stderr, "plots:", err)
	}
}

// TextSink prints the text/plain form of each bundle to W. Updates print
// again; Clear does nothing. It is the default sink outside a kernel.
type TextSink struct {
	W  io.Writer
	mu sync.Mutex
}

// Display writes b's text/plain form followed by a newline.
func (s *TextSink) Display(b Bundle, id string, update bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := fmt.Fprintln(s.W, b[MIMEText])
	return err
}

// Clear does nothing for a text sink.
func (s *TextSink) Clear(wait bool) error { return nil }
