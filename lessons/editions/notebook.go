package editions

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// maxNotebook bounds the size of a notebook Read accepts.
const maxNotebook = 64 << 20

// Notebook is a Jupyter notebook read for comparison: its cells, and the
// whole document so that writing it back keeps every field.
type Notebook struct {
	Path  string
	Cells []*Cell
	doc   map[string]any
}

// Cell is one cell; Raw holds all its fields (outputs, metadata…).
type Cell struct {
	Raw map[string]any
}

// Read reads a notebook (nbformat 4).
func Read(path string) (*Notebook, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > maxNotebook {
		return nil, fmt.Errorf("editions: %s: %d bytes, more than %d", path, st.Size(), maxNotebook)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	nb, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("editions: %s: %w", path, err)
	}
	nb.Path = path
	return nb, nil
}

// Parse reads a notebook from its JSON.
func Parse(b []byte) (*Notebook, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var doc map[string]any
	if err := d.Decode(&doc); err != nil {
		return nil, fmt.Errorf("not a notebook: %w", err)
	}
	raw, ok := doc["cells"].([]any)
	if !ok {
		return nil, fmt.Errorf("not a notebook: no list of cells")
	}
	nb := &Notebook{doc: doc}
	for i, c := range raw {
		m, ok := c.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("cell %d is not an object", i)
		}
		if _, ok := m["cell_type"].(string); !ok {
			return nil, fmt.Errorf("cell %d has no cell_type", i)
		}
		nb.Cells = append(nb.Cells, &Cell{Raw: m})
	}
	return nb, nil
}

// Bytes returns the notebook as JSON indented by one space, as Jupyter
// writes it.
func (nb *Notebook) Bytes() ([]byte, error) {
	cells := make([]any, len(nb.Cells))
	for i, c := range nb.Cells {
		cells[i] = c.Raw
	}
	nb.doc["cells"] = cells
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetIndent("", " ")
	e.SetEscapeHTML(false)
	if err := e.Encode(nb.doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteFile writes the notebook to path.
func (nb *Notebook) WriteFile(path string) error {
	b, err := nb.Bytes()
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// Type is "code", "markdown" or "raw".
func (c *Cell) Type() string { s, _ := c.Raw["cell_type"].(string); return s }

// ID is the cell's id ("" if it has none).
func (c *Cell) ID() string { s, _ := c.Raw["id"].(string); return s }

// Source is the cell's text.
func (c *Cell) Source() string {
	switch s := c.Raw["source"].(type) {
	case string:
		return s
	case []any:
		var b strings.Builder
		for _, l := range s {
			if t, ok := l.(string); ok {
				b.WriteString(t)
			}
		}
		return b.String()
	}
	return ""
}

// SetSource replaces the cell's text and, for a code cell whose text
// changed, drops its outputs, which belonged to the old code.
func (c *Cell) SetSource(s string) {
	if s == c.Source() {
		return
	}
	var lines []any
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	if lines == nil {
		lines = []any{}
	}
	c.Raw["source"] = lines
	if c.Type() == "code" {
		c.Raw["outputs"] = []any{}
		c.Raw["execution_count"] = nil
	}
}

// lingo returns the cell's metadata.lingo object, or nil.
func (c *Cell) lingo() map[string]any {
	md, _ := c.Raw["metadata"].(map[string]any)
	l, _ := md["lingo"].(map[string]any)
	return l
}

// setLingo sets a key of the cell's metadata.lingo.
func (c *Cell) setLingo(key string, v any) {
	md, _ := c.Raw["metadata"].(map[string]any)
	if md == nil {
		md = map[string]any{}
		c.Raw["metadata"] = md
	}
	l, _ := md["lingo"].(map[string]any)
	if l == nil {
		l = map[string]any{}
		md["lingo"] = l
	}
	l[key] = v
}

// Edition is the edition a cell is marked for ("zh"), or "" for a cell
// both editions share.
func (c *Cell) Edition() string { s, _ := c.lingo()["edition"].(string); return s }

// Untranslated reports whether Sync brought the cell from the English
// edition and nobody has translated it yet.
func (c *Cell) Untranslated() bool { b, _ := c.lingo()["untranslated"].(bool); return b }

// Replaces lists the ids of the English cells a marked cell stands in for.
func (c *Cell) Replaces() []string { return strList(c.lingo()["replaces"]) }

// Needs lists the ids of the shared cells a marked cell uses.
func (c *Cell) Needs() []string { return strList(c.lingo()["needs"]) }

func strList(v any) []string {
	l, _ := v.([]any)
	var out []string
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func (c *Cell) name(i int) string {
	if id := c.ID(); id != "" {
		return fmt.Sprintf("cell %d (%s)", i, id)
	}
	return fmt.Sprintf("cell %d", i)
}

// clone copies a cell deeply enough to edit its fields.
func (c *Cell) clone() *Cell {
	b, _ := json.Marshal(c.Raw)
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var m map[string]any
	d.Decode(&m)
	return &Cell{Raw: m}
}
