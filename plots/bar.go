package plots

import (
	"fmt"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A BarChart draws one bar per label (word counts, a next-word
// distribution). Horizontal bars suit long labels such as words.
type BarChart struct {
	ChartOptions
	Labels     []string
	Values     []float64
	Horizontal bool
}

var _ Renderer = (*BarChart)(nil)

// NewBarChart returns a bar chart of values with their labels.
func NewBarChart(title string, labels []string, values []float64) *BarChart {
	return &BarChart{ChartOptions: ChartOptions{Title: title}, Labels: labels, Values: values}
}

func (c *BarChart) options() ChartOptions { return c.ChartOptions }

// Plot builds the gonum plot.
func (c *BarChart) Plot() (*plot.Plot, error) {
	if len(c.Labels) != len(c.Values) {
		return nil, fmt.Errorf("plots: bar chart has %d labels but %d values", len(c.Labels), len(c.Values))
	}
	if len(c.Values) == 0 {
		return nil, fmt.Errorf("plots: bar chart %q has no bars", c.Title)
	}
	vals := make(plotter.Values, len(c.Values))
	for i, v := range c.Values {
		if !isFinite(v) {
			v = 0
		}
		vals[i] = v
	}
	p := newPlot(c.ChartOptions)
	w, h := c.size()
	span := w - 80
	if c.Horizontal {
		span = h - 80
	}
	bw := span / vg.Length(len(vals)) * 0.7
	bars, err := plotter.NewBarChart(vals, bw)
	if err != nil {
		return nil, fmt.Errorf("plots: %w", err)
	}
	bars.Color = seriesColor(0)
	bars.LineStyle.Width = 0
	bars.Horizontal = c.Horizontal
	p.Add(bars)
	labels := make([]string, len(c.Labels))
	for i, l := range c.Labels {
		labels[i] = clip(l, 24)
	}
	if c.Horizontal {
		p.NominalY(labels...)
	} else {
		p.NominalX(labels...)
		if len(labels) > 8 {
			p.X.Tick.Label.Rotation = math.Pi / 4
			p.X.Tick.Label.XAlign = draw.XRight
			p.X.Tick.Label.YAlign = draw.YCenter
		}
	}
	return p, nil
}

func (c *BarChart) draw(dc draw.Canvas) error {
	p, err := c.Plot()
	if err != nil {
		return err
	}
	return drawPlot(p, nil, dc)
}

func (c *BarChart) text() string {
	t := NewTable("label", "value").Bar("value").Limit(-1)
	for i := range c.Values {
		l := ""
		if i < len(c.Labels) {
			l = c.Labels[i]
		}
		t.Row(l, c.Values[i])
	}
	return titled(c.ChartOptions, "bar chart") + "\n" + t.String()
}

// Render draws the chart as SVG (PNG if c.PNG) with a text table.
func (c *BarChart) Render() Bundle { return renderChart(c) }

// WriteTo writes the chart as SVG (PNG if c.PNG) to w.
func (c *BarChart) WriteTo(w io.Writer) (int64, error) { return writeChart(w, c, c.PNG) }
