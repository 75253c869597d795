package plots

import (
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// The GoNB protocol (github.com/janpfeifer/gonb, gonbui/protocol, v0.11.1),
// reimplemented so that Lingo displays in GoNB notebooks without depending
// on the gonb module:
//
//   - GoNB runs each cell as a program with GONB_PIPE and GONB_PIPE_BACK in
//     its environment, the paths of two named pipes (FIFOs). The program
//     opens GONB_PIPE for writing and sends a stream of encoding/gob values
//     of type protocol.DisplayData{Data map[MIMEType]any; Metadata
//     map[string]any; DisplayID string}. gob matches struct fields by name
//     and MIMEType is a string, so any struct with fields Data
//     map[string]any and DisplayID string decodes into it.
//   - GoNB publishes Data as a Jupyter display_data message; a non-empty
//     DisplayID makes it display_data with transient.display_id the first
//     time and update_display_data afterwards.
//   - A Data entry "gonb/comm_value" holding a protocol.CommValue{Address:
//     "#gonbui/sync", Value: n} asks GoNB to acknowledge: after publishing
//     everything sent before it, GoNB writes a gob *protocol.CommValue
//     {Address: "#gonbui/sync_ack", Value: n} to GONB_PIPE_BACK. Interface
//     values travel with their gob-registered name, so our CommValue is
//     registered under GoNB's name "github.com/janpfeifer/gonb/gonbui/
//     protocol.CommValue".
//   - When the program exits GoNB closes the pipes; output still in the
//     pipe is lost, which is why the sink waits for an acknowledgement after
//     each display.
const (
	gonbPipeEnv      = "GONB_PIPE"
	gonbPipeBackEnv  = "GONB_PIPE_BACK"
	gonbCommValue    = "gonb/comm_value"
	gonbSyncAddress  = "#gonbui/sync"
	gonbSyncAck      = "#gonbui/sync_ack"
	gonbCommTypeName = "github.com/janpfeifer/gonb/gonbui/protocol.CommValue"
)

// gonbDisplayData mirrors protocol.DisplayData without Metadata. It avoids
// every named type that gonbui itself sends, so the gob type definitions of
// the two encoders cannot clash if a program also uses gonbui.
type gonbDisplayData struct {
	Data      map[string]any
	DisplayID string
}

// gonbComm mirrors protocol.CommValue.
type gonbComm struct {
	Address string
	Request bool
	Value   any
}

// canSync reports whether gonbComm could be registered under GoNB's name;
// it cannot when gonbui is linked into the same program (it registered its
// own type under that name first), and then the sink does not sync.
var canSync = sync.OnceValue(func() (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	gob.RegisterName(gonbCommTypeName, gonbComm{})
	return true
})

// GoNBSink sends bundles to the GoNB kernel through its named pipe, so
// Display, Update and progress bars work in GoNB notebooks. It is installed
// automatically when the program runs under GoNB (GONB_PIPE is set).
//
// Bundles are translated as GoNB's own gonbui does: SVG is sent wrapped in
// HTML (Jupyter's HTML export handles that better), PNG as base64 text,
// application/json is dropped. Clear does nothing: GoNB has no
// clear_output. After each display the sink waits (at most SyncTimeout) for
// GoNB to acknowledge it, so output is not lost when the program exits.
type GoNBSink struct {
	// Pipe and PipeBack are the paths from GONB_PIPE and GONB_PIPE_BACK.
	// PipeBack may be empty: then the sink does not wait for
	// acknowledgements.
	Pipe, PipeBack string
	// SyncTimeout bounds the wait for an acknowledgement; 0 means 5 s.
	SyncTimeout time.Duration

	mu     sync.Mutex
	w      io.WriteCloser
	enc    *gob.Encoder
	back   *os.File
	dec    *gob.Decoder
	err    error // sticky: a broken pipe stays broken
	noSync bool
	syncID int
}

var _ Sink = (*GoNBSink)(nil)

// NewGoNBSinkFromEnv returns a GoNBSink for the pipes named in the
// environment, or false when the program does not run under GoNB.
func NewGoNBSinkFromEnv() (*GoNBSink, bool) {
	p := os.Getenv(gonbPipeEnv)
	if p == "" {
		return nil, false
	}
	return &GoNBSink{Pipe: p, PipeBack: os.Getenv(gonbPipeBackEnv)}, true
}

// gonbData translates a bundle to GoNB's Data map.
func gonbData(b Bundle) map[string]any {
	d := make(map[string]any, len(b))
	for mime, v := range b {
		switch mime {
		case MIMEJSON:
			continue // GoNB would publish it as a JSON string, not an object
		case MIMESVG:
			if _, ok := b[MIMEHTML]; !ok {
				svg := v
				if i := strings.Index(svg, "<svg"); i > 0 {
					svg = svg[i:] // drop the XML prolog inside HTML
				}
				d[MIMEHTML] = "<div>" + svg + "</div>"
			}
			continue
		}
		if strings.HasSuffix(mime, "+json") {
			continue
		}
		d[mime] = v
	}
	return d
}

// Display sends b; GoNB shows it, or replaces the display with the same id
// when update is set.
func (s *GoNBSink) Display(b Bundle, id string, update bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.open(); err != nil {
		return err
	}
	if err := s.enc.Encode(&gonbDisplayData{Data: gonbData(b), DisplayID: id}); err != nil {
		return s.fail(fmt.Errorf("plots: writing to GoNB pipe: %w", err))
	}
	return s.sync()
}

// Clear does nothing: the GoNB protocol has no clear_output.
func (s *GoNBSink) Clear(wait bool) error { return nil }

func (s *GoNBSink) fail(err error) error {
	s.err = err
	if s.w != nil {
		s.w.Close()
	}
	if s.back != nil {
		s.back.Close()
	}
	return err
}

func (s *GoNBSink) timeout() time.Duration {
	if s.SyncTimeout > 0 {
		return s.SyncTimeout
	}
	return 5 * time.Second
}

func (s *GoNBSink) open() error {
	if s.err != nil {
		return s.err
	}
	if s.w != nil {
		return nil
	}
	f, err := openFIFO(s.Pipe, true, s.timeout())
	if err != nil {
		return s.fail(fmt.Errorf("plots: opening GoNB pipe: %w", err))
	}
	s.w, s.enc = f, gob.NewEncoder(f)
	if s.PipeBack == "" || !canSync() {
		s.noSync = true
		return nil
	}
	back, err := openFIFO(s.PipeBack, false, s.timeout())
	if err != nil {
		s.noSync = true // displays still work, only without acknowledgement
		return nil
	}
	s.back = back
	s.dec = gob.NewDecoder(eofRetry{back})
	return nil
}

// sync asks GoNB to acknowledge everything sent so far and waits for it.
func (s *GoNBSink) sync() error {
	if s.noSync {
		return nil
	}
	s.syncID++
	msg := &gonbDisplayData{Data: map[string]any{
		gonbCommValue: gonbComm{Address: gonbSyncAddress, Value: s.syncID},
	}}
	if err := s.enc.Encode(msg); err != nil {
		return s.fail(fmt.Errorf("plots: writing to GoNB pipe: %w", err))
	}
	if err := s.back.SetReadDeadline(time.Now().Add(s.timeout())); err != nil {
		s.noSync = true
		return nil
	}
	for {
		var ack gonbComm
		if err := s.dec.Decode(&ack); err != nil {
			// A half-read stream cannot be resumed: stop syncing, keep displaying.
			s.noSync = true
			return nil
		}
		if id, ok := ack.Value.(int); ack.Address == gonbSyncAck && ok && id == s.syncID {
			return nil
		}
	}
}

// eofRetry turns the end-of-file a FIFO reports before its writer has
// connected into a short wait; the file's read deadline bounds the total.
type eofRetry struct{ f *os.File }

func (r eofRetry) Read(p []byte) (int, error) {
	for {
		n, err := r.f.Read(p)
		if n > 0 || err != io.EOF {
			return n, err
		}
		time.Sleep(2 * time.Millisecond)
		// A deadline in the past makes the next Read fail with a timeout.
	}
}
