package notebook

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// Notebook is an nbformat 4 notebook. Unknown fields are kept as they are.
type Notebook struct {
	Cells         []*Cell        `json:"cells"`
	Metadata      map[string]any `json:"metadata"`
	NBFormat      int            `json:"nbformat"`
	NBFormatMinor int            `json:"nbformat_minor"`
}

// Cell is one cell of a notebook.
type Cell struct {
	CellType       string           `json:"cell_type"`
	ID             string           `json:"id,omitempty"`
	Metadata       map[string]any   `json:"metadata"`
	Source         multiline        `json:"source"`
	Outputs        []map[string]any `json:"outputs,omitempty"`
	ExecutionCount *int             `json:"execution_count,omitempty"`
	Attachments    map[string]any   `json:"attachments,omitempty"`
}

// MarshalJSON writes a cell as nbformat 4 requires: code cells always have
// "outputs" and "execution_count" (null when not run); other cells have
// neither.
func (c *Cell) MarshalJSON() ([]byte, error) { return json.Marshal(c.fields()) }

// fields are the members a cell is written with.
func (c *Cell) fields() map[string]any {
	m := map[string]any{"cell_type": c.CellType, "metadata": c.Metadata, "source": c.Source}
	if c.Metadata == nil {
		m["metadata"] = map[string]any{}
	}
	if c.ID != "" {
		m["id"] = c.ID
	}
	if c.Attachments != nil {
		m["attachments"] = c.Attachments
	}
	if c.CellType == "code" {
		outs := c.Outputs
		if outs == nil {
			outs = []map[string]any{}
		}
		m["outputs"] = outs
		m["execution_count"] = c.ExecutionCount
	}
	return m
}

// multiline is nbformat's string-or-list-of-strings.
type multiline string

func (m *multiline) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*m = multiline(s)
		return nil
	}
	var l []string
	if err := json.Unmarshal(b, &l); err != nil {
		return errors.New("source must be a string or a list of strings")
	}
	*m = multiline(strings.Join(l, ""))
	return nil
}

func (m multiline) MarshalJSON() ([]byte, error) {
	s := string(m)
	if s == "" {
		return []byte("[]"), nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return json.Marshal(lines)
}

// Read parses an .ipynb file's contents.
func Read(r io.Reader) (*Notebook, error) {
	var nb Notebook
	dec := json.NewDecoder(r)
	if err := dec.Decode(&nb); err != nil {
		return nil, fmt.Errorf("notebook: %w", err)
	}
	if nb.NBFormat != 4 {
		return nil, fmt.Errorf("notebook: format %d is not supported (want nbformat 4)", nb.NBFormat)
	}
	if nb.Cells == nil {
		return nil, errors.New(`notebook: no "cells" list (nbformat 4 requires one, [] when empty)`)
	}
	for i, c := range nb.Cells {
		if c == nil {
			return nil, fmt.Errorf("notebook: cell %d is null", i)
		}
		if c.Metadata == nil {
			c.Metadata = map[string]any{}
		}
	}
	if nb.Metadata == nil {
		nb.Metadata = map[string]any{}
	}
	return &nb, nil
}

// Language returns the programming language the notebook's metadata
// names (kernelspec.language, else language_info.name), lower-cased; ""
// when it names none.
func (nb *Notebook) Language() string {
	for _, key := range [][2]string{{"kernelspec", "language"}, {"language_info", "name"}} {
		if m, ok := nb.Metadata[key[0]].(map[string]any); ok {
			if l, ok := m[key[1]].(string); ok && l != "" {
				return strings.ToLower(l)
			}
		}
	}
	return ""
}

var (
	mdCode = regexp.MustCompile("`([^`]+)`")
	mdBold = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	// *italic* anywhere; _italic_ only between word boundaries, so the
	// underscores of trade_good or u_o are left alone (as CommonMark does).
	mdItalic      = regexp.MustCompile(`(^|[^*\w])\*([^*\s][^*]*)\*`)
	mdItalicUnder = regexp.MustCompile(`(^|[^\w])_([^_\s][^_]*)_($|[^\w])`)
	mdLink        = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)
)
