package widgets

import (
	"encoding/json"
	"strings"
	"sync"

	"github.com/lingo-nlp/lingo/plots"
)

// Output is an area that plots, tables and any other value render into,
// and that code can redraw while it runs.
//
// With protocol 2 it is an OutputModel whose outputs attribute holds the
// displays, so a saved notebook keeps them. Protocol-1 front ends capture
// Output widgets' content by the id of the request being answered, which
// code outside the kernel cannot name; there an Output is an HTML model
// showing the displays' HTML, SVG, PNG or text.
type Output struct {
	base
	mu    sync.Mutex
	items []plots.Bundle
}

// NewOutput opens an empty output area.
func NewOutput() *Output {
	p := CurrentProtocol()
	var s map[string]any
	var parts []*model
	if p == Protocol2 {
		s = header(p, modOutput, "OutputModel", "OutputView")
		s, parts = domState(p, s, "", false, "", nil)
		merge(s, map[string]any{"msg_id": "", "outputs": []any{}})
	} else {
		s = header(p, modControls, "HTMLModel", "HTMLView")
		s, parts = domState(p, s, "", true, "", nil)
		merge(s, map[string]any{"disabled": false, "placeholder": "\u200b", "value": ""})
	}
	o := &Output{}
	o.base = base{m: newModel(p, s, parts...), name: "Output",
		args: func() string { o.mu.Lock(); defer o.mu.Unlock(); return args("outputs", len(o.items)) }}
	return o
}

// Display renders v and adds it below what the area shows.
func (o *Output) Display(v any) {
	o.mu.Lock()
	o.items = append(o.items, plots.Render(v))
	items := append([]plots.Bundle{}, o.items...)
	o.mu.Unlock()
	o.show(items)
}

// Update replaces what the area shows by v.
func (o *Output) Update(v any) {
	b := plots.Render(v)
	o.mu.Lock()
	o.items = []plots.Bundle{b}
	o.mu.Unlock()
	o.show([]plots.Bundle{b})
}

// Clear empties the area.
func (o *Output) Clear() {
	o.mu.Lock()
	o.items = nil
	o.mu.Unlock()
	o.show(nil)
}

func (o *Output) show(items []plots.Bundle) {
	if o.m.proto == Protocol1 {
		var sb strings.Builder
		for _, b := range items {
			sb.WriteString(bundleHTML(b))
		}
		o.m.set(map[string]any{"value": sb.String()})
		return
	}
	outs := make([]any, len(items))
	for i, b := range items {
		outs[i] = map[string]any{"output_type": "display_data", "data": bundleData(b), "metadata": map[string]any{}}
	}
	o.m.set(map[string]any{"outputs": outs})
}

// bundleData is a bundle as the data of a display_data output: JSON types
// as JSON, not as strings holding JSON.
func bundleData(b plots.Bundle) map[string]any {
	out := make(map[string]any, len(b))
	for k, v := range b {
		if k == plots.MIMEJSON || strings.HasSuffix(k, "+json") {
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
