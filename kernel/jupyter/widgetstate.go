package jupyter

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// widgetTracker follows the widget models a kernel opens, updates and
// closes, as a front end does, so that the Client can give their last
// state for a notebook's metadata (what Jupyter's "save widget state"
// writes, state.schema.json).
type widgetTracker struct {
	models map[string]*trackedModel
}

type trackedModel struct {
	state   map[string]any
	buffers map[string]savedBuffer // by path, as JSON
}

type savedBuffer struct {
	Path     []any  `json:"path"`
	Data     string `json:"data"`
	Encoding string `json:"encoding"`
}

// observe takes one iopub message.
func (t *widgetTracker) observe(m *Message) {
	switch m.Header.MsgType {
	case "comm_open", "comm_msg", "comm_close":
	default:
		return
	}
	var c struct {
		CommID string         `json:"comm_id"`
		Target string         `json:"target_name"`
		Data   map[string]any `json:"data"`
	}
	if json.Unmarshal(m.Content, &c) != nil || c.CommID == "" {
		return
	}
	if t.models == nil {
		t.models = map[string]*trackedModel{}
	}
	switch m.Header.MsgType {
	case "comm_open":
		if c.Target != "jupyter.widget" {
			return
		}
		tm := &trackedModel{state: map[string]any{}, buffers: map[string]savedBuffer{}}
		if st, ok := c.Data["state"].(map[string]any); ok { // protocol 2
			tm.merge(st, c.Data["buffer_paths"], m.Buffers)
		} else { // protocol 1: data is the state
			tm.merge(c.Data, nil, nil)
		}
		t.models[c.CommID] = tm
	case "comm_msg":
		tm, ok := t.models[c.CommID]
		if !ok {
			return
		}
		if meth := c.Data["method"]; meth != "update" && meth != "echo_update" {
			return
		}
		if st, ok := c.Data["state"].(map[string]any); ok {
			tm.merge(st, c.Data["buffer_paths"], m.Buffers)
		}
	case "comm_close":
		delete(t.models, c.CommID)
	}
}

func (tm *trackedModel) merge(st map[string]any, paths any, buffers [][]byte) {
	for k, v := range st {
		tm.state[k] = v
	}
	ps, _ := paths.([]any)
	for i, p := range ps {
		path, ok := p.([]any)
		if !ok || i >= len(buffers) {
			continue
		}
		key, _ := json.Marshal(path)
		tm.buffers[string(key)] = savedBuffer{Path: path, Data: base64.StdEncoding.EncodeToString(buffers[i]), Encoding: "base64"}
	}
}

// state returns the metadata value for the open models
// ({version_major, version_minor, state}), or nil if none is open.
// Models of protocol 1 (module jupyter-js-widgets) make it version 1.0.
func (t *widgetTracker) state() map[string]any {
	if len(t.models) == 0 {
		return nil
	}
	major := 2
	st := map[string]any{}
	for id, tm := range t.models {
		mod := fmt.Sprint(tm.state["_model_module"])
		if strings.HasPrefix(mod, "jupyter-js-widgets") {
			major = 1
		}
		s := map[string]any{
			"model_name":           tm.state["_model_name"],
			"model_module":         tm.state["_model_module"],
			"model_module_version": tm.state["_model_module_version"],
			"state":                tm.state,
		}
		if len(tm.buffers) > 0 {
			keys := make([]string, 0, len(tm.buffers))
			for k := range tm.buffers {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			var bs []savedBuffer
			for _, k := range keys {
				bs = append(bs, tm.buffers[k])
			}
			s["buffers"] = bs
		}
		st[id] = s
	}
	if major == 1 {
		for _, s := range st {
			delete(s.(map[string]any), "buffers") // version 1 has no place for them
		}
	}
	return map[string]any{"version_major": major, "version_minor": 0, "state": st}
}

// WidgetState returns the state of the widget models the kernel has open,
// as a notebook keeps it in metadata.widgets under
// "application/vnd.jupyter.widget-state+json"; nil if there are none.
func (c *Client) WidgetState() map[string]any { return c.widgets.state() }
