package widgets

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/plots"
)

// savedState is a notebook's metadata.widgets state made from the live
// models, as lingo run writes it (state.schema.json version 2).
func savedState(t *testing.T) map[string]any {
	t.Helper()
	st := map[string]any{}
	for _, m := range openModels() {
		s := m.snapshot()
		st[m.id] = map[string]any{"model_name": s["_model_name"], "model_module": s["_model_module"],
			"model_module_version": s["_model_module_version"], "state": s}
	}
	saved := map[string]any{"version_major": 2, "version_minor": 0, "state": st}
	b, err := json.Marshal(saved)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	for _, e := range loadSchema(t, "state.v2.schema.json").validate("", out) {
		t.Errorf("saved state: %s", e)
	}
	return out
}

func TestStaticHTML(t *testing.T) {
	for _, p := range protocols {
		session(t, p)
		k := NewIntSlider(Int{Label: "top-k", Min: 1, Max: 50, Value: 10})
		temp := NewFloatSlider(Float{Label: "temperature", Min: 0.1, Max: 2, Value: 0.7})
		lr := NewFloatSlider(Float{Label: "lr", Min: 1e-4, Max: 1, Value: 1e-2, Log: true})
		d := NewDropdown("word", []string{"war", "peace"}, "peace")
		c := NewCheckbox("smooth", true)
		o := NewOutput()
		o.Display("<done>")
		box := VBox(HBox(k, temp), lr, d, c, NewButton("Train"), NewText("prompt", "a \"quoted\" text"), o)
		temp.SetValue(1.25)
		html, ok := StaticHTML(savedState(t), box.ModelID())
		if !ok {
			t.Fatalf("protocol %v: the box is not in the saved state", p)
		}
		for _, want := range []string{
			`<label style="min-width:8em">top-k</label><input type="range" min="1" max="50" step="1" value="10" disabled><output>10</output>`,
			`<output>1.25</output>`, // the last value, not the first
			`<output>0.01</output>`,
			`<option selected>peace</option>`,
			`<input type="checkbox" disabled checked>`,
			`<button disabled>Train</button>`,
			`value="a &#34;quoted&#34; text"`,
			`&lt;done&gt;`,
			`flex-direction:row`,
		} {
			if !strings.Contains(html, want) {
				t.Errorf("protocol %v: static HTML lacks %s:\n%s", p, want, html)
			}
		}
		if _, ok := StaticHTML(savedState(t), "nobody"); ok {
			t.Error("StaticHTML found a model that is not there")
		}
		box.Close()
		for _, w := range box.Children() {
			w.Close()
		}
	}
}

func TestReadout(t *testing.T) {
	for _, c := range []struct {
		v      float64
		format string
		want   string
	}{{3, "d", "3"}, {2.4999, "d", "2"}, {0.5, ".2f", "0.50"}, {0.0001234, ".3g", "0.000123"}, {12345, ".1e", "1.2e+04"}, {1.5, "weird", "1.5"}} {
		if got := readout(c.v, c.format); got != c.want {
			t.Errorf("readout(%v, %q) = %q, want %q", c.v, c.format, got, c.want)
		}
	}
}

func TestStack(t *testing.T) {
	b := Stack(plots.Bundle{plots.MIMEText: "chart", plots.MIMESVG: `<?xml version="1.0"?><svg id="c"></svg>`}, "a <sample>")
	if b[plots.MIMEText] != "chart\na <sample>" {
		t.Errorf("text = %q", b[plots.MIMEText])
	}
	if b[plots.MIMEHTML] != `<div><svg id="c"></svg></div><pre>a &lt;sample&gt;</pre>` {
		t.Errorf("HTML = %q", b[plots.MIMEHTML])
	}
}
