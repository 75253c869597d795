package plots

import (
	"fmt"
	"io"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A Series is one named line: points (X[i], Y[i]); a nil X means 0, 1, 2, ….
type Series struct {
	Name string
	X, Y []float64
}

// A LineChart draws one or more series as lines, on linear or logarithmic
// axes (loss curves, Zipf's law, perplexity against n).
type LineChart struct {
	ChartOptions
	Series []Series
	// LogX and LogY use base-10 logarithmic axes; points ≤ 0 on a log axis
	// are left out.
	LogX, LogY bool
	// Percent says the y values are fractions: the axis is labelled in
	// percent and never extends below 0 % or above 100 %.
	Percent bool
}

// markerLimit is the most points a series may have to get a dot at each.
const markerLimit = 12

var _ Renderer = (*LineChart)(nil)

// NewLineChart returns an empty line chart with a title.
func NewLineChart(title string) *LineChart {
	return &LineChart{ChartOptions: ChartOptions{Title: title}}
}

// Add appends a series with x = 0, 1, 2, … and returns c.
func (c *LineChart) Add(name string, y []float64) *LineChart {
	c.Series = append(c.Series, Series{Name: name, Y: y})
	return c
}

// AddXY appends a series with explicit x values and returns c.
func (c *LineChart) AddXY(name string, x, y []float64) *LineChart {
	c.Series = append(c.Series, Series{Name: name, X: x, Y: y})
	return c
}

func (c *LineChart) options() ChartOptions { return c.ChartOptions }

// points returns the drawable points of s: finite, and positive on log axes.
func (c *LineChart) points(s Series) (plotter.XYs, error) {
	if s.X != nil && len(s.X) != len(s.Y) {
		return nil, fmt.Errorf("plots: series %q has %d x values but %d y values", s.Name, len(s.X), len(s.Y))
	}
	var pts plotter.XYs
	for i, y := range s.Y {
		x := float64(i)
		if s.X != nil {
			x = s.X[i]
		}
		if !isFinite(x) || !isFinite(y) || (c.LogX && x <= 0) || (c.LogY && y <= 0) {
			continue
		}
		pts = append(pts, plotter.XY{X: x, Y: y})
	}
	return pts, nil
}

// Plot builds the gonum plot, for callers who want to adjust it further;
// its legend is gonum's own, at the top right.
func (c *LineChart) Plot() (*plot.Plot, error) {
	p, l, err := c.build()
	if err != nil {
		return nil, err
	}
	p.Legend = l.Legend
	p.Legend.Top = true
	return p, nil
}

// build returns the plot and its legend. A series of at most markerLimit
// points gets a dot at each point; x values that are a few integers
// (orders, epochs) are the x ticks; the y axis ends on labelled ticks.
func (c *LineChart) build() (*plot.Plot, *legend, error) {
	p := newPlot(c.ChartOptions)
	l := newLegend()
	if c.LogX {
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = logTicks{}
	}
	if c.LogY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = logTicks{}
	} else if c.Percent {
		p.Y.Tick.Marker = niceTicks{percent: true}
	}
	n := 0
	var xs []float64
	for i, s := range c.Series {
		pts, err := c.points(s)
		if err != nil {
			return nil, nil, err
		}
		if len(pts) == 0 {
			continue
		}
		n++
		line, err := plotter.NewLine(pts)
		if err != nil {
			return nil, nil, fmt.Errorf("plots: series %q: %w", s.Name, err)
		}
		line.Color = seriesColor(i)
		line.Width = vg.Points(1.5)
		p.Add(line)
		thumbs := []plot.Thumbnailer{line}
		if len(pts) <= markerLimit {
			dots, err := plotter.NewScatter(pts)
			if err != nil {
				return nil, nil, fmt.Errorf("plots: series %q: %w", s.Name, err)
			}
			dots.GlyphStyle = draw.GlyphStyle{Color: seriesColor(i), Shape: draw.CircleGlyph{}, Radius: vg.Points(2.5)}
			p.Add(dots)
			thumbs = append(thumbs, dots)
		}
		l.avoid = append(l.avoid, avoidData{xys: pts, line: true})
		if s.Name != "" && len(c.Series) > 1 {
			l.add(tr(s.Name), thumbs...)
		}
		for _, pt := range pts {
			xs = append(xs, pt.X)
		}
	}
	if n == 0 {
		return nil, nil, fmt.Errorf("plots: line chart %q has no drawable points", c.Title)
	}
	if t := integerTicks(xs); t != nil && !c.LogX {
		p.X.Tick.Marker = t
	}
	if !c.LogY {
		p.Y.Min, p.Y.Max = roundOut(p.Y.Min, p.Y.Max)
	}
	if c.Percent && !c.LogY {
		p.Y.Min, p.Y.Max = math.Max(p.Y.Min, 0), math.Min(p.Y.Max, 1)
		if p.Y.Min >= p.Y.Max { // every value outside [0, 1]: show the whole range
			p.Y.Min, p.Y.Max = 0, 1
		}
	}
	return p, l, nil
}

func (c *LineChart) draw(dc draw.Canvas) error {
	p, l, err := c.build()
	if err != nil {
		return err
	}
	return drawPlot(p, l, dc)
}

func (c *LineChart) text() string {
	var sb strings.Builder
	sb.WriteString(titled(c.ChartOptions, "line chart"))
	for _, s := range c.Series {
		lo, hi, last := math.Inf(1), math.Inf(-1), math.NaN()
		for _, y := range s.Y {
			if isFinite(y) {
				lo, hi, last = math.Min(lo, y), math.Max(hi, y), y
			}
		}
		fmt.Fprintf(&sb, "\n  %s %s (%d points, min %s, max %s, last %s)", s.Name, sparkline(s.Y, 40),
			len(s.Y), FormatNumber(lo), FormatNumber(hi), FormatNumber(last))
	}
	return sb.String()
}

// Render draws the chart as SVG (PNG if c.PNG) with a sparkline text form.
func (c *LineChart) Render() Bundle { return renderChart(c) }

// WriteTo writes the chart as SVG (PNG if c.PNG) to w.
func (c *LineChart) WriteTo(w io.Writer) (int64, error) { return writeChart(w, c, c.PNG) }
