package plots

import (
	"fmt"
	"io"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Panels draws line charts whose y values have different units or scales
// (a loss in nats and a perplexity, a reward, a rater's score and a KL
// divergence) as separate panels, one y axis each, aligned so their x
// axes line up. Each chart keeps its own title, axis labels and legend.
type Panels struct {
	ChartOptions
	Charts []*LineChart
	// Columns is the number of panels side by side; 0 stacks them in one
	// column.
	Columns int
}

var _ Renderer = (*Panels)(nil)

// Default height of one row of panels, in CSS pixels.
const panelHeight = 220

// NewPanels returns the charts as panels stacked under one title.
func NewPanels(title string, charts ...*LineChart) *Panels {
	return &Panels{ChartOptions: ChartOptions{Title: title}, Charts: charts}
}

func (ps *Panels) grid() (rows, cols int) {
	cols = max(1, min(ps.Columns, len(ps.Charts)))
	return (len(ps.Charts) + cols - 1) / cols, cols
}

// options fills in a height of panelHeight per row of panels.
func (ps *Panels) options() ChartOptions {
	o := ps.ChartOptions
	if o.Height <= 0 {
		rows, _ := ps.grid()
		o.Height = panelHeight * rows
		if o.Title != "" {
			o.Height += 30
		}
	}
	return o
}

func (ps *Panels) draw(dc draw.Canvas) (err error) {
	if len(ps.Charts) == 0 {
		return fmt.Errorf("plots: panels %q have no charts", ps.Title)
	}
	rows, cols := ps.grid()
	plots := make([][]*plot.Plot, rows)
	legends := make([][]*legend, rows)
	for r := range plots {
		plots[r] = make([]*plot.Plot, cols)
		legends[r] = make([]*legend, cols)
	}
	for i, c := range ps.Charts {
		p, l, err := c.build()
		if err != nil {
			return err
		}
		// An x label shared by a column is written once, under its bottom panel.
		if below := i + cols; below < len(ps.Charts) && ps.Charts[below].XLabel == c.XLabel {
			p.X.Label.Text = ""
		}
		plots[i/cols][i%cols], legends[i/cols][i%cols] = p, l
	}
	defer recoverTo(&err)
	if ps.Title != "" {
		title := tr(ps.Title)
		sty := plot.New().Title.TextStyle
		sty.Font = font.From(sansFont, 14)
		dc.FillText(sty, vg.Point{X: dc.Center().X, Y: dc.Max.Y + sty.FontExtents().Descent}, title)
		dc.Max.Y -= sty.Height(title) + vg.Points(8)
	}
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Points(18), PadY: vg.Points(10)}
	canvases := plot.Align(plots, tiles, dc)
	for r := range plots {
		for c, p := range plots[r] {
			if p != nil {
				legends[r][c].draw(p, canvases[r][c])
			}
		}
	}
	return nil
}

func (ps *Panels) text() string {
	var parts []string
	for _, c := range ps.Charts {
		t := c.text()
		if c.Title == "" {
			t = strings.TrimPrefix(t, "line chart\n")
		}
		parts = append(parts, t)
	}
	head := fmt.Sprintf("%d panels", len(ps.Charts))
	if ps.Title != "" {
		head = fmt.Sprintf("%q, %s", tr(ps.Title), head)
	}
	return head + "\n" + strings.Join(parts, "\n")
}

// Render draws the panels as SVG with a PNG beside it (PNG only if
// ps.PNG), with each chart's text form.
func (ps *Panels) Render() Bundle { return renderChart(ps) }

// WriteTo writes the panels as SVG (PNG if ps.PNG) to w.
func (ps *Panels) WriteTo(w io.Writer) (int64, error) { return writeChart(w, ps, ps.PNG) }
