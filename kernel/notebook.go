package kernel

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Notebook is an nbformat 4 notebook. Unknown fields are kept as they are.
type Notebook struct {
	Cells         []*NotebookCell `json:"cells"`
	Metadata      map[string]any  `json:"metadata"`
	NBFormat      int             `json:"nbformat"`
	NBFormatMinor int             `json:"nbformat_minor"`
}

// NotebookCell is one cell of a notebook.
type NotebookCell struct {
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
func (c *NotebookCell) MarshalJSON() ([]byte, error) {
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
	return json.Marshal(m)
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

// ReadNotebook parses an .ipynb file's contents.
func ReadNotebook(r io.Reader) (*Notebook, error) {
	var nb Notebook
	dec := json.NewDecoder(r)
	if err := dec.Decode(&nb); err != nil {
		return nil, fmt.Errorf("lingo: reading notebook: %w", err)
	}
	if nb.NBFormat != 4 {
		return nil, fmt.Errorf("lingo: notebook format %d is not supported (want nbformat 4)", nb.NBFormat)
	}
	for i, c := range nb.Cells {
		if c == nil {
			return nil, fmt.Errorf("lingo: notebook cell %d is null", i)
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

// Write writes the notebook as indented JSON.
func (nb *Notebook) Write(w io.Writer) error {
	for _, c := range nb.Cells {
		if c.CellType == "code" && c.Outputs == nil {
			c.Outputs = []map[string]any{}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	return enc.Encode(nb)
}

func runCmd(args []string) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	out := fs.String("o", "", "write the executed notebook here (default: in place)")
	htmlOut := fs.String("html", "", "also write the executed notebook as HTML here")
	timeout := fs.Int("timeout", 900, "seconds a cell may run")
	// Allow flags after the notebook name.
	var pos []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return 2
		}
		args = fs.Args()
		if len(args) > 0 {
			pos = append(pos, args[0])
			args = args[1:]
		}
	}
	if len(pos) != 1 {
		fmt.Fprintln(os.Stderr, "usage: lingo run NOTEBOOK.ipynb [-o OUT.ipynb] [--html OUT.html] [--timeout SECONDS]")
		return 2
	}
	if *out == "" {
		*out = pos[0]
	}
	if err := RunNotebook(pos[0], *out, *htmlOut, time.Duration(*timeout)*time.Second, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// RunNotebook executes every code cell of the notebook at path in a fresh
// kernel whose working directory is the notebook's, writes the result to
// out (and HTML to htmlOut if set), and fails naming the first failing
// cell. The outputs so far are written even when a cell fails.
func RunNotebook(path, out, htmlOut string, timeout time.Duration, progress io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("lingo: %w", err)
	}
	nb, err := ReadNotebook(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	dir, _ := filepath.Abs(filepath.Dir(path))
	c, err := StartKernel(dir)
	if err != nil {
		return err
	}
	defer c.Close()
	nb.Metadata["kernelspec"] = map[string]any{"name": "lingo", "display_name": "Go (Lingo)", "language": "go"}
	nb.Metadata["language_info"] = map[string]any{"name": "go", "file_extension": ".go", "mimetype": "text/x-go", "codemirror_mode": "go"}
	var runErr error
	n := 0
	for i, cell := range nb.Cells {
		if cell.CellType != "code" {
			continue
		}
		n++
		start := time.Now()
		outputs, count, _, err := c.Execute(string(cell.Source), timeout)
		cell.Outputs = outputs
		if cell.Outputs == nil {
			cell.Outputs = []map[string]any{}
		}
		cnt := count
		cell.ExecutionCount = &cnt
		if progress != nil {
			fmt.Fprintf(progress, "cell %d (notebook cell %d): %.2fs\n", n, i+1, time.Since(start).Seconds())
		}
		if err != nil {
			first := strings.SplitN(string(cell.Source), "\n", 2)[0]
			runErr = fmt.Errorf("lingo run: %s: code cell %d (notebook cell %d, %q) failed: %v", path, n, i+1, first, err)
			break
		}
	}
	if werr := writeNotebookFile(nb, out); werr != nil && runErr == nil {
		runErr = werr
	}
	if htmlOut != "" {
		if herr := writeHTMLFile(nb, htmlOut, filepath.Base(path)); herr != nil && runErr == nil {
			runErr = herr
		}
	}
	return runErr
}

func writeNotebookFile(nb *Notebook, path string) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := nb.Write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func writeHTMLFile(nb *Notebook, path, title string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return WriteHTML(f, nb, title)
}

// WriteHTML renders an executed notebook as one self-contained HTML page.
func WriteHTML(w io.Writer, nb *Notebook, title string) error {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + html.EscapeString(title) + "</title>\n<style>\n" +
		"body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}\n" +
		".cell{margin:1em 0}.input pre{background:#f5f7fa;border-left:3px solid #00add8;padding:.6em;overflow-x:auto}\n" +
		".output pre{padding:.3em .6em;margin:.2em 0;overflow-x:auto}.stderr{background:#fff3f0}.error pre{background:#fdecea;color:#a00}\n" +
		".prompt{color:#888;font:12px monospace}\n</style></head><body>\n")
	for _, c := range nb.Cells {
		switch c.CellType {
		case "markdown":
			b.WriteString("<div class=\"cell markdown\">" + renderMarkdown(string(c.Source)) + "</div>\n")
		case "code":
			cnt := " "
			if c.ExecutionCount != nil {
				cnt = fmt.Sprint(*c.ExecutionCount)
			}
			b.WriteString("<div class=\"cell code\"><div class=\"prompt\">In [" + cnt + "]:</div><div class=\"input\"><pre><code class=\"language-go\">" +
				html.EscapeString(string(c.Source)) + "</code></pre></div>\n")
			for _, o := range c.Outputs {
				b.WriteString("<div class=\"output\">" + renderOutput(o) + "</div>\n")
			}
			b.WriteString("</div>\n")
		}
	}
	b.WriteString("</body></html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func renderOutput(o map[string]any) string {
	switch o["output_type"] {
	case "stream":
		cls := ""
		if o["name"] == "stderr" {
			cls = " class=\"stderr\""
		}
		s, _ := o["text"].(string)
		return "<pre" + cls + ">" + html.EscapeString(s) + "</pre>"
	case "error":
		var lines []string
		if tb, ok := o["traceback"].([]any); ok {
			for _, l := range tb {
				lines = append(lines, fmt.Sprint(l))
			}
		}
		return "<div class=\"error\"><pre>" + html.EscapeString(strings.Join(lines, "\n")) + "</pre></div>"
	}
	data, _ := o["data"].(map[string]any)
	str := func(k string) (string, bool) {
		switch v := data[k].(type) {
		case string:
			return v, true
		case []any:
			var s strings.Builder
			for _, x := range v {
				s.WriteString(fmt.Sprint(x))
			}
			return s.String(), true
		}
		return "", false
	}
	if s, ok := str("text/html"); ok {
		return s
	}
	if s, ok := str("image/svg+xml"); ok {
		return s
	}
	if s, ok := str("image/png"); ok {
		return "<img src=\"data:image/png;base64," + strings.TrimSpace(s) + "\">"
	}
	if s, ok := str("text/markdown"); ok {
		return renderMarkdown(s)
	}
	if s, ok := str("text/plain"); ok {
		return "<pre>" + html.EscapeString(s) + "</pre>"
	}
	keys := make([]string, 0, len(data))
	for k := range data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return "<pre>" + html.EscapeString(strings.Join(keys, ", ")) + "</pre>"
}

// renderMarkdown renders the Markdown subset lesson text uses: headings,
// paragraphs, bullet and numbered lists, tables, code blocks, block quotes,
// `code`, **bold**, *italics* and [links](url).
func renderMarkdown(src string) string {
	var b strings.Builder
	lines := strings.Split(src, "\n")
	list, inCode := "", false
	var para []string
	flushPara := func() {
		if len(para) > 0 {
			b.WriteString("<p>" + inline(strings.Join(para, " ")) + "</p>\n")
			para = nil
		}
	}
	closeList := func() {
		if list != "" {
			b.WriteString("</" + list + ">\n")
			list = ""
		}
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") {
			flushPara()
			closeList()
			if inCode {
				b.WriteString("</code></pre>\n")
			} else {
				b.WriteString("<pre><code>")
			}
			inCode = !inCode
			continue
		}
		if inCode {
			b.WriteString(html.EscapeString(l) + "\n")
			continue
		}
		item, kind := listItem(t)
		if kind == "" && list != "" && t != "" && (strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "\t")) {
			// continuation of a list item
			b.WriteString(" " + inline(t))
			continue
		}
		if kind != list {
			closeList()
		}
		switch {
		case t == "":
			flushPara()
			closeList()
		case strings.HasPrefix(t, "#"):
			flushPara()
			level := len(t) - len(strings.TrimLeft(t, "#"))
			if level > 6 {
				level = 6
			}
			fmt.Fprintf(&b, "<h%d>%s</h%d>\n", level, inline(strings.TrimSpace(t[level:])), level)
		case kind != "":
			flushPara()
			if list == "" {
				b.WriteString("<" + kind + ">\n")
				list = kind
			}
			b.WriteString("<li>" + inline(item))
		case strings.HasPrefix(t, "|") && i+1 < len(lines) && isTableRule(lines[i+1]):
			flushPara()
			b.WriteString("<table><thead><tr>")
			for _, c := range tableCells(t) {
				b.WriteString("<th>" + inline(c) + "</th>")
			}
			b.WriteString("</tr></thead><tbody>\n")
			i += 2
			for ; i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), "|"); i++ {
				b.WriteString("<tr>")
				for _, c := range tableCells(strings.TrimSpace(lines[i])) {
					b.WriteString("<td>" + inline(c) + "</td>")
				}
				b.WriteString("</tr>\n")
			}
			i--
			b.WriteString("</tbody></table>\n")
		case strings.HasPrefix(t, ">"):
			flushPara()
			b.WriteString("<blockquote>" + inline(strings.TrimSpace(strings.TrimPrefix(t, ">"))) + "</blockquote>\n")
		default:
			para = append(para, t)
		}
	}
	flushPara()
	closeList()
	if inCode {
		b.WriteString("</code></pre>\n")
	}
	return b.String()
}

// listItem returns the text of a bullet ("- x", "* x") or numbered ("1. x")
// list item and "ul" or "ol"; kind is "" for other lines.
func listItem(t string) (item, kind string) {
	if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") {
		return t[2:], "ul"
	}
	if i := strings.Index(t, ". "); i > 0 && i <= 3 && strings.Trim(t[:i], "0123456789") == "" {
		return t[i+2:], "ol"
	}
	return "", ""
}

func isTableRule(l string) bool {
	t := strings.TrimSpace(l)
	return strings.HasPrefix(t, "|") && strings.Trim(t, "|-: ") == "" && strings.Contains(t, "-")
}

func tableCells(row string) []string {
	row = strings.TrimSuffix(strings.TrimPrefix(row, "|"), "|")
	cells := strings.Split(row, "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

var (
	mdCode   = regexp.MustCompile("`([^`]+)`")
	mdBold   = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	mdItalic = regexp.MustCompile(`(^|[^*\w])[*_]([^*_\s][^*_]*)[*_]`)
	mdLink   = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)
)

// inline renders code spans, bold, italics and links in escaped text.
func inline(s string) string {
	// Code spans first, kept away from the other rules.
	var codes []string
	s = mdCode.ReplaceAllStringFunc(s, func(m string) string {
		codes = append(codes, "<code>"+html.EscapeString(m[1:len(m)-1])+"</code>")
		return fmt.Sprintf("\x00%d\x00", len(codes)-1)
	})
	s = html.EscapeString(s)
	s = mdLink.ReplaceAllString(s, `<a href="$2">$1</a>`)
	s = mdBold.ReplaceAllString(s, "<b>$1</b>")
	s = mdItalic.ReplaceAllString(s, "$1<i>$2</i>")
	for i, c := range codes {
		s = strings.Replace(s, fmt.Sprintf("\x00%d\x00", i), c, 1)
	}
	return s
}
