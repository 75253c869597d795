package jupyter

import (
	"encoding/json"
	"testing"
)

func commMsg(t *testing.T, typ string, content string, buffers ...[]byte) *Message {
	t.Helper()
	if !json.Valid([]byte(content)) {
		t.Fatalf("bad test content %s", content)
	}
	return &Message{Header: Header{MsgType: typ}, Content: json.RawMessage(content), Buffers: buffers}
}

// TestWidgetTracker follows models as a front end does: comm_open with
// the full state, updates and echo_updates merged, closed models dropped,
// other comms and custom messages ignored, buffers kept by path.
func TestWidgetTracker(t *testing.T) {
	var w widgetTracker
	if w.state() != nil {
		t.Fatal("state of nothing is not nil")
	}
	for _, m := range []*Message{
		commMsg(t, "comm_open", `{"comm_id":"s","target_name":"jupyter.widget","data":{"state":{"_model_name":"IntSliderModel","_model_module":"@jupyter-widgets/controls","_model_module_version":"2.0.0","value":3},"buffer_paths":[]}}`),
		commMsg(t, "comm_open", `{"comm_id":"x","target_name":"lingo.other","data":{"state":{"value":1}}}`),
		commMsg(t, "comm_open", `{"comm_id":"b","target_name":"jupyter.widget","data":{"state":{"_model_name":"ButtonModel","_model_module":"@jupyter-widgets/controls","_model_module_version":"2.0.0"},"buffer_paths":[]}}`),
		commMsg(t, "comm_msg", `{"comm_id":"s","data":{"method":"update","state":{"value":5},"buffer_paths":[]}}`),
		commMsg(t, "comm_msg", `{"comm_id":"s","data":{"method":"echo_update","state":{"value":6,"blob":null},"buffer_paths":[["blob"]]}}`, []byte{1, 2, 3}),
		commMsg(t, "comm_msg", `{"comm_id":"s","data":{"method":"custom","content":{"value":99}}}`),
		commMsg(t, "comm_close", `{"comm_id":"b","data":{}}`),
		commMsg(t, "stream", `{"name":"stdout","text":"x"}`),
	} {
		w.observe(m)
	}
	st := w.state()
	b, _ := json.Marshal(st)
	var got map[string]any
	_ = json.Unmarshal(b, &got)
	models := got["state"].(map[string]any)
	if got["version_major"] != 2.0 || len(models) != 1 {
		t.Fatalf("state = %s, want version 2 with the slider only", b)
	}
	s := models["s"].(map[string]any)
	if s["model_name"] != "IntSliderModel" || s["model_module"] != "@jupyter-widgets/controls" || s["state"].(map[string]any)["value"] != 6.0 {
		t.Errorf("slider saved as %v", s)
	}
	bufs := s["buffers"].([]any)
	if len(bufs) != 1 || bufs[0].(map[string]any)["data"] != "AQID" || bufs[0].(map[string]any)["encoding"] != "base64" {
		t.Errorf("buffers = %v, want [1 2 3] at [blob] in base64", bufs)
	}

	// Protocol 1: the comm_open's data is the state; the saved state is
	// version 1, which has no buffers.
	var w1 widgetTracker
	w1.observe(commMsg(t, "comm_open", `{"comm_id":"s","target_name":"jupyter.widget","data":{"_model_name":"IntSliderModel","_model_module":"jupyter-js-widgets","_model_module_version":"~2.1.4","value":3}}`))
	w1.observe(commMsg(t, "comm_msg", `{"comm_id":"s","data":{"method":"update","state":{"value":4},"buffers":[]}}`))
	st1 := w1.state()
	if st1["version_major"] != 1 {
		t.Errorf("protocol-1 models saved as version %v, want 1", st1["version_major"])
	}
	m1 := st1["state"].(map[string]any)["s"].(map[string]any)
	if m1["state"].(map[string]any)["value"] != 4.0 || m1["buffers"] != nil {
		t.Errorf("protocol-1 slider saved as %v", m1)
	}
}
