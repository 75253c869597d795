package widgets

import (
	"strings"

	"github.com/lingo-nlp/lingo/plots"
)

// Stack renders values one below the other as one display: what a
// function given to Interact returns to show several things (a chart and
// a sample drawn with the same settings, say). Its HTML holds each value's
// HTML, SVG, PNG or text; its text/plain joins their text forms.
func Stack(vs ...any) plots.Bundle {
	var h, t strings.Builder
	for i, v := range vs {
		b := plots.Render(v)
		h.WriteString(bundleHTML(b))
		if i > 0 {
			t.WriteString("\n")
		}
		t.WriteString(b[plots.MIMEText])
	}
	return plots.Bundle{plots.MIMEHTML: h.String(), plots.MIMEText: t.String()}
}
