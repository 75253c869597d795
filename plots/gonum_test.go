package plots

import (
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

func TestRenderMatrix(t *testing.T) {
	m := mat.NewDense(2, 3, []float64{1, 2, 3, 4.5, 5, 0.25})
	b := Render(m)
	if !strings.Contains(b[MIMEHTML], "<td style=\"text-align:right;padding:0 6px\">4.5</td>") {
		t.Errorf("HTML lacks 4.5:\n%s", b[MIMEHTML])
	}
	golden(t, "matrix.golden.html", b[MIMEHTML])
	golden(t, "matrix.golden.txt", b[MIMEText])

	big := mat.NewDense(1000, 300, nil)
	bb := Render(big)
	// 12 rows + a gap row, plus the header: far less than 1000 rows.
	if n := strings.Count(bb[MIMEHTML], "<tr>"); n != 14 {
		t.Errorf("big matrix has %d HTML rows, want 14", n)
	}
	if len(bb[MIMEText]) > 2000 {
		t.Errorf("big matrix text is %d bytes", len(bb[MIMEText]))
	}
}

func TestRenderRawPlot(t *testing.T) {
	p := plot.New()
	p.Title.Text = "raw"
	l, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	p.Add(l)
	b := Render(p)
	if !strings.Contains(b[MIMESVG], "<svg") || b[MIMEText] != `plot "raw"` {
		t.Errorf("raw plot bundle: %q", b[MIMEText])
	}
	golden(t, "rawplot.golden.svg", b[MIMESVG])
}
