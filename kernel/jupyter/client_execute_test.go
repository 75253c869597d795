package jupyter

import (
	"strings"
	"testing"
)

func iopubMsg(t *testing.T, parent *Message, typ string, content any) *Message {
	t.Helper()
	m, err := newMessage(typ, "s", parent, content)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestOutputList: stream pieces of one stream are joined, a display is
// updated in place, clear_output drops what came before, and messages
// of other requests are ignored.
func TestOutputList(t *testing.T) {
	req := iopubMsg(t, nil, "execute_request", map[string]any{})
	other := iopubMsg(t, nil, "execute_request", map[string]any{})
	var o outputList
	var text strings.Builder
	for i := range 1000 {
		piece := strings.Repeat(string(rune('a'+i%26)), 100)
		text.WriteString(piece)
		o.add(iopubMsg(t, req, "stream", map[string]any{"name": "stdout", "text": piece}), req.Header.MsgID)
	}
	o.add(iopubMsg(t, other, "stream", map[string]any{"name": "stdout", "text": "not ours"}), req.Header.MsgID)
	o.add(iopubMsg(t, req, "stream", map[string]any{"name": "stderr", "text": "warn"}), req.Header.MsgID)
	o.add(iopubMsg(t, req, "display_data", map[string]any{"data": map[string]any{"text/plain": "0%"}, "metadata": map[string]any{},
		"transient": map[string]any{"display_id": "p"}}), req.Header.MsgID)
	o.add(iopubMsg(t, req, "update_display_data", map[string]any{"data": map[string]any{"text/plain": "100%"}, "metadata": map[string]any{},
		"transient": map[string]any{"display_id": "p"}}), req.Header.MsgID)
	if st, _ := o.add(iopubMsg(t, req, "status", map[string]any{"execution_state": "idle"}), req.Header.MsgID); st != "idle" {
		t.Fatalf("status: %q", st)
	}
	outs := o.list()
	if len(outs) != 3 {
		t.Fatalf("%d outputs, want stdout, stderr and the display: %v", len(outs), outs)
	}
	if outs[0]["text"] != text.String() || outs[1]["text"] != "warn" {
		t.Fatalf("stream texts: %d bytes and %q", len(outs[0]["text"].(string)), outs[1]["text"])
	}
	if d := outs[2]["data"].(map[string]any); d["text/plain"] != "100%" {
		t.Fatalf("display not updated: %v", d)
	}
	o.add(iopubMsg(t, req, "clear_output", map[string]any{"wait": false}), req.Header.MsgID)
	o.add(iopubMsg(t, req, "stream", map[string]any{"name": "stdout", "text": "after"}), req.Header.MsgID)
	if outs := o.list(); len(outs) != 1 || outs[0]["text"] != "after" {
		t.Fatalf("after clear_output: %v", outs)
	}
}

// BenchmarkOutputList100MB gathers 100 MiB of stdout in 64 KiB stream
// messages, the shape of a cell printing in a loop (lingo run).
func BenchmarkOutputList100MB(b *testing.B) {
	req, _ := newMessage("execute_request", "s", nil, map[string]any{})
	piece := strings.Repeat("0123456789abcde\n", 4096)
	msg, _ := newMessage("stream", "s", req, map[string]any{"name": "stdout", "text": piece})
	b.SetBytes(int64(1600 * len(piece)))
	for b.Loop() {
		var o outputList
		for range 1600 {
			o.add(msg, req.Header.MsgID)
		}
		_ = o.list()
	}
}
