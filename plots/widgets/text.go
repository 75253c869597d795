package widgets

// Text is a one-line text field.
type Text struct {
	base
	w watch[string]
}

// NewText opens a text field with the given label and value.
func NewText(label, value string) *Text {
	p := CurrentProtocol()
	s := header(p, modControls, "TextModel", "TextView")
	s, parts := domState(p, s, "TextStyleModel", true, label, nil)
	merge(s, map[string]any{"disabled": false, "placeholder": "\u200b", "value": value})
	if p == Protocol2 {
		s["continuous_update"] = true
	}
	t := &Text{}
	t.w.value = t.Value
	t.base = base{m: newModel(p, s, parts...), name: "Text",
		args: func() string { return args("value", t.Value(), "description", label) }}
	t.m.changed = func(keys []string) {
		if has(keys, "value") {
			t.w.fire()
		}
	}
	t.m.closed = t.w.stop
	return t
}

// Value returns the text.
func (t *Text) Value() string { return toString(t.m.get("value")) }

// SetValue replaces the text and, if that changes it, calls the
// callbacks.
func (t *Text) SetValue(v string) {
	if v == t.Value() {
		return
	}
	t.m.set(map[string]any{"value": v})
	t.w.fire()
}

// OnChange calls f with the new text after it changes.
func (t *Text) OnChange(f func(string)) { t.w.add(f) }

// Changes returns a channel that receives the newest text after each
// change; it is closed when the field closes.
func (t *Text) Changes() <-chan string { return t.w.channel() }

// Label is a line of text, as plain text.
type Label struct{ base }

// NewLabel opens a label showing text.
func NewLabel(text string) *Label {
	return &Label{textWidget("LabelModel", "LabelView", "LabelStyleModel", "Label", text)}
}

// SetText replaces the label's text.
func (l *Label) SetText(text string) { l.m.set(map[string]any{"value": text}) }

// HTML shows a fragment of HTML.
type HTML struct{ base }

// NewHTML opens a widget showing the HTML fragment html.
func NewHTML(html string) *HTML {
	return &HTML{textWidget("HTMLModel", "HTMLView", "HTMLStyleModel", "HTML", html)}
}

// SetHTML replaces the fragment.
func (h *HTML) SetHTML(html string) { h.m.set(map[string]any{"value": html}) }

// textWidget opens a Label or an HTML model.
func textWidget(modelName, view, style, name, value string) base {
	p := CurrentProtocol()
	s := header(p, modControls, modelName, view)
	s, parts := domState(p, s, style, true, "", nil)
	merge(s, map[string]any{"placeholder": "\u200b", "value": value})
	if p == Protocol1 {
		s["disabled"] = false
	}
	b := base{m: newModel(p, s, parts...), name: name}
	b.args = func() string { return args("value", toString(b.m.get("value"))) }
	return b
}
