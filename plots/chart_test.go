package plots

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"math"
	"strings"
	"testing"
)

// zipf returns counts proportional to 1/rank (Zipf's law), a classic log-log line.
func zipf(n int) (x, y []float64) {
	for r := 1; r <= n; r++ {
		x = append(x, float64(r))
		y = append(y, 1000/float64(r))
	}
	return x, y
}

func testCharts() map[string]Renderer {
	x, y := zipf(50)
	loss := make([]float64, 40)
	val := make([]float64, 40)
	for i := range loss {
		loss[i] = 3*math.Exp(-float64(i)/10) + 0.5
		val[i] = 3*math.Exp(-float64(i)/12) + 0.7
	}
	line := NewLineChart("loss")
	line.XLabel, line.YLabel = "epoch", "cross-entropy"
	line.Add("train", loss).Add("validation", val)
	logLog := NewLineChart("Zipf's law").AddXY("counts", x, y)
	logLog.LogX, logLog.LogY = true, true
	hist := NewHistogram("sentence length", []float64{3, 5, 5, 6, 7, 7, 7, 8, 9, 12, 15, 21})
	sc := &Scatter{ChartOptions: ChartOptions{Title: "words"},
		X: []float64{0, 1, 2, 3}, Y: []float64{1, 0.5, 2, 1.5},
		Labels: []string{"king", "queen", "man", "woman"}, Groups: []string{"royal", "royal", "person", "person"}}
	hm := NewHeatmap("attention", [][]float64{{0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.3, 0.3, 0.4}},
		[]string{"the", "cat", "sat"}, []string{"le", "chat", "assis"})
	return map[string]Renderer{
		"line":      line,
		"loglog":    logLog,
		"bar":       NewBarChart("next word", []string{"company", "first", "government"}, []float64{0.153, 0.0921, 0.0452}),
		"histogram": hist,
		"scatter":   sc,
		"heatmap":   hm,
	}
}

func TestChartsGolden(t *testing.T) {
	for name, r := range testCharts() {
		t.Run(name, func(t *testing.T) {
			b := r.Render()
			svg := b[MIMESVG]
			if !strings.HasPrefix(svg, "<?xml") || !strings.Contains(svg, "</svg>") {
				t.Fatalf("no SVG; text: %s", b[MIMEText])
			}
			if strings.Contains(svg, "http://") && strings.Count(svg, "http://") != strings.Count(svg, "http://www.w3.org/") {
				t.Error("SVG references something other than the SVG namespaces")
			}
			if again := r.Render()[MIMESVG]; again != svg {
				t.Error("SVG output is not deterministic")
			}
			golden(t, "chart_"+name+".golden.svg", svg)
			golden(t, "chart_"+name+".golden.txt", b[MIMEText])
		})
	}
}

func TestChartPNG(t *testing.T) {
	c := NewBarChart("b", []string{"a", "b"}, []float64{1, 2})
	c.PNG = true
	c.Width, c.Height = 320, 200
	b := c.Render()
	raw, err := base64.StdEncoding.DecodeString(b[MIMEPNG])
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	// 320×200 CSS px at 96 dpi: one image pixel per CSS pixel.
	if got := img.Bounds().Size(); got.X != 320 || got.Y != 200 {
		t.Errorf("PNG is %v, want 320×200", got)
	}
}

func TestChartErrors(t *testing.T) {
	tests := []struct {
		name string
		r    Renderer
		want string
	}{
		{"mismatched series", NewLineChart("x").AddXY("s", []float64{1}, []float64{1, 2}), "1 x values but 2"},
		{"log of negatives", &LineChart{Series: []Series{{Y: []float64{-1, -2}}}, LogY: true}, "no drawable points"},
		{"bar labels", NewBarChart("", []string{"a"}, nil), "1 labels but 0 values"},
		{"empty histogram", NewHistogram("", []float64{math.NaN()}), "no finite values"},
		{"scatter labels", &Scatter{X: []float64{1}, Y: []float64{1}, Labels: []string{}}, "1 points but 0 labels"},
		{"ragged heatmap", NewHeatmap("", [][]float64{{1, 2}, {3}}, nil, nil), "row 1 has 1 values"},
		{"heatmap NaN", NewHeatmap("", [][]float64{{math.NaN()}}, nil, nil), "non-finite"},
		// A negative size used to mean the default, a huge one to allocate
		// the PNG (4 bytes a pixel) whatever it took; negative bins meant
		// Sturges' rule, a billion of them gigabytes.
		{"negative width", &LineChart{ChartOptions: ChartOptions{Width: -1}, Series: []Series{{Y: []float64{1, 2}}}}, "plots: ChartOptions.Width must be in 0…8192 pixels (0: the default), got -1"},
		{"huge PNG", &BarChart{ChartOptions: ChartOptions{Height: 1 << 20, PNG: true}, Labels: []string{"a"}, Values: []float64{1}}, "ChartOptions.Height must be in 0…8192 pixels (0: the default), got 1048576"},
		{"negative bins", &Histogram{Values: []float64{1, 2, 3}, Bins: -3}, "plots: Histogram.Bins must be in 0…65536 (0: Sturges' rule), got -3"},
		{"a billion bins", &Histogram{Values: []float64{1, 2, 3}, Bins: 1 << 30}, "got 1073741824"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.r.Render()
			if b[MIMESVG] != "" || !strings.Contains(b[MIMEText], tt.want) {
				t.Errorf("got %q, want an error mentioning %q", b[MIMEText], tt.want)
			}
		})
	}
}
