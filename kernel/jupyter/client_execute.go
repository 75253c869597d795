package jupyter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Execute runs code in the kernel and returns its outputs in nbformat
// shape, its execution count and the reply's status ("ok", "error",
// "aborted"). err says why it failed: the cell's error, a timeout (the
// kernel is then interrupted), a lost kernel, or ctx being done. Output
// is gathered in time and memory linear in its size, however many stream
// messages it comes in.
func (c *Client) Execute(ctx context.Context, code string, timeout time.Duration) (outputs []map[string]any, count int, status string, err error) {
	req, err := c.sendReq(c.shell, "execute_request", map[string]any{
		"code": code, "silent": false, "store_history": true, "user_expressions": map[string]any{},
		"allow_stdin": false, "stop_on_error": true})
	if err != nil {
		return nil, 0, "", err
	}
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	if c.displays == nil {
		c.displays = map[string][]map[string]any{}
	}
	out := outputList{shared: c.displays}
	idle := false
	var reply *Message
	for !idle || reply == nil {
		m, ok, closed := c.iopubQ.pop()
		if ok {
			c.widgets.observe(m)
			if m.Header.MsgType == "update_display_data" {
				// Whatever its parent: a widget callback redraws a display
				// of an earlier cell after that cell has finished.
				out.updateDisplay(m)
				continue
			}
			if st, n := out.add(m, req.Header.MsgID); st == "idle" {
				idle = true
			} else if n > 0 {
				count = n
			}
			continue
		}
		if closed {
			return out.list(), count, "error", errors.New("lost the kernel's iopub socket")
		}
		select {
		case <-c.iopubQ.ready:
		case m, ok := <-c.replies:
			if !ok {
				return out.list(), count, "error", errors.New("lost the kernel's shell socket")
			}
			var p Header
			if json.Unmarshal(m.Parent, &p) == nil && p.MsgID == req.Header.MsgID {
				reply = m
			}
		case <-deadline.C:
			_, _ = c.request(ctx, c.control, c.controlReplies, "interrupt_request", map[string]any{}, 5*time.Second)
			return out.list(), count, "error", fmt.Errorf("timed out after %v", timeout)
		case <-c.exited:
			return out.list(), count, "error", fmt.Errorf("the kernel exited (%v)", c.cmd.ProcessState)
		case <-ctx.Done():
			return out.list(), count, "error", ctx.Err()
		}
	}
	var rc struct {
		Status string `json:"status"`
		Ename  string `json:"ename"`
		Evalue string `json:"evalue"`
	}
	if err := json.Unmarshal(reply.Content, &rc); err != nil {
		return out.list(), count, "error", fmt.Errorf("the kernel's execute_reply does not decode: %w", err)
	}
	if rc.Status != "ok" {
		return out.list(), count, rc.Status, fmt.Errorf("%s: %s", rc.Ename, rc.Evalue)
	}
	return out.list(), count, rc.Status, nil
}

// outputList gathers a cell's outputs from its iopub messages. Text of
// consecutive stream messages of one stream goes into a strings.Builder,
// so a cell printing 100 MB in many small pieces costs linear time.
type outputList struct {
	outs   []map[string]any
	text   map[int]*strings.Builder    // index of a stream output → its text
	shared map[string][]map[string]any // display_id → outputs of every cell, for update_display_data
}

// track records output d under its display id, in shared if set.
func (o *outputList) track(id string, d map[string]any) {
	if o.shared == nil {
		o.shared = map[string][]map[string]any{}
	}
	o.shared[id] = append(o.shared[id], d)
}

// updateDisplay applies an update_display_data message, whatever its
// parent, to every output shown with its display id.
func (o *outputList) updateDisplay(m *Message) {
	var c struct {
		Data      map[string]any `json:"data"`
		Transient struct {
			DisplayID string `json:"display_id"`
		} `json:"transient"`
	}
	if json.Unmarshal(m.Content, &c) != nil || c.Transient.DisplayID == "" {
		return
	}
	for _, d := range o.shared[c.Transient.DisplayID] {
		d["data"] = c.Data
	}
}

// add records m if its parent is msgID. It returns the execution state of
// a status message and the count of an execute_input.
func (o *outputList) add(m *Message, msgID string) (state string, count int) {
	var parent Header
	if json.Unmarshal(m.Parent, &parent) != nil || parent.MsgID != msgID {
		return "", 0
	}
	var c struct {
		ExecutionState string         `json:"execution_state"`
		ExecutionCount *int           `json:"execution_count"`
		Name           string         `json:"name"`
		Text           string         `json:"text"`
		Data           map[string]any `json:"data"`
		Metadata       map[string]any `json:"metadata"`
		Transient      struct {
			DisplayID string `json:"display_id"`
		} `json:"transient"`
		Ename     string `json:"ename"`
		Evalue    string `json:"evalue"`
		Traceback []any  `json:"traceback"`
	}
	if json.Unmarshal(m.Content, &c) != nil {
		return "", 0
	}
	if o.text == nil {
		o.text = map[int]*strings.Builder{}
	}
	switch m.Header.MsgType {
	case "status":
		return c.ExecutionState, 0
	case "execute_input":
		if c.ExecutionCount != nil {
			return "", *c.ExecutionCount
		}
	case "stream":
		n := len(o.outs)
		if n > 0 && o.outs[n-1]["output_type"] == "stream" && o.outs[n-1]["name"] == c.Name {
			o.text[n-1].WriteString(c.Text)
			return "", 0
		}
		var b strings.Builder
		b.WriteString(c.Text)
		o.text[n] = &b
		o.outs = append(o.outs, map[string]any{"output_type": "stream", "name": c.Name})
	case "display_data":
		d := map[string]any{"output_type": "display_data", "data": c.Data, "metadata": orEmpty(c.Metadata)}
		if c.Transient.DisplayID != "" {
			o.track(c.Transient.DisplayID, d)
		}
		o.outs = append(o.outs, d)
	case "update_display_data":
		o.updateDisplay(m)
	case "execute_result":
		o.outs = append(o.outs, map[string]any{"output_type": "execute_result", "data": c.Data,
			"metadata": orEmpty(c.Metadata), "execution_count": c.ExecutionCount})
	case "error":
		tb := c.Traceback
		if tb == nil {
			tb = []any{}
		}
		o.outs = append(o.outs, map[string]any{"output_type": "error", "ename": c.Ename, "evalue": c.Evalue, "traceback": tb})
	case "clear_output":
		o.outs, o.text = nil, map[int]*strings.Builder{}
	}
	return "", 0
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// list returns the outputs with their stream text joined.
func (o *outputList) list() []map[string]any {
	for i, b := range o.text {
		o.outs[i]["text"] = b.String()
	}
	if o.outs == nil {
		return []map[string]any{}
	}
	return o.outs
}
