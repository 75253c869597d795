package jupyter

import (
	"encoding/json"
	"sync"
)

// CommMsg is a comm message — comm_open, comm_msg or comm_close — going
// either way between the front end and the kernel ("Custom Messages" in
// the messaging specification).
type CommMsg struct {
	// Type is "comm_open", "comm_msg" or "comm_close".
	Type   string
	CommID string
	// Target is the target name of a comm_open.
	Target string
	// Data is the content's data, a JSON object.
	Data json.RawMessage
	// Metadata is the message's metadata (the widget protocol puts its
	// version there), a JSON object or empty.
	Metadata json.RawMessage
	Buffers  [][]byte
	// Ref names a message from the front end: the Server sets it on what
	// it hands to HandleComm; on a message sent through a CommPeer it
	// makes that front-end message the parent. Zero means none.
	Ref uint64
}

// CommHost is implemented by an Executor whose code opens comms and
// answers the front end's (kernel/engine routes them to its worker). The
// Server hands it every comm message from the front end, whether or not a
// cell is running. Without a CommHost the Server closes every comm a
// front end opens, as the specification asks of a kernel with no targets.
type CommHost interface {
	// SetCommPeer is called once, before any HandleComm, with the way to
	// the front end for comm messages and output outside cells.
	SetCommPeer(p CommPeer)
	// HandleComm receives a comm message from the front end. It is called
	// on the goroutine that reads requests and must not block.
	HandleComm(m CommMsg)
}

// CommPeer is how a CommHost sends comm messages outside the Output of a
// running cell (widget callbacks, a comm's answers).
type CommPeer interface {
	// SendComm publishes m on iopub. Its parent is the front-end message
	// m.Ref names if the Server still remembers it, else the front end's
	// last comm message.
	SendComm(m CommMsg)
}

// CommOutput is implemented by the Output the Server gives a running
// cell: comm messages the cell sends go out in order with the rest of its
// output. With Ref zero their parent is the cell's execute_request.
type CommOutput interface {
	Comm(m CommMsg)
}

// cellIDOf reads the cell id from an execute_request's metadata.
func cellIDOf(meta json.RawMessage) string {
	var m struct {
		CellID  string `json:"cellId"`
		CellID2 string `json:"cell_id"`
	}
	if json.Unmarshal(meta, &m) != nil {
		return ""
	}
	if m.CellID != "" {
		return m.CellID
	}
	return m.CellID2
}

// commRefs remembers the front end's recent comm messages by the Ref the
// Server gave them, so that replies can name them as parent.
type commRefs struct {
	mu   sync.Mutex
	next uint64
	msgs map[uint64]*Message
	last *Message
}

// keep is how many front-end comm messages are remembered.
const keep = 512

func (r *commRefs) add(m *Message) uint64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.msgs == nil {
		r.msgs = map[uint64]*Message{}
	}
	r.next++
	r.msgs[r.next] = m
	delete(r.msgs, r.next-keep)
	r.last = m
	return r.next
}

func (r *commRefs) get(ref uint64) *Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	if m, ok := r.msgs[ref]; ok {
		return m
	}
	return r.last
}

// commContent is the content of a comm message on the wire.
func commContent(m CommMsg) map[string]any {
	data := m.Data
	if len(data) == 0 {
		data = json.RawMessage("{}")
	}
	c := map[string]any{"comm_id": m.CommID, "data": data}
	if m.Type == "comm_open" {
		c["target_name"] = m.Target
	}
	return c
}

// publishComm publishes a comm message with parent as its parent header
// and keeps the table of open comms that comm_info reports.
func (s *Server) publishComm(parent *Message, m CommMsg) {
	switch m.Type {
	case "comm_open":
		s.commsMu.Lock()
		s.comms[m.CommID] = m.Target
		s.commsMu.Unlock()
	case "comm_close":
		s.commsMu.Lock()
		delete(s.comms, m.CommID)
		s.commsMu.Unlock()
	case "comm_msg":
	default:
		s.log.Warn("not a comm message", "type", m.Type)
		return
	}
	msg, err := newMessage(m.Type, s.session, parent, commContent(m))
	if err != nil {
		s.log.Error("publish", "err", err)
		return
	}
	if len(m.Metadata) > 0 && json.Valid(m.Metadata) {
		msg.Metadata = m.Metadata
	}
	msg.Buffers = m.Buffers
	msg.Identities = [][]byte{[]byte(m.Type)}
	s.send(s.iopub, &s.iopubMu, msg)
}

// handleComm takes a comm message from the front end: it is handed to
// the CommHost, or (without one) a comm_open is answered by a comm_close.
func (s *Server) handleComm(sock socket, mu *sync.Mutex, m *Message) {
	var c struct {
		CommID     string          `json:"comm_id"`
		TargetName string          `json:"target_name"`
		Data       json.RawMessage `json:"data"`
	}
	if !s.decode(sock, mu, m, &c) {
		return
	}
	host, ok := s.exec.(CommHost)
	if !ok {
		switch m.Header.MsgType {
		case "comm_open":
			s.publish(m, "comm_close", map[string]any{"comm_id": c.CommID, "data": map[string]any{}})
		case "comm_close":
			s.commsMu.Lock()
			delete(s.comms, c.CommID)
			s.commsMu.Unlock()
		}
		return
	}
	switch m.Header.MsgType {
	case "comm_open":
		s.commsMu.Lock()
		s.comms[c.CommID] = c.TargetName
		s.commsMu.Unlock()
	case "comm_close":
		s.commsMu.Lock()
		delete(s.comms, c.CommID)
		s.commsMu.Unlock()
	}
	ref := s.refs.add(m)
	host.HandleComm(CommMsg{Type: m.Header.MsgType, CommID: c.CommID, Target: c.TargetName,
		Data: c.Data, Metadata: m.Metadata, Buffers: m.Buffers, Ref: ref})
}

// peer is the Server's CommPeer.
type peer struct{ s *Server }

func (p peer) SendComm(m CommMsg) { p.s.publishComm(p.s.refs.get(m.Ref), m) }

// Comm publishes a comm message of the running cell.
func (o *jupyterOutput) Comm(m CommMsg) {
	o.flushStream()
	parent := o.parent
	if m.Ref != 0 {
		parent = o.s.refs.get(m.Ref)
	}
	o.s.publishComm(parent, m)
}
