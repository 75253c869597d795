package plots

import (
	"fmt"
	"io"
	"strings"
	"sync"
)

// HTMLSink writes displays to W as one self-contained HTML page (open the
// file in a browser), for programs outside a notebook that still want the
// tables and charts:
//
//	f, _ := os.Create("out.html")
//	defer f.Close()
//	plots.SetSink(&plots.HTMLSink{W: f})
//
// An Update appends the new version and a one-line script hides the
// previous one; progress bars draw sparsely (every 10%) on this sink.
type HTMLSink struct {
	W       io.Writer
	mu      sync.Mutex
	started bool
}

var _ Sink = (*HTMLSink)(nil)

// Display writes b in its richest form: HTML, SVG, PNG, then text.
func (s *HTMLSink) Display(b Bundle, id string, update bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var sb strings.Builder
	if !s.started {
		s.started = true
		sb.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Lingo</title></head>\n" +
			"<body style=\"font-family:system-ui,sans-serif;max-width:960px;margin:1em auto\">\n")
	}
	if update && id != "" {
		fmt.Fprintf(&sb, `<script>document.querySelectorAll('[data-lingo-id="%s"]').forEach(function(e){e.style.display="none"})</script>`+"\n", esc(id))
	}
	fmt.Fprintf(&sb, `<div class="lingo-output" data-lingo-id="%s" style="margin:1em 0">`, esc(id))
	switch {
	case b[MIMEHTML] != "":
		sb.WriteString(b[MIMEHTML])
	case b[MIMESVG] != "":
		svg := b[MIMESVG]
		if i := strings.Index(svg, "<svg"); i > 0 {
			svg = svg[i:]
		}
		sb.WriteString(svg)
	case b[MIMEPNG] != "":
		sb.WriteString(`<img src="data:image/png;base64,` + b[MIMEPNG] + `">`)
	default:
		sb.WriteString("<pre>" + esc(b[MIMEText]) + "</pre>")
	}
	sb.WriteString("</div>\n")
	_, err := io.WriteString(s.W, sb.String())
	return err
}

// Clear writes a horizontal rule: a page cannot unwrite itself.
func (s *HTMLSink) Clear(wait bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := io.WriteString(s.W, "<hr>\n")
	return err
}
