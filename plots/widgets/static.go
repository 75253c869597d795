package widgets

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/lingo-nlp/lingo/plots"
)

// StaticHTML renders the widget modelID as static, disabled HTML controls
// showing the state that a notebook saved in its metadata (the value of
// metadata.widgets[StateMIME], state.schema.json version 2 or 1), with
// the widgets a box holds inside it. ok is false if the state does not
// have the model. lingo run --html uses it where front ends would show a
// live widget.
func StaticHTML(saved map[string]any, modelID string) (s string, ok bool) {
	states, _ := saved["state"].(map[string]any)
	lookup := func(id string) (map[string]any, bool) {
		m, ok := states[id].(map[string]any)
		if !ok {
			return nil, false
		}
		st, ok := m["state"].(map[string]any)
		if !ok {
			return nil, false
		}
		if _, named := st["_model_name"]; !named && m["model_name"] != nil {
			// A saved state may leave out attributes at their defaults.
			c := make(map[string]any, len(st)+1)
			for k, v := range st {
				c[k] = v
			}
			c["_model_name"] = m["model_name"]
			st = c
		}
		return st, true
	}
	if _, ok := lookup(modelID); !ok {
		return "", false
	}
	return staticHTML(modelID, lookup), true
}

// staticCSS styles the static controls; it is repeated in each so that a
// fragment stands alone.
const staticCSS = `display:flex;align-items:center;gap:.5em;margin:2px 0;font:13px system-ui,sans-serif`

// staticHTML renders model id, looking models up with lookup.
func staticHTML(id string, lookup func(string) (map[string]any, bool)) string {
	var sb strings.Builder
	writeStatic(&sb, id, lookup, 0)
	return sb.String()
}

func writeStatic(sb *strings.Builder, id string, lookup func(string) (map[string]any, bool), depth int) {
	s, ok := lookup(id)
	if !ok || depth > 20 {
		return
	}
	esc := html.EscapeString
	attr := func(k string) string { return esc(fmt.Sprint(s[k])) }
	label := ""
	if d := toString(s["description"]); d != "" {
		label = `<label style="min-width:8em">` + esc(d) + `</label>`
	}
	row := func(inner string) {
		fmt.Fprintf(sb, `<div class="lingo-widget" data-model-id="%s" style="%s">%s%s</div>`, esc(id), staticCSS, label, inner)
	}
	name := toString(s["_model_name"])
	switch name {
	case "IntSliderModel", "FloatSliderModel":
		v, _ := toFloat(s["value"])
		row(fmt.Sprintf(`<input type="range" min="%s" max="%s" step="%s" value="%s" disabled><output>%s</output>`,
			attr("min"), attr("max"), attr("step"), attr("value"), esc(readout(v, toString(s["readout_format"])))))
	case "FloatLogSliderModel":
		v, _ := toFloat(s["value"])
		b, _ := toFloat(s["base"])
		e := 0.0
		if v > 0 && b > 1 {
			e = math.Log(v) / math.Log(b)
		}
		row(fmt.Sprintf(`<input type="range" min="%s" max="%s" step="%s" value="%g" disabled><output>%s</output>`,
			attr("min"), attr("max"), attr("step"), e, esc(readout(v, toString(s["readout_format"])))))
	case "SelectionSliderModel":
		labels := strs(s["_options_labels"])
		i := indexOf(labels, toString(s["value"]))
		if n, ok := toInt(s["index"]); ok {
			i = n
		}
		cur := ""
		if i >= 0 && i < len(labels) {
			cur = labels[i]
		}
		row(fmt.Sprintf(`<input type="range" min="0" max="%d" step="1" value="%d" disabled><output>%s</output>`, max(len(labels)-1, 0), i, esc(cur)))
	case "DropdownModel":
		labels := strs(s["_options_labels"])
		i := indexOf(labels, toString(s["value"]))
		if n, ok := toInt(s["index"]); ok {
			i = n
		}
		var opts strings.Builder
		for j, l := range labels {
			sel := ""
			if j == i {
				sel = " selected"
			}
			fmt.Fprintf(&opts, `<option%s>%s</option>`, sel, esc(l))
		}
		row(`<select disabled>` + opts.String() + `</select>`)
	case "CheckboxModel":
		checked := ""
		if toBool(s["value"]) {
			checked = " checked"
		}
		row(`<input type="checkbox" disabled` + checked + `>`)
	case "ButtonModel":
		fmt.Fprintf(sb, `<div class="lingo-widget" data-model-id="%s" style="%s"><button disabled>%s</button></div>`, esc(id), staticCSS, esc(toString(s["description"])))
	case "TextModel":
		row(`<input type="text" disabled value="` + attr("value") + `">`)
	case "LabelModel":
		row(`<span>` + esc(toString(s["value"])) + `</span>`)
	case "HTMLModel":
		row(`<div>` + toString(s["value"]) + `</div>`)
	case "VBoxModel", "HBoxModel", "BoxModel":
		dir := "column"
		if name == "HBoxModel" {
			dir = "row"
		}
		fmt.Fprintf(sb, `<div class="lingo-widget" data-model-id="%s" style="display:flex;flex-direction:%s;gap:.25em">`, esc(id), dir)
		for _, c := range strs(s["children"]) {
			writeStatic(sb, strings.TrimPrefix(c, "IPY_MODEL_"), lookup, depth+1)
		}
		sb.WriteString(`</div>`)
	case "OutputModel":
		fmt.Fprintf(sb, `<div class="lingo-widget" data-model-id="%s">`, esc(id))
		outs, _ := s["outputs"].([]any)
		for _, o := range outs {
			if om, ok := o.(map[string]any); ok {
				if data, ok := om["data"].(map[string]any); ok {
					sb.WriteString(dataHTML(data))
				} else if t, ok := om["text"]; ok {
					sb.WriteString("<pre>" + esc(joinText(t)) + "</pre>")
				}
			}
		}
		sb.WriteString(`</div>`)
	default:
		fmt.Fprintf(sb, `<div class="lingo-widget" data-model-id="%s" style="%s">%s<code>%s</code></div>`, esc(id), staticCSS, label, esc(name))
	}
}

// readout formats v as a slider shows it, for the few d3-format
// specifiers that sliders use (".2f", ".3g", ".1e", "d").
func readout(v float64, format string) string {
	f := strings.TrimPrefix(format, ".")
	if f == "d" || f == "" {
		if f == "d" {
			return strconv.Itoa(int(math.Round(v)))
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	verb := f[len(f)-1]
	prec, err := strconv.Atoi(f[:len(f)-1])
	if err != nil || !strings.ContainsRune("fge", rune(verb)) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strconv.FormatFloat(v, verb, prec, 64)
}

func strs(v any) []string {
	var out []string
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			out = append(out, fmt.Sprint(e))
		}
	case []string:
		out = x
	}
	return out
}

func indexOf(xs []string, x string) int {
	for i, e := range xs {
		if e == x {
			return i
		}
	}
	return -1
}

// joinText is nbformat's string-or-list-of-strings as one string.
func joinText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return strings.Join(strs(v), "")
}

// dataHTML renders a display's data (from a saved notebook) in its
// richest form that HTML can show.
func dataHTML(data map[string]any) string {
	b := plots.Bundle{}
	for k, v := range data {
		if _, isObj := v.(map[string]any); isObj {
			continue
		}
		b[k] = joinText(v)
	}
	return bundleHTML(b)
}

// bundleHTML renders a bundle as HTML: its HTML, SVG, PNG or text.
func bundleHTML(b plots.Bundle) string {
	switch {
	case b[plots.MIMEHTML] != "":
		return "<div>" + b[plots.MIMEHTML] + "</div>"
	case b[plots.MIMESVG] != "":
		svg := b[plots.MIMESVG]
		if i := strings.Index(svg, "<svg"); i > 0 {
			svg = svg[i:] // drop an XML declaration
		}
		return "<div>" + svg + "</div>"
	case b[plots.MIMEPNG] != "":
		return `<div><img src="data:image/png;base64,` + b[plots.MIMEPNG] + `"></div>`
	case b[plots.MIMEText] != "":
		return "<pre>" + html.EscapeString(b[plots.MIMEText]) + "</pre>"
	}
	return ""
}
