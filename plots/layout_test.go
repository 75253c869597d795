package plots

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"math"
	"regexp"
	"strings"
	"testing"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Every chart carries a PNG of itself beside the SVG: Jupyter shows the PNG
// where it will not show SVG (an untrusted notebook).
func TestChartsHavePNG(t *testing.T) {
	charts := testCharts()
	charts["panels"] = NewPanels("two units", NewLineChart("").Add("loss", []float64{3, 2, 1}),
		NewLineChart("").Add("perplexity", []float64{20, 7, 3}))
	for name, r := range charts {
		b := r.Render()
		if b[MIMESVG] == "" {
			t.Errorf("%s: no SVG (%s)", name, b[MIMEText])
			continue
		}
		raw, err := base64.StdEncoding.DecodeString(b[MIMEPNG])
		if err != nil {
			t.Errorf("%s: PNG is not base64: %v", name, err)
			continue
		}
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Errorf("%s: PNG does not decode: %v", name, err)
			continue
		}
		// The PNG has the SVG's size in CSS pixels (1 px = 0.75 pt).
		m := regexp.MustCompile(`width="([0-9.]+)pt" height="([0-9.]+)pt"`).FindStringSubmatch(b[MIMESVG])
		if m == nil {
			t.Errorf("%s: no size in the SVG", name)
			continue
		}
		if w := img.Bounds().Dx(); math.Abs(float64(w)-atof(m[1])/0.75) > 1 {
			t.Errorf("%s: PNG is %d px wide, the SVG %s pt", name, w, m[1])
		}
	}
}

func atof(s string) float64 {
	var f float64
	for i, c := range s {
		if c == '.' {
			frac := 0.1
			for _, d := range s[i+1:] {
				f += float64(d-'0') * frac
				frac /= 10
			}
			break
		}
		f = 10*f + float64(c-'0')
	}
	return f
}

// Every <text> of a chart's SVG is pinned to the width it was laid out at
// and names fonts that exist beyond Linux: a browser without Liberation
// Sans (which gonum measures with) still keeps labels inside the chart.
func TestSVGTextFits(t *testing.T) {
	for name, r := range testCharts() {
		svg := r.Render()[MIMESVG]
		texts := strings.Count(svg, "<text ")
		if texts == 0 {
			t.Errorf("%s: no text", name)
		}
		if n := strings.Count(svg, `lengthAdjust="spacingAndGlyphs"`); n != texts {
			t.Errorf("%s: %d of %d <text> elements have a textLength", name, n, texts)
		}
		if n := strings.Count(svg, "font-family:"+latinFamilies); n != texts {
			t.Errorf("%s: %d of %d <text> elements have the font-family list", name, n, texts)
		}
	}
}

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		min, max float64
		percent  bool
		want     string // the labelled ticks
	}{
		{0.515, 3.524, false, "1.0 1.5 2.0 2.5 3.0 3.5"},
		{250, 1000, false, "400 600 800 1000"},
		{0, 1200, false, "0 200 400 600 800 1000 1200"},
		{0.632, 0.766, false, "0.64 0.66 0.68 0.70 0.72 0.74 0.76"},
		{0, 1, true, "0% 20% 40% 60% 80% 100%"},
		{-2.5, 0.3, false, "-2.5 -2.0 -1.5 -1.0 -0.5 0.0"},
		{1e-5, 5e-5, false, "0.00001 0.00002 0.00003 0.00004 0.00005"},
		{0, 4.86e6, false, "0 1M 2M 3M 4M"},
		{0, 20000, false, "0 5k 10k 15k 20k"},
		{0, 3e6, false, "0 0.5M 1.0M 1.5M 2.0M 2.5M 3.0M"},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range (niceTicks{percent: tt.percent}).Ticks(tt.min, tt.max) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("ticks of [%v, %v] = %q, want %q", tt.min, tt.max, g, tt.want)
		}
	}
	if lo, hi := roundOut(0.008, 0.982); lo != 0 || hi != 1 {
		t.Errorf("roundOut(0.008, 0.982) = %v, %v; want 0, 1", lo, hi)
	}
	var got []string
	for _, tk := range (logTicks{}).Ticks(20, 1000) {
		if tk.Label != "" {
			got = append(got, tk.Label)
		}
	}
	if g := strings.Join(got, " "); g != "20 50 100 200 500 1000" {
		t.Errorf("log ticks of [20, 1000] = %q", g)
	}
	if integerTicks([]float64{1, 2, 3, 4, 5, 6}) == nil || integerTicks([]float64{0.5, 1, 2}) != nil || integerTicks([]float64{1, 2}) != nil {
		t.Error("integerTicks: want ticks for 1…6 only")
	}
}

// drawOn draws a chart on an in-memory canvas of the chart's size.
func drawOn(t *testing.T, ch chart) {
	t.Helper()
	w, h := ch.options().size()
	if err := ch.draw(draw.New(vgimg.New(w, h))); err != nil {
		t.Fatal(err)
	}
}

// The legend goes to a corner that holds no data, and to the margin when
// every corner does. Lesson 04's sparsity chart rises from bottom left to
// top right: its free corner is the bottom right.
func TestLegendOffData(t *testing.T) {
	sp := NewLineChart("sparsity")
	sp.Percent = true
	sp.AddXY("held-out n-grams unseen in training", []float64{1, 2, 3, 4, 5, 6}, []float64{0.008, 0.156, 0.507, 0.78, 0.905, 0.955})
	sp.AddXY("training n-gram types seen once", []float64{1, 2, 3, 4, 5, 6}, []float64{0.428, 0.664, 0.836, 0.927, 0.966, 0.982})
	p, l, err := sp.build()
	if err != nil {
		t.Fatal(err)
	}
	w, h := sp.options().size()
	c := draw.New(vgimg.New(w, h))
	l.draw(p, c)
	if l.Top || l.Left || l.placed.Size().X == 0 {
		t.Errorf("legend at top=%v left=%v placed=%v, want the bottom right corner", l.Top, l.Left, l.placed)
	}
	dc := p.DataCanvas(c)
	fx, fy := p.Transforms(&dc)
	if l.covers(l.placed, fx, fy) {
		t.Error("the legend covers data")
	}

	// Lesson 03's timing chart: a line along the top, two along the bottom;
	// the middle of the right side is free.
	tc := NewLineChart("timing")
	tc.LogY = true
	vs := []float64{250, 500, 1000}
	tc.AddXY("full softmax", vs, []float64{1.713, 3.884, 10.548}).AddXY("hierarchical softmax", vs, []float64{0.038, 0.033, 0.052}).
		AddXY("negative sampling (K=5)", vs, []float64{0.027, 0.037, 0.020})
	p, l, _ = tc.build()
	l.draw(p, draw.New(vgimg.New(w, h)))
	if !l.Top || l.Left || l.placed.Size().X == 0 {
		t.Errorf("timing chart: legend at top=%v left=%v placed=%v, want the middle of the right side", l.Top, l.Left, l.placed)
	}

	// A sawtooth across the whole plot: the legend moves to the margin.
	x := NewLineChart("x")
	var xs, ys []float64
	for i := range 41 {
		xs, ys = append(xs, float64(i)), append(ys, float64(i%2))
	}
	x.AddXY("saw", xs, ys).AddXY("flat", xs, make([]float64, len(xs)))
	p, l, _ = x.build()
	l.draw(p, draw.New(vgimg.New(w, h)))
	if l.placed.Size().X != 0 {
		t.Errorf("legend placed inside the data area at %v, over the lines", l.placed)
	}
}

// Scatter labels never overlap one another, and a crowded cluster shows
// fewer labels rather than overprinted ones.
func TestScatterLabelsDoNotCollide(t *testing.T) {
	s := &Scatter{ChartOptions: ChartOptions{Title: "cluster"}}
	for i := range 30 {
		a := float64(i) * 2.4
		s.X = append(s.X, 0.02*math.Cos(a)*float64(i%5))
		s.Y = append(s.Y, 0.02*math.Sin(a)*float64(i%5))
		s.Labels = append(s.Labels, strings.Repeat("w", 3+i%6))
	}
	s.X = append(s.X, 1)
	s.Y = append(s.Y, 1)
	s.Labels = append(s.Labels, "alone")
	p, l, err := s.build()
	if err != nil {
		t.Fatal(err)
	}
	rec := &recordCanvas{}
	w, h := s.options().size()
	rec.Canvas = vgimg.New(w, h)
	l.draw(p, draw.New(rec))
	if len(rec.boxes) == 0 || len(rec.boxes) >= len(s.Labels) {
		t.Fatalf("%d labels drawn of %d: want some, not all, in a crowded cluster", len(rec.boxes), len(s.Labels))
	}
	for i, a := range rec.boxes {
		for _, b := range rec.boxes[i+1:] {
			if a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y {
				t.Errorf("labels overlap: %v and %v", a, b)
			}
		}
	}
	if !rec.drew("alone") {
		t.Error("the isolated point lost its label")
	}
}

// recordCanvas records the box of every label-sized string drawn (the
// 9 pt scatter labels).
type recordCanvas struct {
	*vgimg.Canvas
	boxes []vg.Rectangle
	texts []string
}

func (r *recordCanvas) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Size == 9 {
		e := f.Extents()
		r.boxes = append(r.boxes, vg.Rectangle{Min: vg.Point{X: pt.X, Y: pt.Y - e.Descent}, Max: vg.Point{X: pt.X + f.Width(s), Y: pt.Y + e.Ascent}})
		r.texts = append(r.texts, s)
	}
	r.Canvas.FillString(f, pt, s)
}

func (r *recordCanvas) drew(s string) bool {
	for _, t := range r.texts {
		if t == s {
			return true
		}
	}
	return false
}

// CJK text is measured (and drawn, in PNG) with a CJK font when the
// system has one: two Han characters are two ems wide, not two empty
// boxes of Liberation's .notdef glyph.
func TestCJKText(t *testing.T) {
	if !loadCJK() {
		t.Skip("no CJK font on this system (Debian: apt-get install fonts-noto-cjk)")
	}
	h := cjkText{}
	h.Plain.Fonts = font.DefaultCache
	fnt := font.From(sansFont, 10)
	w, _, _ := h.Box("明月", fnt)
	if math.Abs(w.Points()-20) > 0.5 {
		t.Errorf("width of 明月 at 10 pt = %v pt, want 20 (two full-width glyphs)", w.Points())
	}
	lib := font.DefaultCache.Lookup(fnt, fnt.Size)
	if w2, _, _ := h.Box("moon", fnt); w2 != lib.Width("moon") {
		t.Error("Latin text is not measured in Liberation Sans")
	}
	sc := &Scatter{ChartOptions: ChartOptions{Title: "诗词"}, X: []float64{0, 1}, Y: []float64{0, 1}, Labels: []string{"明月", "moon"}}
	svg := sc.Render()[MIMESVG]
	if !strings.Contains(svg, "font-family:"+cjkFamilies) {
		t.Error("SVG text with Han characters does not name CJK fonts")
	}
	drawOn(t, sc)
}

// A heatmap too wide to print as a grid lists each row's largest cells.
func TestHeatmapTextSummary(t *testing.T) {
	v := make([][]float64, 20)
	labels := make([]string, 20)
	for i := range v {
		v[i] = make([]float64, 20)
		v[i][i] = 0.9
		if i > 0 {
			v[i][i-1] = 0.1
		}
		labels[i] = string(rune('a' + i))
	}
	txt := NewHeatmap("attention", v, labels, labels).Render()[MIMEText]
	if !strings.Contains(txt, "(20×20)") || !strings.Contains(txt, "c 0.9, b 0.1") || strings.Contains(txt, "a 0.9, b 0,") {
		t.Errorf("summary text:\n%s", txt)
	}
	if lines := strings.Count(txt, "\n"); lines > 30 {
		t.Errorf("summary has %d lines", lines)
	}
}
