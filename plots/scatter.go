package plots

import (
	"fmt"
	"io"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
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

// Plot builds the gonum plot.
func (s *Scatter) Plot() (*plot.Plot, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	p := newPlot(s.ChartOptions)
	names, idx := s.groups()
	for g, name := range names {
		var pts plotter.XYs
		var labels []string
		for i := range s.X {
			if idx[i] != g || !isFinite(s.X[i]) || !isFinite(s.Y[i]) {
				continue
			}
			pts = append(pts, plotter.XY{X: s.X[i], Y: s.Y[i]})
			if s.Labels != nil {
				labels = append(labels, s.Labels[i])
			}
		}
		if len(pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, fmt.Errorf("plots: %w", err)
		}
		sc.GlyphStyle.Color = seriesColor(g)
		sc.GlyphStyle.Shape = draw.CircleGlyph{}
		sc.GlyphStyle.Radius = vg.Points(3)
		p.Add(sc)
		if name != "" {
			p.Legend.Add(tr(name), sc)
		}
		if labels != nil {
			l, err := plotter.NewLabels(plotter.XYLabels{XYs: pts, Labels: labels})
			if err != nil {
				return nil, fmt.Errorf("plots: %w", err)
			}
			for i := range l.TextStyle {
				l.TextStyle[i].Font = font.From(sansFont, 9)
			}
			l.Offset = vg.Point{X: vg.Points(4), Y: vg.Points(2)}
			p.Add(l)
		}
	}
	if s.Labels != nil {
		// Room on the right for the labels of the rightmost points.
		p.X.Max += 0.12 * (p.X.Max - p.X.Min)
	}
	return p, nil
}

func (s *Scatter) draw(dc draw.Canvas) error {
	p, err := s.Plot()
	if err != nil {
		return err
	}
	return drawPlot(p, dc)
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
