package notebook

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Write writes the notebook as JSON indented by one space, the layout
// Jupyter writes, byte for byte as Lingo always wrote it (encoding/json
// with SetIndent("", " "); <, > and & escaped inside cells, as
// json.Marshal does, and not in the notebook's metadata), so rewriting a
// committed notebook shows only what changed. It streams: a long string
// (a cell that printed 100 MB) is escaped in pieces straight to w, so
// writing costs a small buffer instead of two copies of the document.
func (nb *Notebook) Write(w io.Writer) error {
	e := &encoder{w: bufio.NewWriterSize(w, 64<<10)}
	e.w.WriteString("{")
	e.newline(1)
	e.str("cells")
	e.w.WriteString(": ")
	if len(nb.Cells) == 0 {
		e.w.WriteString("[]")
	} else {
		e.escapeHTML = true
		e.w.WriteByte('[')
		for i, c := range nb.Cells {
			if i > 0 {
				e.w.WriteByte(',')
			}
			e.newline(2)
			e.value(c.fields(), 2)
		}
		e.newline(1)
		e.w.WriteByte(']')
		e.escapeHTML = false
	}
	e.w.WriteByte(',')
	e.newline(1)
	e.str("metadata")
	e.w.WriteString(": ")
	e.value(orEmpty(nb.Metadata), 1)
	fmt.Fprintf(e.w, ",\n \"nbformat\": %d,\n \"nbformat_minor\": %d\n}\n", nb.NBFormat, nb.NBFormatMinor)
	if e.err != nil {
		return e.err
	}
	return e.w.Flush()
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// encoder writes indented JSON, walking maps and slices itself so that
// strings reach it one at a time.
type encoder struct {
	w          *bufio.Writer
	buf        bytes.Buffer // scratch for leaves
	escapeHTML bool         // escape <, > and & in strings
	err        error
}

// stringChunk is the size of the pieces a long string is escaped in.
const stringChunk = 64 << 10

func (e *encoder) newline(depth int) {
	e.w.WriteByte('\n')
	for range depth {
		e.w.WriteByte(' ')
	}
}

func (e *encoder) value(v any, depth int) {
	if e.err != nil {
		return
	}
	switch v := v.(type) {
	case string:
		e.str(v)
	case multiline:
		lines := []any{}
		if v != "" {
			for _, l := range strings.SplitAfter(string(v), "\n") {
				if l != "" {
					lines = append(lines, l)
				}
			}
		}
		e.array(lines, depth)
	case map[string]any:
		e.object(v, depth)
	case []any:
		e.array(v, depth)
	case []map[string]any:
		a := make([]any, len(v))
		for i := range v {
			a[i] = v[i]
		}
		e.array(a, depth)
	default:
		// Numbers, booleans, null and anything else: encoding/json's
		// own bytes, indented as it would indent them in place.
		e.buf.Reset()
		enc := json.NewEncoder(&e.buf)
		enc.SetEscapeHTML(e.escapeHTML)
		if err := enc.Encode(v); err != nil {
			e.err = err
			return
		}
		b := bytes.Clone(bytes.TrimSuffix(e.buf.Bytes(), []byte("\n")))
		e.buf.Reset()
		if err := json.Indent(&e.buf, b, strings.Repeat(" ", depth), " "); err != nil {
			e.err = err
			return
		}
		e.w.Write(e.buf.Bytes())
	}
}

func (e *encoder) object(m map[string]any, depth int) {
	if len(m) == 0 {
		e.w.WriteString("{}")
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.w.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			e.w.WriteByte(',')
		}
		e.newline(depth + 1)
		e.str(k)
		e.w.WriteString(": ")
		e.value(m[k], depth+1)
	}
	e.newline(depth)
	e.w.WriteByte('}')
}

func (e *encoder) array(a []any, depth int) {
	if len(a) == 0 {
		e.w.WriteString("[]")
		return
	}
	e.w.WriteByte('[')
	for i, v := range a {
		if i > 0 {
			e.w.WriteByte(',')
		}
		e.newline(depth + 1)
		e.value(v, depth+1)
	}
	e.newline(depth)
	e.w.WriteByte(']')
}

// str writes s as a JSON string with encoding/json's escapes. A long s is
// escaped in pieces cut just before an ASCII byte, which never splits a
// UTF-8 sequence, so the pieces escape exactly as the whole would.
func (e *encoder) str(s string) {
	e.w.WriteByte('"')
	for len(s) > 0 {
		n := len(s)
		if n > stringChunk {
			n = stringChunk
			for n < len(s) && s[n] >= 0x80 {
				n++
			}
		}
		e.buf.Reset()
		enc := json.NewEncoder(&e.buf)
		enc.SetEscapeHTML(e.escapeHTML)
		if err := enc.Encode(s[:n]); err != nil {
			e.err = err
			return
		}
		b := bytes.TrimSuffix(e.buf.Bytes(), []byte("\n"))
		e.w.Write(b[1 : len(b)-1])
		s = s[n:]
	}
	e.w.WriteByte('"')
}
