package plots

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A Heatmap colours the cells of a matrix (attention weights, confusion
// matrices, co-occurrence counts), with row and column labels and a colour
// bar. Row 0 is drawn at the top, as a matrix is written.
type Heatmap struct {
	ChartOptions
	Values               [][]float64
	RowLabels, ColLabels []string
	// ShowValues writes each cell's value in it; by default it is on for
	// matrices of at most 12×12 cells.
	ShowValues *bool
}

var _ Renderer = (*Heatmap)(nil)

// NewHeatmap returns a heatmap of values[row][col].
func NewHeatmap(title string, values [][]float64, rowLabels, colLabels []string) *Heatmap {
	return &Heatmap{ChartOptions: ChartOptions{Title: title}, Values: values, RowLabels: rowLabels, ColLabels: colLabels}
}

// HeatmapOf returns a heatmap of a gonum matrix.
func HeatmapOf(title string, m mat.Matrix, rowLabels, colLabels []string) *Heatmap {
	r, c := m.Dims()
	v := make([][]float64, r)
	for i := range v {
		v[i] = make([]float64, c)
		for j := range v[i] {
			v[i][j] = m.At(i, j)
		}
	}
	return NewHeatmap(title, v, rowLabels, colLabels)
}

// options fills in a size that gives every row and column about 14 px
// when the caller set none: a 41×41 attention map gets 734×694 px, not a
// 640×400 box where its labels overprint.
func (h *Heatmap) options() ChartOptions {
	o := h.ChartOptions
	if len(h.Values) == 0 {
		return o
	}
	rows, cols := len(h.Values), len(h.Values[0])
	if o.Width <= 0 {
		o.Width = min(max(DefaultChartWidth, 14*cols+160), 1200)
	}
	if o.Height <= 0 {
		o.Height = min(max(DefaultChartHeight, 14*rows+120), 1200)
	}
	return o
}

// grid adapts the matrix to plotter.GridXYZ, flipping rows so row 0 is on top.
type grid struct{ v [][]float64 }

func (g grid) Dims() (c, r int)           { return len(g.v[0]), len(g.v) }
func (g grid) Z(c, r int) float64         { return g.v[len(g.v)-1-r][c] }
func (g grid) X(c int) float64            { return float64(c) }
func (g grid) Y(r int) float64            { return float64(r) }
func (h *Heatmap) dims() (rows, cols int) { return len(h.Values), len(h.Values[0]) }

func (h *Heatmap) check() (lo, hi float64, err error) {
	if len(h.Values) == 0 || len(h.Values[0]) == 0 {
		return 0, 0, fmt.Errorf("plots: heatmap %q is empty", h.Title)
	}
	rows, cols := h.dims()
	if h.RowLabels != nil && len(h.RowLabels) != rows {
		return 0, 0, fmt.Errorf("plots: heatmap has %d rows but %d row labels", rows, len(h.RowLabels))
	}
	if h.ColLabels != nil && len(h.ColLabels) != cols {
		return 0, 0, fmt.Errorf("plots: heatmap has %d columns but %d column labels", cols, len(h.ColLabels))
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for i, r := range h.Values {
		if len(r) != cols {
			return 0, 0, fmt.Errorf("plots: heatmap row %d has %d values, row 0 has %d", i, len(r), cols)
		}
		for _, v := range r {
			if !isFinite(v) {
				return 0, 0, fmt.Errorf("plots: heatmap row %d has a non-finite value %v", i, v)
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	return lo, hi, nil
}

// colorMap is sequential white→blue for data of one sign and diverging
// blue–white–red, centred on zero, for data of both signs.
func colorMap(lo, hi float64) (palette.ColorMap, error) {
	if lo < 0 && hi > 0 {
		m := moreland.SmoothBlueRed()
		a := math.Max(-lo, hi)
		m.SetMin(-a)
		m.SetMax(a)
		return m, nil
	}
	return &ramp{stops: blues, min: lo, max: hi}, nil
}

// blues is a light-to-dark blue ramp (ColorBrewer "Blues" end points).
var blues = []color.NRGBA{{0xf7, 0xfb, 0xff, 0xff}, {0x6b, 0xae, 0xd6, 0xff}, {0x08, 0x30, 0x6b, 0xff}}

// ramp is a palette.ColorMap interpolating linearly between colour stops.
type ramp struct {
	stops    []color.NRGBA
	min, max float64
}

func (r *ramp) At(v float64) (color.Color, error) {
	if v < r.min || v > r.max || r.max <= r.min {
		return nil, palette.ErrOverflow
	}
	t := (v - r.min) / (r.max - r.min) * float64(len(r.stops)-1)
	i := min(int(t), len(r.stops)-2)
	f := t - float64(i)
	a, b := r.stops[i], r.stops[i+1]
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + f*(float64(y)-float64(x)))) }
	return color.NRGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}, nil
}
func (r *ramp) Max() float64     { return r.max }
func (r *ramp) SetMax(v float64) { r.max = v }
func (r *ramp) Min() float64     { return r.min }
func (r *ramp) SetMin(v float64) { r.min = v }
func (r *ramp) Alpha() float64   { return 1 }
func (r *ramp) SetAlpha(float64) {}
func (r *ramp) Palette(n int) palette.Palette {
	cs := make([]color.Color, n)
	for i := range cs {
		v := r.min
		if n > 1 {
			v += (r.max - r.min) * float64(i) / float64(n-1)
		}
		cs[i], _ = r.At(v)
	}
	return colors(cs)
}

type colors []color.Color

func (c colors) Colors() []color.Color { return c }

func (h *Heatmap) showValues() bool {
	if h.ShowValues != nil {
		return *h.ShowValues
	}
	r, c := h.dims()
	return r <= 12 && c <= 12
}

// Plot builds the heatmap without its colour bar (the bar is a second plot
// drawn beside it by Render and WriteTo).
func (h *Heatmap) Plot() (*plot.Plot, error) {
	p, _, err := h.plots()
	return p, err
}

func (h *Heatmap) plots() (main, bar *plot.Plot, err error) {
	lo, hi, err := h.check()
	if err != nil {
		return nil, nil, err
	}
	cm, err := colorMap(lo, hi)
	if err != nil {
		return nil, nil, fmt.Errorf("plots: %w", err)
	}
	rows, cols := h.dims()
	o := h.ChartOptions
	main = newPlot(o)
	main.Add(plotter.NewHeatMap(grid{h.Values}, cm.Palette(256)))
	main.X.Padding, main.Y.Padding = 0, 0
	if h.ColLabels != nil {
		labels := make([]string, cols)
		for j, l := range h.ColLabels {
			labels[j] = clip(l, 16)
		}
		main.NominalX(labels...)
		if cols > 6 {
			main.X.Tick.Label.Rotation = math.Pi / 4
			main.X.Tick.Label.XAlign = draw.XRight
			main.X.Tick.Label.YAlign = draw.YCenter
		}
	}
	if h.RowLabels != nil {
		labels := make([]string, rows)
		for i, l := range h.RowLabels {
			labels[rows-1-i] = clip(l, 16)
		}
		main.NominalY(labels...)
	}
	if h.showValues() {
		var pts plotter.XYs
		var labels []string
		var styles []text.Style
		for i, r := range h.Values {
			for j, v := range r {
				pts = append(pts, plotter.XY{X: float64(j), Y: float64(rows - 1 - i)})
				labels = append(labels, FormatNumber(roundTo(v, 2)))
				c := color.Color(color.Black)
				if cl, err := cm.At(v); err == nil && luma(cl) < 0.5 {
					c = color.White
				}
				styles = append(styles, text.Style{Color: c, Font: font.From(sansFont, 9),
					XAlign: draw.XCenter, YAlign: draw.YCenter, Handler: main.TextHandler})
			}
		}
		l, err := plotter.NewLabels(plotter.XYLabels{XYs: pts, Labels: labels})
		if err != nil {
			return nil, nil, fmt.Errorf("plots: %w", err)
		}
		l.TextStyle = styles
		main.Add(l)
	}
	bar = plot.New()
	bar.HideX()
	bar.Y.Tick.Label.Font = font.From(sansFont, 10)
	bar.Y.Padding = 0
	bar.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true, Colors: 64})
	return main, bar, nil
}

// roundTo rounds v to d significant-looking decimals for cell labels.
func roundTo(v float64, d int) float64 {
	s := math.Pow(10, float64(d))
	return math.Round(v*s) / s
}

// luma is the relative brightness of c in [0,1].
func luma(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.299*float64(r) + 0.587*float64(g) + 0.114*float64(b)) / 0xffff
}

func (h *Heatmap) draw(dc draw.Canvas) (err error) {
	main, bar, err := h.plots()
	if err != nil {
		return err
	}
	defer recoverTo(&err)
	const barWidth = 60 // pt, colour bar with its tick labels
	w := dc.Max.X - dc.Min.X
	main.Draw(draw.Crop(dc, 0, -barWidth, 0, 0))
	// The bar spans the plot area: leave room for the title above and
	// the column labels below.
	top := vg.Length(0)
	if h.Title != "" {
		top = -28
	}
	bar.Draw(draw.Crop(dc, w-barWidth+8, -8, 40, top))
	return nil
}

// maxTextCols is the widest heatmap whose text form is the full grid;
// wider ones list each row's largest cells.
const maxTextCols = 12

func (h *Heatmap) text() string {
	lo, hi, err := h.check()
	if err != nil {
		return err.Error()
	}
	rows, cols := h.dims()
	rowLabel := func(i int) string {
		if h.RowLabels != nil {
			return h.RowLabels[i]
		}
		return fmt.Sprint(i)
	}
	colLabel := func(j int) string {
		if h.ColLabels != nil {
			return h.ColLabels[j]
		}
		return fmt.Sprint(j)
	}
	head := fmt.Sprintf("%s (%d×%d)", titled(h.ChartOptions, "heatmap"), rows, cols)
	if cols > maxTextCols {
		t := NewTable("row", "largest values").Limit(60)
		for i := range rows {
			idx := make([]int, cols)
			for j := range idx {
				idx[j] = j
			}
			sort.SliceStable(idx, func(a, b int) bool { return h.Values[i][idx[a]] > h.Values[i][idx[b]] })
			var top []string
			for _, j := range idx[:3] {
				if v := h.Values[i][j]; v != 0 {
					top = append(top, fmt.Sprintf("%s %s", colLabel(j), FormatNumber(roundTo(v, 3))))
				}
			}
			t.Row(rowLabel(i), strings.Join(top, ", "))
		}
		return fmt.Sprintf("%s, values %s to %s; each row's three largest:\n%s", head, FormatNumber(lo), FormatNumber(hi), t.String())
	}
	header := []string{""}
	for j := range cols {
		header = append(header, colLabel(j))
	}
	t := NewTable(header...).Limit(-1)
	for i := range rows {
		row := []any{rowLabel(i)}
		for _, v := range h.Values[i] {
			row = append(row, roundTo(v, 3))
		}
		t.Row(row...)
	}
	return head + "\n" + t.String()
}

// Render draws the heatmap as SVG (PNG if h.PNG) with a text grid of values.
func (h *Heatmap) Render() Bundle { return renderChart(h) }

// WriteTo writes the heatmap as SVG (PNG if h.PNG) to w.
func (h *Heatmap) WriteTo(w io.Writer) (int64, error) { return writeChart(w, h, h.PNG) }
