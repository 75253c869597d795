package widgets

import "encoding/json"

// Button is a button that reports clicks.
type Button struct {
	base
	clicks int
	w      watch[struct{}]
}

// NewButton opens a button with the given label.
func NewButton(label string) *Button {
	p := CurrentProtocol()
	s := header(p, modControls, "ButtonModel", "ButtonView")
	s, parts := domState(p, s, "ButtonStyleModel", false, "", nil)
	merge(s, map[string]any{"button_style": "", "description": label, "disabled": false, "icon": ""})
	if p == Protocol1 {
		s["tooltip"] = ""
	}
	b := &Button{}
	b.w.value = func() struct{} { return struct{}{} }
	b.base = base{m: newModel(p, s, parts...), name: "Button", args: func() string { return args("description", label) }}
	b.m.custom = func(content json.RawMessage) {
		var ev struct {
			Event string `json:"event"`
		}
		if json.Unmarshal(content, &ev) == nil && ev.Event == "click" {
			b.m.mu.Lock()
			b.clicks++
			b.m.mu.Unlock()
			b.w.fire()
		}
	}
	b.m.closed = b.w.stop
	return b
}

// OnClick calls f after each click. Clicks that come while f runs are
// merged into one more call.
func (b *Button) OnClick(f func()) { b.w.add(func(struct{}) { f() }) }

// Clicks returns a channel that receives a value after clicks (several
// clicks not yet received are one value); it is closed when the button
// closes.
func (b *Button) Clicks() <-chan struct{} { return b.w.channel() }

// Count returns how many times the button was clicked.
func (b *Button) Count() int {
	b.m.mu.Lock()
	defer b.m.mu.Unlock()
	return b.clicks
}

// Click does what a click in the front end does: the callbacks run and
// the channels receive. It is how code without a front end (tests, a
// notebook run headless) presses the button.
func (b *Button) Click() {
	b.m.custom(json.RawMessage(`{"event":"click"}`))
}

// SetDisabled greys the button out, or enables it again.
func (b *Button) SetDisabled(v bool) { b.m.set(map[string]any{"disabled": v}) }

// SetLabel changes the button's label.
func (b *Button) SetLabel(s string) { b.m.set(map[string]any{"description": s}) }
