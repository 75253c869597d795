package widgets

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"sync"

	"github.com/lingo-nlp/lingo/plots/comm"
)

// model is the kernel half of one widget model: its comm, its state (JSON
// values keyed by attribute) and what to do with the front end's changes.
type model struct {
	id    string
	proto Protocol
	c     *comm.Comm

	mu    sync.Mutex
	state map[string]any
	parts []*model // layout and style models, closed with this one

	// changed is called, on the comm's goroutine, with the attributes the
	// front end changed, after they are in state.
	changed func(keys []string)
	// custom is called with the content of a custom message.
	custom func(content json.RawMessage)
	// closed is called once when the model's comm closes, from either side.
	closed func()
}

var (
	modelsMu sync.Mutex
	models   = map[string]*model{}
)

// openModels returns the models whose comm is open, ordered by id.
func openModels() []*model {
	modelsMu.Lock()
	defer modelsMu.Unlock()
	out := make([]*model, 0, len(models))
	for _, m := range models {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// ref is how a model is referred to in another model's state.
func ref(m *model) string { return "IPY_MODEL_" + m.id }

// newModel opens a model with the full state s in the front end, in the
// shape protocol p asks for. parts are models that s refers to and that
// close with it.
func newModel(p Protocol, s map[string]any, parts ...*model) *model {
	m := &model{id: comm.NewID(), proto: p, state: s, parts: parts}
	var data, meta any
	if p == Protocol2 {
		data = map[string]any{"state": s, "buffer_paths": [][]any{}}
		meta = map[string]string{"version": protocolVersion2}
	} else {
		data = s // protocol 1: the state is the whole of data
	}
	c, err := comm.OpenID(m.id, TargetWidget, data, meta, nil)
	if err != nil {
		// The state is built by this package; a failure here is a bug.
		panic(fmt.Sprintf("widgets: opening %v: %v", s["_model_name"], err))
	}
	m.c = c
	modelsMu.Lock()
	models[m.id] = m
	modelsMu.Unlock()
	c.OnMessage(m.handle)
	go func() {
		<-c.Closed()
		modelsMu.Lock()
		delete(models, m.id)
		modelsMu.Unlock()
		for _, p := range m.parts {
			p.close()
		}
		m.mu.Lock()
		f := m.closed
		m.mu.Unlock()
		if f != nil {
			f()
		}
	}()
	return m
}

// get returns the value of attribute k.
func (m *model) get(k string) any {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.state[k]
}

// snapshot returns a copy of the state.
func (m *model) snapshot() map[string]any {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := make(map[string]any, len(m.state))
	for k, v := range m.state {
		s[k] = v
	}
	return s
}

// set changes attributes and sends them to the front end.
func (m *model) set(kv map[string]any) {
	m.mu.Lock()
	for k, v := range kv {
		m.state[k] = v
	}
	m.mu.Unlock()
	m.sendState(kv, nil)
}

// sendState sends an update of the attributes in kv, as a reply to the
// front end's message to when it is not nil.
func (m *model) sendState(kv map[string]any, to *comm.Message) {
	msg := map[string]any{"method": "update", "state": kv}
	if m.proto == Protocol2 {
		msg["buffer_paths"] = [][]any{}
	} else {
		msg["buffers"] = []string{}
	}
	if to != nil {
		_ = m.c.Reply(*to, msg, nil)
		return
	}
	_ = m.c.Send(msg, nil)
}

// display sends a protocol-1 front end the message that shows the model
// in the output of the cell that sends it.
func (m *model) display() {
	if m.proto == Protocol1 {
		_ = m.c.Send(map[string]string{"method": "display"}, nil)
	}
}

// close closes the model's comm, and then its parts; the front end
// removes its views.
func (m *model) close() {
	_ = m.c.Close(nil)
	for _, p := range m.parts {
		p.close()
	}
}

// incoming is the data of a message from the front end, in either
// protocol.
type incoming struct {
	Method string `json:"method"`
	// Protocol 2: update.
	State       map[string]json.RawMessage `json:"state"`
	BufferPaths [][]any                    `json:"buffer_paths"`
	// Protocol 1: backbone.
	SyncData   map[string]json.RawMessage `json:"sync_data"`
	BufferKeys []string                   `json:"buffer_keys"`
	// custom
	Content json.RawMessage `json:"content"`
}

// handle takes a message from the front end.
func (m *model) handle(msg comm.Message) {
	var in incoming
	if err := json.Unmarshal(msg.Data, &in); err != nil {
		fmt.Fprintf(os.Stderr, "widgets: a message for %s does not decode: %v\n", m.id, err)
		return
	}
	switch in.Method {
	case "update": // protocol 2
		detect(Protocol2)
		if m.proto == Protocol2 && echo && len(in.State) > 0 {
			paths := in.BufferPaths
			if paths == nil {
				paths = [][]any{}
			}
			_ = m.c.Reply(msg, map[string]any{"method": "echo_update", "state": in.State, "buffer_paths": paths}, msg.Buffers)
		}
		m.apply(in.State, in.BufferPaths, nil, msg.Buffers)
	case "backbone": // protocol 1
		detect(Protocol1)
		m.apply(in.SyncData, nil, in.BufferKeys, msg.Buffers)
	case "request_state":
		m.sendState(m.snapshot(), &msg)
	case "custom":
		m.mu.Lock()
		f := m.custom
		m.mu.Unlock()
		if f != nil {
			f(in.Content)
		}
	default:
		fmt.Fprintf(os.Stderr, "widgets: unknown method %q in a message for %s\n", in.Method, m.id)
	}
}

// apply merges the front end's changes into the state and calls changed.
// Binary buffers go where buffer_paths (protocol 2) or buffer_keys
// (protocol 1) say.
func (m *model) apply(raw map[string]json.RawMessage, paths [][]any, keys []string, buffers [][]byte) {
	kv := make(map[string]any, len(raw))
	for k, r := range raw {
		var v any
		if err := json.Unmarshal(r, &v); err == nil {
			kv[k] = v
		}
	}
	for i, p := range paths {
		if i < len(buffers) {
			putBuffer(kv, p, buffers[i])
		}
	}
	for i, k := range keys {
		if i < len(buffers) {
			kv[k] = buffers[i]
		}
	}
	if len(kv) == 0 {
		return
	}
	changed := make([]string, 0, len(kv))
	m.mu.Lock()
	for k, v := range kv {
		if _, known := m.state[k]; !known {
			continue // not an attribute of this model
		}
		m.state[k] = v
		changed = append(changed, k)
	}
	f := m.changed
	m.mu.Unlock()
	sort.Strings(changed)
	if f != nil && len(changed) > 0 {
		f(changed)
	}
}

// putBuffer puts b at path in the state kv: a path of keys and indices as
// protocol 2's buffer_paths gives it. A path that does not fit is ignored.
func putBuffer(kv map[string]any, path []any, b []byte) {
	if len(path) == 0 {
		return
	}
	k, ok := path[0].(string)
	if !ok {
		return
	}
	if len(path) == 1 {
		kv[k] = b
		return
	}
	var cur any = kv[k]
	for i := 1; i < len(path); i++ {
		last := i == len(path)-1
		switch c := cur.(type) {
		case map[string]any:
			key, ok := path[i].(string)
			if !ok {
				return
			}
			if last {
				c[key] = b
				return
			}
			cur = c[key]
		case []any:
			f, ok := path[i].(float64)
			j := int(f)
			if !ok || float64(j) != f || j < 0 || j >= len(c) {
				return
			}
			if last {
				c[j] = b
				return
			}
			cur = c[j]
		default:
			return
		}
	}
}
