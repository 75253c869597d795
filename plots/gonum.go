package plots

import (
	"bytes"
	"fmt"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"
)

// Limits of the matrix renderer: larger matrices show their corners.
const (
	matrixMaxRows = 12
	matrixMaxCols = 10
)

func init() {
	RegisterRenderer(renderGonum)
}

// renderGonum renders a raw *plot.Plot as SVG and a gonum mat.Matrix as an
// HTML table, so a cell ending in either displays sensibly.
func renderGonum(v any) (Bundle, bool) {
	switch x := v.(type) {
	case *plot.Plot:
		if x == nil {
			return nil, false
		}
		return renderChart(rawPlot{x}), true
	case mat.Matrix:
		if x == nil {
			return nil, false
		}
		return renderMatrix(x), true
	}
	return nil, false
}

// rawPlot shows a gonum plot the user built at the default size.
type rawPlot struct{ p *plot.Plot }

func (r rawPlot) options() ChartOptions    { return ChartOptions{} }
func (r rawPlot) draw(c draw.Canvas) error { return drawPlot(r.p, nil, c) }
func (r rawPlot) text() string {
	if r.p.Title.Text != "" {
		return fmt.Sprintf("plot %q", r.p.Title.Text)
	}
	return "plot"
}

// matrixIndices returns the indices to show of n, at most limit, with -1
// marking the "…" gap between the first and last ones.
func matrixIndices(n, limit int) []int {
	var idx []int
	if n <= limit {
		for i := range n {
			idx = append(idx, i)
		}
		return idx
	}
	head := limit / 2
	for i := range head {
		idx = append(idx, i)
	}
	idx = append(idx, -1)
	for i := n - (limit - head); i < n; i++ {
		idx = append(idx, i)
	}
	return idx
}

func renderMatrix(m mat.Matrix) Bundle {
	r, c := m.Dims()
	rows, cols := matrixIndices(r, matrixMaxRows), matrixIndices(c, matrixMaxCols)
	var sb strings.Builder
	sb.WriteString(`<table class="lingo-matrix" style="border-collapse:collapse;font:12px monospace">`)
	fmt.Fprintf(&sb, `<caption style="text-align:left;font-family:sans-serif">%d×%d matrix</caption>`, r, c)
	sb.WriteString(`<tr><th></th>`)
	for _, j := range cols {
		if j < 0 {
			sb.WriteString(`<th>…</th>`)
		} else {
			fmt.Fprintf(&sb, `<th style="color:#888;padding:0 6px">%d</th>`, j)
		}
	}
	sb.WriteString("</tr>\n")
	for _, i := range rows {
		if i < 0 {
			fmt.Fprintf(&sb, `<tr><th>⋮</th><td colspan="%d"></td></tr>`+"\n", len(cols))
			continue
		}
		fmt.Fprintf(&sb, `<tr><th style="color:#888;padding:0 6px">%d</th>`, i)
		for _, j := range cols {
			if j < 0 {
				sb.WriteString(`<td>…</td>`)
			} else {
				fmt.Fprintf(&sb, `<td style="text-align:right;padding:0 6px">%s</td>`, FormatNumber(m.At(i, j)))
			}
		}
		sb.WriteString("</tr>\n")
	}
	sb.WriteString("</table>")
	var txt bytes.Buffer
	fmt.Fprintf(&txt, "%d×%d matrix\n", r, c)
	f := mat.Formatted(m, mat.Squeeze(), mat.Excerpt(matrixMaxCols/2))
	if r <= matrixMaxRows && c <= matrixMaxCols {
		f = mat.Formatted(m, mat.Squeeze())
	}
	fmt.Fprintf(&txt, "%.4g", f)
	return Bundle{MIMEHTML: sb.String(), MIMEText: txt.String()}
}
