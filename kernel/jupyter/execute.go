package jupyter

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"time"
)

// executeRequest is the content of execute_request.
type executeRequest struct {
	Code         string `json:"code"`
	Silent       bool   `json:"silent"`
	StoreHistory *bool  `json:"store_history"`
	AllowStdin   bool   `json:"allow_stdin"`
	StopOnError  *bool  `json:"stop_on_error"`
}

// execution is a queued execute_request, decoded. ctx is the interrupt
// context when the request arrived: an interrupt from then on ends the cell,
// and if it has not started, it never does.
type execution struct {
	m   *Message
	req executeRequest
	ctx context.Context
}

func (s *Server) executor() {
	for {
		select {
		case x := <-s.execQueue:
			ok := s.execute(x)
			if !ok && (x.req.StopOnError == nil || *x.req.StopOnError) {
				s.abortQueued()
			}
		case <-s.done:
			return
		}
	}
}

// abortQueued answers every queued execute_request with status "aborted".
func (s *Server) abortQueued() {
	for {
		select {
		case x := <-s.execQueue:
			s.status(x.m, "busy")
			s.reply(s.shell, &s.shellMu, x.m, "execute_reply", map[string]any{"status": "aborted", "execution_count": s.execCount})
			s.status(x.m, "idle")
		default:
			return
		}
	}
}

// execute runs one execute_request; it reports whether it succeeded.
func (s *Server) execute(x *execution) bool {
	m, c := x.m, x.req
	store := !c.Silent && (c.StoreHistory == nil || *c.StoreHistory)
	s.status(m, "busy")
	defer s.status(m, "idle")
	if store {
		s.execCount++
	}
	count := s.execCount
	if !c.Silent {
		s.publish(m, "execute_input", map[string]any{"code": c.Code, "execution_count": count})
	}
	out := &jupyterOutput{s: s, parent: m, silent: c.Silent, allowStdin: c.AllowStdin, count: count}
	var err error
	if strings.TrimSpace(c.Code) != "" {
		n := 0
		if store {
			n = count
		}
		s.executing.Store(true)
		err = s.exec.Execute(x.ctx, Cell{Code: c.Code, Count: n, ID: cellIDOf(m.Metadata)}, out)
		s.executing.Store(false)
		out.flushStream()
	}
	if store && s.history != nil {
		if err := s.history.Add(count, c.Code, out.resultText()); err != nil {
			s.log.Warn("history not saved", "err", err)
		}
	}
	if err == nil {
		s.reply(s.shell, &s.shellMu, m, "execute_reply", map[string]any{
			"status": "ok", "execution_count": count, "user_expressions": map[string]any{}, "payload": []any{}})
		return true
	}
	ename, evalue, tb := out.lastError(err)
	s.reply(s.shell, &s.shellMu, m, "execute_reply", map[string]any{
		"status": "error", "execution_count": count, "ename": ename, "evalue": evalue, "traceback": tb})
	return false
}

// jupyterOutput sends a cell's output on iopub.
type jupyterOutput struct {
	s          *Server
	parent     *Message
	silent     bool
	allowStdin bool
	count      int

	mu            sync.Mutex
	ename, evalue string
	result        string
	traceback     []string

	// Stream text not yet published, all of stream streamName; sent after
	// streamDelay, at streamChunk bytes, or before any other output.
	streamMu    sync.Mutex
	streamName  string
	streamText  []byte
	streamTimer *time.Timer
}

// Stream output is coalesced into few messages, as ipykernel does: a cell
// that writes line by line (or 64 KiB pipe reads of a large print) would
// otherwise send thousands of messages, and a front end that reads slowly
// would lose the ones past iopub's high-water mark.
const (
	streamDelay = 30 * time.Millisecond
	streamChunk = 256 << 10
)

func (o *jupyterOutput) Stream(name, text string) {
	if o.silent || text == "" {
		return
	}
	o.streamMu.Lock()
	defer o.streamMu.Unlock()
	if len(o.streamText) > 0 && name != o.streamName {
		o.publishStreamLocked()
	}
	o.streamName = name
	o.streamText = append(o.streamText, text...)
	if len(o.streamText) >= streamChunk {
		o.publishStreamLocked()
	} else if o.streamTimer == nil {
		o.streamTimer = time.AfterFunc(streamDelay, o.flushStream)
	}
}

// flushStream publishes the stream text held back, if any.
func (o *jupyterOutput) flushStream() {
	o.streamMu.Lock()
	defer o.streamMu.Unlock()
	o.publishStreamLocked()
}

func (o *jupyterOutput) publishStreamLocked() {
	if o.streamTimer != nil {
		o.streamTimer.Stop()
		o.streamTimer = nil
	}
	if len(o.streamText) == 0 {
		return
	}
	o.s.publish(o.parent, "stream", map[string]any{"name": o.streamName, "text": string(o.streamText)})
	o.streamText = nil
}

// bundleJSON turns a MIME bundle into message content: JSON types are sent
// as JSON, not as strings holding JSON.
func bundleJSON(data map[string]string) map[string]any {
	out := make(map[string]any, len(data))
	for k, v := range data {
		if k == "application/json" || strings.HasSuffix(k, "+json") {
			var x any
			if json.Unmarshal([]byte(v), &x) == nil {
				out[k] = x
				continue
			}
		}
		out[k] = v
	}
	return out
}

func (o *jupyterOutput) Display(data map[string]string, id string, update bool) {
	o.flushStream()
	if o.silent {
		return
	}
	typ := "display_data"
	if update {
		typ = "update_display_data"
	}
	transient := map[string]any{}
	if id != "" {
		transient["display_id"] = id
	}
	o.s.publish(o.parent, typ, map[string]any{"data": bundleJSON(data), "metadata": map[string]any{}, "transient": transient})
}

func (o *jupyterOutput) Clear(wait bool) {
	o.flushStream()
	if o.silent {
		return
	}
	o.s.publish(o.parent, "clear_output", map[string]any{"wait": wait})
}

func (o *jupyterOutput) resultText() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.result
}

func (o *jupyterOutput) Result(data map[string]string) {
	o.flushStream()
	o.mu.Lock()
	o.result = data["text/plain"]
	o.mu.Unlock()
	if o.silent {
		return
	}
	o.s.publish(o.parent, "execute_result", map[string]any{"execution_count": o.count, "data": bundleJSON(data), "metadata": map[string]any{}})
}

func (o *jupyterOutput) Error(ename, evalue string, tb []string) {
	o.flushStream()
	o.mu.Lock()
	o.ename, o.evalue, o.traceback = ename, evalue, tb
	o.mu.Unlock()
	if o.silent {
		return
	}
	if tb == nil {
		tb = []string{}
	}
	o.s.publish(o.parent, "error", map[string]any{"ename": ename, "evalue": evalue, "traceback": tb})
}

// lastError is the error the reply reports: the last one shown, or err if
// none was.
func (o *jupyterOutput) lastError(err error) (string, string, []string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.ename == "" {
		return "Error", err.Error(), []string{err.Error()}
	}
	tb := o.traceback
	if tb == nil {
		tb = []string{}
	}
	return o.ename, o.evalue, tb
}

func (o *jupyterOutput) Input(prompt string, password bool) (string, bool) {
	o.flushStream()
	if !o.allowStdin {
		return "", false
	}
	// Drop a stale reply, then ask.
	select {
	case <-o.s.stdinReplies:
	default:
	}
	m, err := newMessage("input_request", o.s.session, o.parent, map[string]any{"prompt": prompt, "password": password})
	if err != nil {
		return "", false
	}
	m.Identities = o.parent.Identities
	o.s.send(o.s.stdin, &o.s.stdinMu, m)
	select {
	case r := <-o.s.stdinReplies:
		var c struct {
			Value string `json:"value"`
		}
		if err := json.Unmarshal(r.Content, &c); err != nil {
			o.s.log.Warn("bad input_reply", "err", err)
			return "", false
		}
		return c.Value, true
	case <-o.s.done:
		return "", false
	}
}
