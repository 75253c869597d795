package notebook

import "github.com/lingo-nlp/lingo/plots/widgets"

// widgetState returns the widget state a notebook saved in its metadata
// (metadata.widgets["application/vnd.jupyter.widget-state+json"]), or nil.
func widgetState(nb *Notebook) map[string]any {
	w, _ := nb.Metadata["widgets"].(map[string]any)
	st, _ := w[widgets.StateMIME].(map[string]any)
	return st
}

// staticWidget renders an output that shows a widget as static controls
// in the widget's saved state; ok is false for other outputs and for
// widgets the state does not have (they fall back to their text/html or
// text/plain form).
func staticWidget(o map[string]any, state map[string]any) (html string, ok bool) {
	if state == nil {
		return "", false
	}
	data, _ := o["data"].(map[string]any)
	view, _ := data[widgets.ViewMIME].(map[string]any)
	id, _ := view["model_id"].(string)
	if id == "" {
		return "", false
	}
	return widgets.StaticHTML(state, id)
}
