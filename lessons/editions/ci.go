package editions

import "fmt"

// CINotebook returns the part of a Chinese notebook CI must run: its marked
// cells, and the shared cells they need (by id), in notebook order. Shared
// cells are verified by running the English edition; the marked cells are
// the ones only the Chinese edition runs. It is an error for a marked cell
// to need an id the notebook does not have.
func CINotebook(zh *Notebook) (*Notebook, error) {
	need := map[string]bool{}
	for _, c := range zh.Cells {
		if c.Type() == "code" && c.Edition() != "" {
			for _, id := range c.Needs() {
				need[id] = true
			}
		}
	}
	out := &Notebook{Path: zh.Path, doc: map[string]any{}}
	for k, v := range zh.doc {
		out.doc[k] = v
	}
	have := map[string]bool{}
	for _, c := range zh.Cells {
		have[c.ID()] = true
		if c.Type() == "code" && (c.Edition() != "" || need[c.ID()]) {
			out.Cells = append(out.Cells, c.clone())
		}
	}
	for id := range need {
		if !have[id] {
			return nil, fmt.Errorf("editions: %s: a marked cell needs %q, which the notebook does not have", zh.Path, id)
		}
	}
	return out, nil
}
