package widgets

import (
	"fmt"
	"strings"

	"github.com/lingo-nlp/lingo/plots"
)

// ViewMIME is the MIME type of a widget's display: the id of the model
// whose view a front end shows in its place.
const ViewMIME = "application/vnd.jupyter.widget-view+json"

// StateMIME is the MIME type under which a notebook's metadata keeps the
// state of its widgets (metadata.widgets), so that pages made from it show
// the controls as they were.
const StateMIME = "application/vnd.jupyter.widget-state+json"

// Widget is a control or a container that a notebook can show. Displaying
// it (plots.Display, Display, or as the value of a cell) shows a live view
// in front ends with widget support; others show its text/html or
// text/plain form.
type Widget interface {
	plots.Renderer
	// ModelID returns the id of the widget's model (its comm id).
	ModelID() string
	// Close removes the widget's views from the front end and stops it
	// syncing. Closing a closed widget does nothing.
	Close()
	core() *base
}

// base is what every widget has: its model and how to describe it.
type base struct {
	m    *model
	name string        // "IntSlider": the widget's name in its text form
	args func() string // its arguments in its text form
	err  error         // why the widget's settings were refused: displayed instead of it
}

func (b *base) core() *base { return b }

// ModelID returns the id of the widget's model.
func (b *base) ModelID() string { return b.m.id }

// Close closes the widget and its layout and style.
func (b *base) Close() { b.m.close() }

// Render returns the widget's display. A protocol-1 front end is also
// sent the message that shows the widget in the cell that renders it, and
// the display has an empty text/plain (Lingo's kernel drops it) so that
// the classic Notebook shows nothing else in its place, as ipywidgets 6
// does.
func (b *base) Render() plots.Bundle {
	if b.err != nil {
		return plots.Bundle{plots.MIMEText: b.err.Error()}
	}
	if b.m.proto == Protocol1 {
		b.m.display()
		return plots.Bundle{ViewMIME: fmt.Sprintf(`{"model_id":%q}`, b.m.id), plots.MIMEText: ""}
	}
	return plots.Bundle{
		ViewMIME:       fmt.Sprintf(`{"version_major":2,"version_minor":0,"model_id":%q}`, b.m.id),
		plots.MIMEText: b.String(),
		plots.MIMEHTML: staticHTML(b.m.id, liveState),
	}
}

// String is the widget's text form, like ipywidgets' repr:
// IntSlider(value=3, min=1, max=10, description="k").
func (b *base) String() string {
	if b.err != nil {
		return b.err.Error()
	}
	a := ""
	if b.args != nil {
		a = b.args()
	}
	return b.name + "(" + a + ")"
}

// Display shows widgets, one display each.
func Display(ws ...Widget) {
	for _, w := range ws {
		plots.Display(w)
	}
}

// args formats name=value pairs, skipping empty strings.
func args(kv ...any) string {
	var parts []string
	for i := 0; i+1 < len(kv); i += 2 {
		v := kv[i+1]
		if s, ok := v.(string); ok {
			if s == "" {
				continue
			}
			v = fmt.Sprintf("%q", s)
		}
		parts = append(parts, fmt.Sprintf("%s=%v", kv[i], v))
	}
	return strings.Join(parts, ", ")
}

// liveState looks a model's state up among the open models.
func liveState(id string) (map[string]any, bool) {
	modelsMu.Lock()
	m, ok := models[id]
	modelsMu.Unlock()
	if !ok {
		return nil, false
	}
	return m.snapshot(), true
}

// The JSON values of attributes, read leniently: the front end sends
// numbers as JSON numbers, which decode to float64.

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	}
	return 0, false
}

func toInt(v any) (int, bool) {
	f, ok := toFloat(v)
	if !ok {
		return 0, false
	}
	if f >= 0 {
		return int(f + 0.5), true
	}
	return int(f - 0.5), true
}

func toString(v any) string {
	s, _ := v.(string)
	return s
}

func toBool(v any) bool {
	b, _ := v.(bool)
	return b
}

// has reports whether key is among the changed keys.
func has(keys []string, key string) bool {
	for _, k := range keys {
		if k == key {
			return true
		}
	}
	return false
}
