package widgets

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/plots"
	"github.com/lingo-nlp/lingo/plots/comm"
)

var protocols = []Protocol{Protocol2, Protocol1}

// same is a value that is the same in both protocols.
func same(v any) func(Protocol) any { return func(Protocol) any { return v } }

// everyControl makes one of each control.
func everyControl() []Widget {
	k := NewIntSlider(Int{Label: "k", Min: 1, Max: 10, Value: 3})
	t := NewFloatSlider(Float{Label: "temperature", Min: 0.1, Max: 2, Step: 0.05, Value: 1})
	lr := NewFloatSlider(Float{Label: "learning rate", Min: 1e-4, Max: 1e-1, Value: 1e-2, Log: true})
	d := NewDropdown("word", []string{"war", "peace"}, "peace")
	c := NewCheckbox("normalise", true)
	b := NewButton("Train")
	tx := NewText("prompt", "the")
	o := NewOutput()
	o.Display("hello")
	return []Widget{k, t, lr, d, c, b, tx, NewLabel("a label"), NewHTML("<b>bold</b>"), o,
		HBox(k, t), VBox(lr, d, c, b, tx)}
}

// TestMessagesMatchSpecification checks every message the controls send,
// in both protocols, against testdata/spec: the comm envelope and the
// protocol's message shapes (messages.schema.json), each model's state
// against the model specification of its protocol, and each display
// against view.schema.json of its version.
func TestMessagesMatchSpecification(t *testing.T) {
	for _, p := range protocols {
		t.Run("protocol"+p.String(), func(t *testing.T) {
			w := session(t, p)
			msgs := loadSchema(t, "messages.schema.json")
			view := loadSchema(t, fmt.Sprintf("view.v%d.schema.json", int(p)))
			specs := loadModels(t, p)
			ws := everyControl()
			for _, x := range ws {
				b := x.Render()
				var v any
				if err := json.Unmarshal([]byte(b[ViewMIME]), &v); err != nil {
					t.Fatalf("%T view: %v", x, err)
				}
				for _, e := range view.validate("", v) {
					t.Errorf("%T view %s: %s", x, b[ViewMIME], e)
				}
				if p == Protocol2 {
					for _, e := range msgs.validate("v2.view", v) {
						t.Errorf("%T view: %s", x, e)
					}
					if b[plots.MIMEText] == "" || !strings.Contains(b[plots.MIMEHTML], x.ModelID()) {
						t.Errorf("%T: the protocol-2 display has no text/plain or static HTML: %v", x, b)
					}
				} else if len(b) != 2 || b[plots.MIMEText] != "" {
					t.Errorf("%T: a protocol-1 display must hold only the view (and an empty text, which the kernel drops): %v", x, b)
				}
			}
			opened := map[string]string{}
			kinds := map[string]int{}
			for _, f := range w.take() {
				c := content(f)
				switch f.Type {
				case comm.TypeOpen:
					kinds["open"]++
					for _, e := range msgs.validateJSON("comm.open", c) {
						t.Errorf("comm_open: %s", e)
					}
					if f.Target != TargetWidget {
						t.Errorf("comm_open to %q, want %q", f.Target, TargetWidget)
					}
					data := decoded(t, f.Data)
					state := data
					if p == Protocol2 {
						for _, e := range msgs.validate("v2.open.data", data) {
							t.Errorf("comm_open data: %s", e)
						}
						for _, e := range msgs.validate("v2.open.metadata", decoded(t, f.Metadata)) {
							t.Errorf("comm_open metadata %s: %s", f.Metadata, e)
						}
						state, _ = data["state"].(map[string]any)
					} else {
						for _, e := range msgs.validate("v1.open.data", data) {
							t.Errorf("comm_open data: %s", e)
						}
					}
					for _, e := range checkModel(specs, state, opened) {
						t.Errorf("%v: %s", state["_model_name"], e)
					}
					opened[f.CommID] = fmt.Sprint(state["_model_name"])
				case comm.TypeMsg:
					kinds["msg"]++
					for _, e := range msgs.validateJSON("comm.msg", c) {
						t.Errorf("comm_msg: %s", e)
					}
					for _, e := range msgs.validate(fmt.Sprintf("v%d.kernel", int(p)), decoded(t, f.Data)) {
						t.Errorf("comm_msg %s: %s", f.Data, e)
					}
					if _, ok := opened[f.CommID]; !ok {
						t.Errorf("comm_msg on %s before its comm_open", f.CommID)
					}
				default:
					t.Errorf("unexpected %s", f.Type)
				}
			}
			// Protocol 1 displays with a message per widget; protocol 2 with
			// the display alone. Each control has a layout (and most a style).
			if kinds["open"] < 2*len(ws) || (p == Protocol1) != (kinds["msg"] >= len(ws)) {
				t.Errorf("sent %v for %d widgets", kinds, len(ws))
			}
			for _, x := range ws {
				x.Close()
			}
			for _, f := range w.take() {
				if f.Type != comm.TypeClose {
					t.Errorf("closing sent a %s", f.Type)
				}
				for _, e := range msgs.validateJSON("comm.close", content(f)) {
					t.Errorf("comm_close: %s", e)
				}
			}
		})
	}
}

// lastUpdate returns the state in the last update (or echo_update, if
// echo) sent on comm id.
func lastUpdate(t *testing.T, fs []comm.Frame, id, method string) (map[string]any, comm.Frame) {
	t.Helper()
	for i := len(fs) - 1; i >= 0; i-- {
		f := fs[i]
		if f.CommID != id || f.Type != comm.TypeMsg {
			continue
		}
		d := decoded(t, f.Data)
		if d["method"] == method {
			s, _ := d["state"].(map[string]any)
			return s, f
		}
	}
	t.Fatalf("no %s on %s in %d frames", method, id, len(fs))
	return nil, comm.Frame{}
}

// frontendUpdate is a change of attributes as a front end of protocol p
// sends it.
func frontendUpdate(p Protocol, kv map[string]any) map[string]any {
	if p == Protocol1 {
		return map[string]any{"method": "backbone", "sync_data": kv, "buffer_keys": []string{}}
	}
	return map[string]any{"method": "update", "state": kv, "buffer_paths": []any{}}
}

// TestStateSync moves each control from the front end and from Go, in
// both protocols: the typed value follows, callbacks and channels see
// the change, protocol 2 echoes the front end's update (echo_update, with
// its message as parent), Go's change goes out as an update, and
// request_state is answered with the full state.
func TestStateSync(t *testing.T) {
	type tc struct {
		name   string
		make   func() Control
		front  func(p Protocol) map[string]any // the front end's change
		want   any                             // the value after it
		set    func(c Control)                 // Go's change
		sent   func(p Protocol) map[string]any // what that sends
		setVal func(p Protocol) any            // the value after it
	}
	cases := []tc{
		{"IntSlider", func() Control { return NewIntSlider(Int{Min: 1, Max: 10, Value: 3}) },
			func(Protocol) map[string]any { return map[string]any{"value": 7} }, 7,
			func(c Control) { c.(*IntSlider).SetValue(12) }, func(Protocol) map[string]any { return map[string]any{"value": 10.0} }, same(10)},
		{"FloatSlider", func() Control { return NewFloatSlider(Float{Min: 0, Max: 2, Value: 1}) },
			func(Protocol) map[string]any { return map[string]any{"value": 0.35} }, 0.35,
			func(c Control) { c.(*FloatSlider).SetValue(1.5) }, func(Protocol) map[string]any { return map[string]any{"value": 1.5} }, same(1.5)},
		{"FloatSlider/log", func() Control { return NewFloatSlider(Float{Min: 1e-4, Max: 1e-1, Value: 1e-2, Log: true}) },
			func(p Protocol) map[string]any {
				if p == Protocol1 {
					return map[string]any{"value": "0.001"} // a SelectionSlider sends the label
				}
				return map[string]any{"value": 0.001}
			}, 0.001,
			func(c Control) { c.(*FloatSlider).SetValue(0.05) },
			func(p Protocol) map[string]any {
				if p == Protocol1 {
					return map[string]any{"value": "0.0501"} // the nearest position, 10^-1.3
				}
				return map[string]any{"value": 0.05}
			}, func(p Protocol) any {
				if p == Protocol1 {
					return 0.0501
				}
				return 0.05
			}},
		{"Dropdown", func() Control { return NewDropdown("", []string{"a", "b", "c"}, "a") },
			func(p Protocol) map[string]any {
				if p == Protocol1 {
					return map[string]any{"value": "c"}
				}
				return map[string]any{"index": 2}
			}, "c",
			func(c Control) { c.(*Dropdown).SetValue("b") },
			func(p Protocol) map[string]any {
				if p == Protocol1 {
					return map[string]any{"value": "b"}
				}
				return map[string]any{"index": 1.0}
			}, same("b")},
		{"Checkbox", func() Control { return NewCheckbox("", false) },
			func(Protocol) map[string]any { return map[string]any{"value": true} }, true,
			func(c Control) { c.(*Checkbox).SetValue(false) }, func(Protocol) map[string]any { return map[string]any{"value": false} }, same(false)},
		{"Text", func() Control { return NewText("", "the") },
			func(Protocol) map[string]any { return map[string]any{"value": "a cat"} }, "a cat",
			func(c Control) { c.(*Text).SetValue("dog") }, func(Protocol) map[string]any { return map[string]any{"value": "dog"} }, same("dog")},
	}
	for _, p := range protocols {
		for _, c := range cases {
			t.Run(fmt.Sprintf("protocol%v/%s", p, c.name), func(t *testing.T) {
				w := session(t, p)
				msgs := loadSchema(t, "messages.schema.json")
				specs := loadModels(t, p)
				ctl := c.make()
				id := ctl.ModelID()
				seen := make(chan any, 8)
				ctl.notify(func() { seen <- ctl.current() })
				w.take()

				ref := w.send(id, frontendUpdate(p, c.front(p)))
				if got := <-seen; got != c.want {
					t.Errorf("callback saw %v, want %v", got, c.want)
				}
				if got := ctl.current(); got != c.want {
					t.Errorf("value after the front end's change = %v, want %v", got, c.want)
				}
				fs := w.take()
				if p == Protocol2 {
					echo, f := lastUpdate(t, fs, id, "echo_update")
					if f.Ref != ref {
						t.Errorf("echo_update answers message %d, want %d", f.Ref, ref)
					}
					for _, e := range msgs.validate("v2.echo_update", decoded(t, f.Data)) {
						t.Errorf("echo_update: %s", e)
					}
					if fmt.Sprint(echo) != fmt.Sprint(c.front(p)) {
						t.Errorf("echo_update state %v, want %v", echo, c.front(p))
					}
				} else if len(fs) != 0 {
					t.Errorf("protocol 1 answered a change with %d messages, want none", len(fs))
				}

				c.set(ctl)
				if got := <-seen; got != c.setVal(p) {
					t.Errorf("callback after Go's change saw %v, want %v", got, c.setVal(p))
				}
				upd, f := lastUpdate(t, w.take(), id, "update")
				for _, e := range msgs.validate(fmt.Sprintf("v%d.kernel", int(p)), decoded(t, f.Data)) {
					t.Errorf("update: %s", e)
				}
				if fmt.Sprint(upd) != fmt.Sprint(c.sent(p)) {
					t.Errorf("update sent %v, want %v", upd, c.sent(p))
				}

				w.send(id, map[string]any{"method": "request_state"})
				full, _ := lastUpdate(t, w.take(), id, "update")
				opened := map[string]string{}
				for _, m := range openModels() {
					opened[m.id] = fmt.Sprint(m.get("_model_name"))
				}
				var wire map[string]any
				b, _ := json.Marshal(full)
				_ = json.Unmarshal(b, &wire)
				for _, e := range checkModel(specs, wire, opened) {
					t.Errorf("request_state: %s", e)
				}
				ctl.Close()
			})
		}
	}
}

func TestIntSliderClampsFrontEnd(t *testing.T) {
	w := session(t, Protocol2)
	s := NewIntSlider(Int{Min: 1, Max: 10, Value: 3})
	ch := s.Changes()
	w.take()
	w.send(s.ModelID(), frontendUpdate(Protocol2, map[string]any{"value": 99}))
	if v := <-ch; v != 10 {
		t.Errorf("Changes got %d, want 10 (99 moved into [1, 10])", v)
	}
	upd, _ := lastUpdate(t, w.take(), s.ModelID(), "update")
	if upd["value"] != 10.0 {
		t.Errorf("the correction sent %v, want value 10", upd)
	}
	s.Close()
	if _, open := <-ch; open {
		t.Error("Changes is still open after Close")
	}
}

func TestButtonClicks(t *testing.T) {
	for _, p := range protocols {
		w := session(t, p)
		b := NewButton("go")
		clicks := make(chan int, 4)
		b.OnClick(func() { clicks <- b.Count() })
		w.take()
		w.send(b.ModelID(), map[string]any{"method": "custom", "content": map[string]any{"event": "click"}})
		if n := <-clicks; n != 1 {
			t.Errorf("protocol %v: OnClick saw count %d, want 1", p, n)
		}
		b.Click()
		if n := <-clicks; n != 2 {
			t.Errorf("protocol %v: after Click, count %d, want 2", p, n)
		}
		b.Close()
	}
}

func TestOutputState(t *testing.T) {
	for _, p := range protocols {
		w := session(t, p)
		o := NewOutput()
		w.take()
		o.Display(plots.Bundle{plots.MIMEText: "one", plots.MIMEHTML: "<i>one</i>"})
		o.Update(plots.Bundle{plots.MIMEText: "two", plots.MIMEHTML: "<i>two</i>"})
		upd, _ := lastUpdate(t, w.take(), o.ModelID(), "update")
		if p == Protocol2 {
			outs, _ := upd["outputs"].([]any)
			if len(outs) != 1 || !strings.Contains(fmt.Sprint(outs[0]), "<i>two</i>") {
				t.Errorf("protocol 2 outputs = %v, want the one display of two", upd)
			}
		} else if v := fmt.Sprint(upd["value"]); !strings.Contains(v, "<i>two</i>") || strings.Contains(v, "one") {
			t.Errorf("protocol 1 HTML value = %q, want two only", v)
		}
		o.Close()
	}
}

// TestVersionComm plays a protocol-1 front end connecting: it opens the
// version comm, gets the semver range, answers; widgets made afterwards
// speak protocol 1.
func TestVersionComm(t *testing.T) {
	w := session(t, 0)
	msgs := loadSchema(t, "messages.schema.json")
	if CurrentProtocol() != Protocol2 {
		t.Fatalf("default protocol %v, want 2.1", CurrentProtocol())
	}
	w.take()
	v1 := comm.NewID()
	w.open(v1, TargetVersion, map[string]any{})
	defer comm.Deliver(comm.Frame{Type: comm.TypeClose, CommID: v1})
	fs := w.take()
	if len(fs) != 1 || fs[0].CommID != v1 {
		t.Fatalf("version comm answered %+v", fs)
	}
	for _, e := range msgs.validate("version.kernel", decoded(t, fs[0].Data)) {
		t.Errorf("version message: %s", e)
	}
	w.send(v1, map[string]any{"validated": true, "frontend_version": "2.1.4"})
	comm.Flush()
	if v, ok := FrontendVersion(); v != "2.1.4" || !ok {
		t.Errorf("FrontendVersion() = %q, %v", v, ok)
	}
	if CurrentProtocol() != Protocol1 {
		t.Errorf("after a version comm the protocol is %v, want 1", CurrentProtocol())
	}
	s := NewIntSlider(Int{})
	for _, f := range w.take() {
		if f.Type == comm.TypeOpen && len(f.Metadata) > 2 {
			t.Errorf("a protocol-1 comm_open carries metadata %s", f.Metadata)
		}
	}
	s.Close()
}

// TestControlComm plays a protocol-2 front end restoring widgets: it opens
// the control comm and asks for every state at once.
func TestControlComm(t *testing.T) {
	w := session(t, 0)
	msgs := loadSchema(t, "messages.schema.json")
	s := NewIntSlider(Int{Value: 42})
	w.take()
	ctl := comm.NewID()
	w.open(ctl, TargetControl, map[string]any{})
	defer comm.Deliver(comm.Frame{Type: comm.TypeClose, CommID: ctl})
	w.send(ctl, map[string]any{"method": "request_states"})
	fs := w.take()
	if len(fs) != 1 {
		t.Fatalf("request_states answered with %d messages", len(fs))
	}
	d := decoded(t, fs[0].Data)
	for _, e := range msgs.validate("control.update_states", d) {
		t.Errorf("update_states: %s", e)
	}
	st, _ := d["states"].(map[string]any)[s.ModelID()].(map[string]any)
	if st == nil || st["state"].(map[string]any)["value"] != 42.0 {
		t.Errorf("update_states lacks the slider at 42: %v", d)
	}
	s.Close()
}

func TestCellRerunClosesWidgets(t *testing.T) {
	w := session(t, Protocol2)
	comm.SetOwner("cell-1")
	s := NewIntSlider(Int{})
	comm.SetOwner("")
	ch := s.Changes()
	w.take()
	comm.CloseOwned("cell-1") // what the worker does when cell-1 runs again
	closed := map[string]bool{}
	for _, f := range w.take() {
		if f.Type == comm.TypeClose {
			closed[f.CommID] = true
		}
	}
	if !closed[s.ModelID()] || len(closed) != 3 {
		t.Errorf("closed %v, want the slider, its layout and its style", closed)
	}
	if _, open := <-ch; open {
		t.Error("the slider's channel stays open")
	}
}
