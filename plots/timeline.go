package plots

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A Timeline draws spans of time on horizontal lanes, one lane per row: a
// Gantt chart. It shows a pipeline's schedule (one lane per worker, one
// span per forward or backward pass of a micro-batch) as well as the eras
// of a history (one lane per approach, an event as a span with End ==
// Start). Lanes are drawn top to bottom in the order they first appear.
type Timeline struct {
	ChartOptions
	Spans []Span
	// Groups colours spans by their Group, in this order (the legend);
	// groups not listed get the next colours in order of appearance.
	Groups []string
}

// A Span is one bar of a Timeline: from Start to End on lane Lane, with
// Label written in it (or beside it, if it does not fit). A span with End
// ≤ Start is an event, drawn as a diamond at Start.
type Span struct {
	Lane, Label, Group string
	Start, End         float64
}

var _ Renderer = (*Timeline)(nil)

// NewTimeline returns an empty timeline; Add fills it.
func NewTimeline(title string) *Timeline {
	return &Timeline{ChartOptions: ChartOptions{Title: title}}
}

// Add appends a span and returns the timeline, for chaining.
func (t *Timeline) Add(lane, label, group string, start, end float64) *Timeline {
	t.Spans = append(t.Spans, Span{Lane: lane, Label: label, Group: group, Start: start, End: end})
	return t
}

func (t *Timeline) options() ChartOptions { return t.ChartOptions }

// Lanes returns the lane names in order of first appearance.
func (t *Timeline) Lanes() []string {
	var lanes []string
	for _, s := range t.Spans {
		if !slices.Contains(lanes, s.Lane) {
			lanes = append(lanes, s.Lane)
		}
	}
	return lanes
}

// groups returns the legend's groups: t.Groups, then the others in order
// of appearance.
func (t *Timeline) groups() []string {
	gs := slices.Clone(t.Groups)
	for _, s := range t.Spans {
		if s.Group != "" && !slices.Contains(gs, s.Group) {
			gs = append(gs, s.Group)
		}
	}
	return gs
}

func (t *Timeline) check() error {
	if len(t.Spans) == 0 {
		return fmt.Errorf("plots: timeline %q has no spans", t.Title)
	}
	for i, s := range t.Spans {
		if !isFinite(s.Start) || !isFinite(s.End) {
			return fmt.Errorf("plots: timeline span %d (%q) has a non-finite time [%v, %v]", i, s.Label, s.Start, s.End)
		}
	}
	return nil
}

// spanPlotter draws the bars; lane i of n sits at y = n−1−i so the first
// lane is on top.
type spanPlotter struct {
	t      *Timeline
	lanes  []string
	groups []string
}

func (sp spanPlotter) lane(name string) float64 {
	return float64(len(sp.lanes) - 1 - slices.Index(sp.lanes, name))
}

func (sp spanPlotter) colour(group string) color.Color {
	if group == "" {
		return color.Gray{0x99}
	}
	return seriesColor(slices.Index(sp.groups, group))
}

// Plot implements plot.Plotter.
func (sp spanPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	sty := draw.TextStyle{Color: color.Black, Font: font.From(sansFont, 9), XAlign: draw.XCenter, YAlign: draw.YCenter, Handler: p.TextHandler}
	if len(sp.groups) > 0 {
		sp.legend(c, sty)
	}
	for _, s := range sp.t.Spans {
		y := sp.lane(s.Lane)
		y0, y1 := trY(y-0.32), trY(y+0.32)
		x0 := trX(s.Start)
		if s.End <= s.Start { // an event: a diamond and its label to the right
			r := (y1 - y0) / 3
			yc := (y0 + y1) / 2
			c.FillPolygon(sp.colour(s.Group), []vg.Point{{X: x0 - r, Y: yc}, {X: x0, Y: yc + r}, {X: x0 + r, Y: yc}, {X: x0, Y: yc - r}})
			if s.Label != "" { // right of the diamond, or left if it would leave the plot
				at := sty
				at.XAlign = draw.XLeft
				x := x0 + r + 2
				if x+sty.Width(s.Label) > c.Max.X {
					at.XAlign, x = draw.XRight, x0-r-2
				}
				c.FillText(at, vg.Point{X: x, Y: yc}, s.Label)
			}
			continue
		}
		x1 := trX(s.End)
		c.FillPolygon(sp.colour(s.Group), []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
		c.StrokeLines(draw.LineStyle{Color: color.White, Width: vg.Points(0.5)}, []vg.Point{{X: x0, Y: y0}, {X: x0, Y: y1}})
		if s.Label == "" {
			continue
		}
		if sty.Width(s.Label)+4 <= x1-x0 {
			c.FillText(sty, vg.Point{X: (x0 + x1) / 2, Y: (y0 + y1) / 2}, s.Label)
		} else {
			left := sty
			left.XAlign = draw.XLeft
			c.FillText(left, vg.Point{X: x1 + 2, Y: (y0 + y1) / 2}, s.Label)
		}
	}
}

// DataRange implements plot.DataRanger.
func (sp spanPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = math.Inf(1), math.Inf(-1)
	for _, s := range sp.t.Spans {
		xmin, xmax = math.Min(xmin, s.Start), math.Max(xmax, math.Max(s.Start, s.End))
	}
	if xmin == xmax {
		xmin, xmax = xmin-1, xmax+1
	}
	return xmin, xmax, -0.5, float64(len(sp.lanes)) - 0.5
}

// legend draws the groups in one row just above the data area, in the
// room Plot leaves under the title, so that it never covers a span.
func (sp spanPlotter) legend(c draw.Canvas, sty draw.TextStyle) {
	sty.XAlign = draw.XLeft
	x, y := c.Min.X, c.Max.Y+legendRoom/2
	const sq = 8
	for _, g := range sp.groups {
		c.FillPolygon(sp.colour(g), []vg.Point{{X: x, Y: y - sq/2}, {X: x + sq, Y: y - sq/2}, {X: x + sq, Y: y + sq/2}, {X: x, Y: y + sq/2}})
		c.FillText(sty, vg.Point{X: x + sq + 3, Y: y}, g)
		x += sq + 3 + sty.Width(g) + 12
	}
}

// legendRoom is the height kept free above the data area for the legend.
const legendRoom = vg.Length(16)

// Plot builds the gonum plot.
func (t *Timeline) Plot() (*plot.Plot, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	p := newPlot(t.ChartOptions)
	sp := spanPlotter{t: t, lanes: t.Lanes(), groups: t.groups()}
	p.Add(sp)
	labels := make([]string, len(sp.lanes))
	for i, l := range sp.lanes {
		labels[len(labels)-1-i] = clip(l, 24)
	}
	p.NominalY(labels...)
	xmin, xmax, _, _ := sp.DataRange()
	pad := (xmax - xmin) * 0.02
	p.X.Min, p.X.Max = xmin-pad, xmax+pad
	if len(sp.groups) > 0 {
		p.Title.Padding += legendRoom
	}
	return p, nil
}

func (t *Timeline) draw(dc draw.Canvas) error {
	p, err := t.Plot()
	if err != nil {
		return err
	}
	return drawPlot(p, nil, dc)
}

// text lists each lane's spans in time order.
func (t *Timeline) text() string {
	var b strings.Builder
	b.WriteString(titled(t.ChartOptions, "timeline"))
	for _, lane := range t.Lanes() {
		var parts []string
		for _, s := range t.Spans {
			if s.Lane != lane {
				continue
			}
			if s.End <= s.Start {
				parts = append(parts, fmt.Sprintf("%s@%s", s.Label, formatTime(s.Start)))
			} else {
				parts = append(parts, fmt.Sprintf("%s[%s–%s]", s.Label, formatTime(s.Start), formatTime(s.End)))
			}
		}
		fmt.Fprintf(&b, "\n  %s: %s", lane, strings.Join(parts, " "))
	}
	return b.String()
}

func formatTime(x float64) string { return fmt.Sprintf("%.4g", x) }

// Render draws the timeline as SVG (PNG if t.PNG) with a text summary.
func (t *Timeline) Render() Bundle { return renderChart(timelineChart{t}) }

// WriteTo writes the timeline as SVG (PNG if t.PNG) to w.
func (t *Timeline) WriteTo(w io.Writer) (int64, error) { return writeChart(w, timelineChart{t}, t.PNG) }

// timelineChart gives the chart machinery the timeline's height, which
// grows with its lanes when none is set.
type timelineChart struct{ t *Timeline }

func (c timelineChart) options() ChartOptions {
	o := c.t.ChartOptions
	if o.Height <= 0 { // 36 px a lane, between 200 and 600 px
		o.Height = min(max(120+36*len(c.t.Lanes()), 200), DefaultChartHeight+200)
	}
	return o
}
func (c timelineChart) draw(dc draw.Canvas) error { return c.t.draw(dc) }
func (c timelineChart) text() string              { return c.t.text() }
