package notebook

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"sort"
	"strings"
)

// WriteHTML renders an executed notebook as one self-contained HTML page,
// writing each cell as it goes. Markdown math ($…$, $$…$$) is typeset by
// KaTeX (KaTeXDir), inlined with its fonts; without KaTeX the page says so
// and shows the TeX.
func WriteHTML(w io.Writer, nb *Notebook, title string) error {
	katex, note := mathHead(nb)
	b := bufio.NewWriterSize(w, 64<<10)
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + html.EscapeString(title) + "</title>\n" + katex + "<style>\n" +
		"body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}\n" +
		".cell{margin:1em 0}.input pre{background:#f5f7fa;border-left:3px solid #00add8;padding:.6em;overflow-x:auto}\n" +
		".output pre{padding:.3em .6em;margin:.2em 0;overflow-x:auto}.stderr{background:#fff3f0}.error pre{background:#fdecea;color:#a00}\n" +
		".prompt{color:#888;font:12px monospace}.note{background:#fff8e1;padding:.4em .8em}\n</style></head><body>\n")
	b.WriteString(note)
	ws := widgetState(nb)
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
				out, ok := staticWidget(o, ws)
				if !ok {
					out = renderOutput(o)
				}
				b.WriteString("<div class=\"output\">" + out + "</div>\n")
			}
			b.WriteString("</div>\n")
		}
	}
	if katex != "" {
		b.WriteString(typesetScript)
	}
	b.WriteString("</body></html>\n")
	return b.Flush()
}

// mathHead returns what the page's head needs to typeset the notebook's
// Markdown math ("" when it has none), or a note saying the formulas are
// TeX source when KaTeX is missing.
func mathHead(nb *Notebook) (katex, note string) {
	for _, c := range nb.Cells {
		if c.CellType != "markdown" || !strings.Contains(renderMarkdown(string(c.Source)), `<span class="math`) {
			continue
		}
		dir, err := KaTeXDir()
		if err == nil {
			katex, err = katexHead(dir)
		}
		if err != nil {
			return "", "<p class=\"note\">The formulas below are TeX source: " + html.EscapeString(err.Error()) + ".</p>\n"
		}
		return katex, ""
	}
	return "", ""
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

// inline renders code spans, math, bold, italics and links in escaped
// text.
func inline(s string) string {
	// Code spans first, then math, kept away from the other rules.
	var codes []string
	s = mdCode.ReplaceAllStringFunc(s, func(m string) string {
		codes = append(codes, "<code>"+html.EscapeString(m[1:len(m)-1])+"</code>")
		return fmt.Sprintf("\x00%d\x00", len(codes)-1)
	})
	s = mdDisplayMath.ReplaceAllStringFunc(s, func(m string) string {
		codes = append(codes, mathSpan(m[2:len(m)-2], true))
		return fmt.Sprintf("\x00%d\x00", len(codes)-1)
	})
	s = mdInlineMath.ReplaceAllStringFunc(s, func(m string) string {
		codes = append(codes, mathSpan(m[1:len(m)-1], false))
		return fmt.Sprintf("\x00%d\x00", len(codes)-1)
	})
	s = html.EscapeString(s)
	s = mdLink.ReplaceAllString(s, `<a href="$2">$1</a>`)
	s = mdBold.ReplaceAllString(s, "<b>$1</b>")
	s = mdItalic.ReplaceAllString(s, "$1<i>$2</i>")
	s = mdItalicUnder.ReplaceAllString(s, "$1<i>$2</i>$3")
	for i, c := range codes {
		s = strings.Replace(s, fmt.Sprintf("\x00%d\x00", i), c, 1)
	}
	return s
}
