package plots

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legend is a chart's legend and the data it must not cover. Charts build
// it instead of filling plot.Legend, and drawPlot places it: in the first
// corner of the data area (top right, top left, bottom right, bottom left),
// or else the middle of a side, where it covers no point and no line, and
// otherwise in a margin to the right of the plot.
type legend struct {
	plot.Legend
	n     int // entries
	width vg.Length
	avoid []avoidData
	// placed is where draw put the legend inside the data area (empty when
	// it went to the margin), for labels to keep clear of.
	placed vg.Rectangle
}

// avoidData is data the legend must not cover: points, or the polyline
// through them.
type avoidData struct {
	xys  plotter.XYs
	line bool
}

func newLegend() *legend {
	l := &legend{Legend: plot.NewLegend()}
	l.TextStyle.Font = sansFont
	l.TextStyle.Font.Size = 11
	return l
}

// add adds an entry.
func (l *legend) add(name string, thumbs ...plot.Thumbnailer) {
	l.Add(name, thumbs...)
	l.n++
	if w := l.ThumbnailWidth + l.TextStyle.Width(" "+name); w > l.width {
		l.width = w
	}
}

func (l *legend) height() vg.Length {
	if l.n == 0 {
		return 0
	}
	h := l.TextStyle.Height("Mg")
	return vg.Length(l.n)*h + vg.Length(l.n-1)*l.Padding
}

const legendPad = 4 // points between the legend and what surrounds it

// draw draws p with the legend placed where it covers no data.
func (l *legend) draw(p *plot.Plot, c draw.Canvas) {
	if l == nil || l.n == 0 {
		p.Draw(c)
		return
	}
	w, h := l.width+2*legendPad, l.height()+2*legendPad
	dc := p.DataCanvas(c)
	if w < 0.6*dc.Size().X && h < 0.5*dc.Size().Y {
		fx, fy := p.Transforms(&dc)
		// Places in order of preference: the four corners, then the middle
		// of the right and left sides, then the middle of the top and
		// bottom. v and h are 0, ½ or 1: bottom to top, left to right.
		for _, place := range [][2]float64{{1, 1}, {1, 0}, {0, 1}, {0, 0}, {0.5, 1}, {0.5, 0}, {1, 0.5}, {0, 0.5}} {
			v, hz := vg.Length(place[0]), vg.Length(place[1])
			r := vg.Rectangle{Min: vg.Point{
				X: dc.Min.X + hz*(dc.Size().X-w),
				Y: dc.Min.Y + v*(dc.Size().Y-h),
			}}
			r.Max = vg.Point{X: r.Min.X + w, Y: r.Min.Y + h}
			if !l.covers(r, fx, fy) {
				l.placed = r
				p.Draw(c)
				l.Top, l.Left = place[0] > 0, place[1] == 0
				l.Legend.Draw(draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
					Min: vg.Point{X: r.Min.X + legendPad, Y: r.Min.Y + legendPad},
					Max: vg.Point{X: r.Max.X - legendPad, Y: r.Max.Y - legendPad}}})
				return
			}
		}
	}
	// No free corner: the legend goes in a margin on the right.
	inner := c
	inner.Max.X -= w
	p.Draw(inner)
	dc = p.DataCanvas(inner)
	l.Top, l.Left = true, true
	l.Legend.Draw(draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
		Min: vg.Point{X: inner.Max.X + legendPad, Y: dc.Max.Y - h + legendPad},
		Max: vg.Point{X: c.Max.X - legendPad, Y: dc.Max.Y - legendPad}}})
}

// covers reports whether the rectangle r of the canvas holds a data point
// or crosses a data line.
func (l *legend) covers(r vg.Rectangle, fx, fy func(float64) vg.Length) bool {
	in := func(x, y vg.Length) bool { return x >= r.Min.X && x <= r.Max.X && y >= r.Min.Y && y <= r.Max.Y }
	for _, a := range l.avoid {
		for i, pt := range a.xys {
			x, y := fx(pt.X), fy(pt.Y)
			if in(x, y) {
				return true
			}
			if a.line && i > 0 && segmentHits(fx(a.xys[i-1].X), fy(a.xys[i-1].Y), x, y, r) {
				return true
			}
		}
	}
	return false
}

// segmentHits reports whether the segment (x0, y0)–(x1, y1) meets r
// (Liang–Barsky clipping).
func segmentHits(x0, y0, x1, y1 vg.Length, r vg.Rectangle) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := float64(x1-x0), float64(y1-y0)
	for _, e := range [4][2]float64{
		{-dx, float64(x0 - r.Min.X)}, {dx, float64(r.Max.X - x0)},
		{-dy, float64(y0 - r.Min.Y)}, {dy, float64(r.Max.Y - y0)},
	} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}
