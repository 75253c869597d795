package plots

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// labelLayer draws the labels of a scatter's points without collisions.
// Each label, in order, takes the first free place around its point:
// right, left, above, below, then the four diagonals; then the same
// directions further out, joined to the point by a thin leader line. A
// place is free if it lies inside the data area and overlaps no label
// placed before, no point other than its own, and not the legend. A label
// with no free place is not drawn.
type labelLayer struct {
	pts    plotter.XYs
	labels []string
	style  text.Style
	radius vg.Length // of the point markers
	legend *legend   // its placed rectangle is kept clear
	shown  int       // labels drawn by the last Plot
}

var _ plot.Plotter = (*labelLayer)(nil)

// Plot implements plot.Plotter.
func (ll *labelLayer) Plot(c draw.Canvas, p *plot.Plot) {
	fx, fy := p.Transforms(&c)
	type pt struct{ x, y vg.Length }
	at := make([]pt, len(ll.pts))
	for i, q := range ll.pts {
		at[i] = pt{fx(q.X), fy(q.Y)}
	}
	overlaps := func(a, b vg.Rectangle) bool {
		return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
	}
	var placed []vg.Rectangle
	if ll.legend != nil && ll.legend.placed.Size().X > 0 {
		placed = append(placed, ll.legend.placed)
	}
	r := ll.radius + 1
	ll.shown = 0
	for i, label := range ll.labels {
		if label == "" {
			continue
		}
		w, h := ll.style.Width(label), ll.style.Height(label)
		for _, far := range []vg.Length{0, 3 * r} {
			gap := r + 1 + far
			// Lower-left corners of the candidate boxes, in order.
			cands := []vg.Point{
				{X: at[i].x + gap, Y: at[i].y - h/2},         // right
				{X: at[i].x - gap - w, Y: at[i].y - h/2},     // left
				{X: at[i].x - w/2, Y: at[i].y + gap},         // above
				{X: at[i].x - w/2, Y: at[i].y - gap - h},     // below
				{X: at[i].x + gap*0.7, Y: at[i].y + gap*0.7}, // above right
				{X: at[i].x - gap*0.7 - w, Y: at[i].y + gap*0.7},
				{X: at[i].x + gap*0.7, Y: at[i].y - gap*0.7 - h},
				{X: at[i].x - gap*0.7 - w, Y: at[i].y - gap*0.7 - h},
			}
			done := false
			for _, m := range cands {
				box := vg.Rectangle{Min: m, Max: vg.Point{X: m.X + w, Y: m.Y + h}}
				if box.Min.X < c.Min.X || box.Max.X > c.Max.X || box.Min.Y < c.Min.Y || box.Max.Y > c.Max.Y {
					continue
				}
				free := true
				for _, b := range placed {
					if overlaps(box, b) {
						free = false
						break
					}
				}
				for j := 0; free && j < len(at); j++ {
					if j != i && overlaps(box, vg.Rectangle{Min: vg.Point{X: at[j].x - r, Y: at[j].y - r}, Max: vg.Point{X: at[j].x + r, Y: at[j].y + r}}) {
						free = false
					}
				}
				if !free {
					continue
				}
				placed = append(placed, box)
				if far > 0 {
					// A leader from the point's edge to the nearest point of the box.
					ex := max(box.Min.X, min(at[i].x, box.Max.X))
					ey := max(box.Min.Y, min(at[i].y, box.Max.Y))
					c.StrokeLine2(draw.LineStyle{Color: color.Gray{0xa0}, Width: vg.Points(0.5)}, at[i].x, at[i].y, ex, ey)
				}
				c.FillText(ll.style, vg.Point{X: box.Min.X, Y: box.Min.Y}, label)
				ll.shown++
				done = true
				break
			}
			if done {
				break
			}
		}
	}
}
