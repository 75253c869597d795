package plots

import (
	"fmt"
	"image/color"
	"io"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A Scatter plots points, optionally with a text label beside each and a
// colour per group (word vectors in 2-D, documents by topic).
type Scatter struct {
	ChartOptions
	X, Y []float64
	// Labels, if set, has one label per point.
	Labels []string
	// Groups, if set, has one group name per point; each group gets a colour
	// and a legend entry, in order of first appearance.
	Groups []string
}

var _ Renderer = (*Scatter)(nil)

// NewScatter returns a scatter plot of the points (x[i], y[i]).
func NewScatter(title string, x, y []float64) *Scatter {
	return &Scatter{ChartOptions: ChartOptions{Title: title}, X: x, Y: y}
}

func (s *Scatter) options() ChartOptions { return s.ChartOptions }

func (s *Scatter) check() error {
	n := len(s.X)
	switch {
	case len(s.Y) != n:
		return fmt.Errorf("plots: scatter has %d x values but %d y values", n, len(s.Y))
	case s.Labels != nil && len(s.Labels) != n:
		return fmt.Errorf("plots: scatter has %d points but %d labels", n, len(s.Labels))
	case s.Groups != nil && len(s.Groups) != n:
		return fmt.Errorf("plots: scatter has %d points but %d groups", n, len(s.Groups))
	case n == 0:
		return fmt.Errorf("plots: scatter %q has no points", s.Title)
	}
	return nil
}

// groups returns the distinct group names in order of first appearance
// ([""] when there are no groups) and each point's group index.
func (s *Scatter) groups() (names []string, idx []int) {
	idx = make([]int, len(s.X))
	if s.Groups == nil {
		return []string{""}, idx
	}
	seen := map[string]int{}
	for i, g := range s.Groups {
		k, ok := seen[g]
		if !ok {
			k = len(names)
			seen[g] = k
			names = append(names, g)
		}
		idx[i] = k
	}
	return names, idx
}

// Plot builds the gonum plot, for callers who want to adjust it further;
// its legend is gonum's own, at the top right.
func (s *Scatter) Plot() (*plot.Plot, error) {
	p, l, err := s.build()
	if err != nil {
		return nil, err
	}
	p.Legend = l.Legend
	p.Legend.Top = true
	return p, nil
}

// build returns the plot and its legend. Labels are placed beside their
// points where they overlap no other label, point or the legend (see
// labelLayer); a label with no free place is left out of the picture (the
// text form lists every point).
func (s *Scatter) build() (*plot.Plot, *legend, error) {
	if err := s.check(); err != nil {
		return nil, nil, err
	}
	p := newPlot(s.ChartOptions)
	l := newLegend()
	names, idx := s.groups()
	var layer *labelLayer
	if s.Labels != nil {
		layer = &labelLayer{legend: l, style: text.Style{Font: font.From(sansFont, 9), Handler: plot.DefaultTextHandler,
			Color: color.Gray{0x30}}, radius: vg.Points(3)}
	}
	for g, name := range names {
		var pts plotter.XYs
		for i := range s.X {
			if idx[i] != g || !isFinite(s.X[i]) || !isFinite(s.Y[i]) {
				continue
			}
			pts = append(pts, plotter.XY{X: s.X[i], Y: s.Y[i]})
			if layer != nil {
				layer.pts = append(layer.pts, plotter.XY{X: s.X[i], Y: s.Y[i]})
				layer.labels = append(layer.labels, s.Labels[i])
			}
		}
		if len(pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, nil, fmt.Errorf("plots: %w", err)
		}
		sc.GlyphStyle.Color = seriesColor(g)
		sc.GlyphStyle.Shape = draw.CircleGlyph{}
		sc.GlyphStyle.Radius = vg.Points(3)
		p.Add(sc)
		l.avoid = append(l.avoid, avoidData{xys: pts})
		if name != "" {
			l.add(tr(name), sc)
		}
	}
	if layer != nil {
		p.Add(layer)
		// Room around the points for their labels.
		dx, dy := 0.06*(p.X.Max-p.X.Min), 0.04*(p.Y.Max-p.Y.Min)
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = p.X.Min-dx, p.X.Max+2*dx, p.Y.Min-dy, p.Y.Max+dy
	}
	return p, l, nil
}

func (s *Scatter) draw(dc draw.Canvas) error {
	p, l, err := s.build()
	if err != nil {
		return err
	}
	return drawPlot(p, l, dc)
}

func (s *Scatter) text() string {
	if err := s.check(); err != nil {
		return err.Error()
	}
	cols := []string{"x", "y"}
	if s.Labels != nil {
		cols = append([]string{"label"}, cols...)
	}
	if s.Groups != nil {
		cols = append(cols, "group")
	}
	t := NewTable(cols...)
	for i := range s.X {
		var row []any
		if s.Labels != nil {
			row = append(row, s.Labels[i])
		}
		row = append(row, s.X[i], s.Y[i])
		if s.Groups != nil {
			row = append(row, s.Groups[i])
		}
		t.Row(row...)
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s (%d points)\n", titled(s.ChartOptions, "scatter"), len(s.X))
	sb.WriteString(t.String())
	return sb.String()
}

// Render draws the scatter as SVG (PNG if s.PNG) with a text table.
func (s *Scatter) Render() Bundle { return renderChart(s) }

// WriteTo writes the scatter as SVG (PNG if s.PNG) to w.
func (s *Scatter) WriteTo(w io.Writer) (int64, error) { return writeChart(w, s, s.PNG) }
