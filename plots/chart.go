package plots

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image/color"
	"io"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Default chart size in CSS pixels: wide enough to read, narrow enough to
// sit in a notebook column without scrolling.
const (
	DefaultChartWidth  = 640
	DefaultChartHeight = 400
)

// ChartOptions are the settings every chart shares. The zero value gives an
// untitled 640×400 SVG chart.
type ChartOptions struct {
	Title, XLabel, YLabel string
	// Width and Height in CSS pixels, at most MaxChartSize; 0 means
	// DefaultChartWidth/Height.
	Width, Height int
	// PNG makes Render produce only a PNG image, no SVG (for very dense
	// charts). By default Render gives SVG and a PNG of the same chart.
	PNG bool
}

// MaxChartSize bounds a chart's Width and Height in CSS pixels: a PNG of
// 8192×8192 pixels already takes 256 MB to draw.
const MaxChartSize = 8192

// Validate returns an error naming Width or Height if it is negative or
// more than MaxChartSize. Rendering an invalid chart shows the error.
func (o ChartOptions) Validate() error {
	for _, f := range []struct {
		name string
		v    int
	}{{"Width", o.Width}, {"Height", o.Height}} {
		if f.v < 0 || f.v > MaxChartSize {
			return fmt.Errorf("plots: ChartOptions.%s must be in 0…%d pixels (0: the default), got %d", f.name, MaxChartSize, f.v)
		}
	}
	return nil
}

func (o ChartOptions) size() (w, h vg.Length) {
	wp, hp := o.Width, o.Height
	if wp <= 0 {
		wp = DefaultChartWidth
	}
	if hp <= 0 {
		hp = DefaultChartHeight
	}
	// 1 CSS pixel is 0.75 pt; SVG sizes are written in pt.
	return vg.Length(wp) * 0.75, vg.Length(hp) * 0.75
}

// chart is what every chart type implements: draw itself onto a canvas and
// describe itself in a few lines of text.
type chart interface {
	options() ChartOptions
	draw(c draw.Canvas) error
	text() string
}

// palette10 is a categorical colour cycle (Tableau 10), distinguishable
// by most colour-blind readers for the first five.
var palette10 = []color.RGBA{
	{0x4c, 0x78, 0xa8, 0xff}, {0xf5, 0x85, 0x18, 0xff}, {0xe4, 0x57, 0x56, 0xff},
	{0x72, 0xb7, 0xb2, 0xff}, {0x54, 0xa2, 0x4b, 0xff}, {0xee, 0xca, 0x3b, 0xff},
	{0xb2, 0x79, 0xa2, 0xff}, {0xff, 0x9d, 0xa6, 0xff}, {0x9d, 0x75, 0x5d, 0xff},
	{0xba, 0xb0, 0xac, 0xff},
}

func seriesColor(i int) color.Color { return palette10[i%len(palette10)] }

var sansFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// newPlot returns a plot with Lingo's look: sans-serif fonts sized for a
// notebook, a light grid, ticks at round numbers with short labels. Charts
// put their legend in a *legend, which drawPlot places off the data.
func newPlot(o ChartOptions) *plot.Plot {
	p := plot.New()
	p.Title.Text = tr(o.Title)
	p.Title.TextStyle.Font = font.From(sansFont, 14)
	p.Title.Padding = vg.Points(6)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sansFont, 12)
		a.Tick.Label.Font = font.From(sansFont, 10)
		a.Tick.Marker = niceTicks{}
	}
	p.X.Label.Text = tr(o.XLabel)
	p.Y.Label.Text = tr(o.YLabel)
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{0xe6}
	g.Horizontal.Color = color.Gray{0xe6}
	p.Add(g)
	return p
}

// drawPlot draws p, with its legend l (nil for none) placed off the data,
// and turns a panic inside gonum/plot (it panics on some degenerate data)
// into an error, so bad user data never crashes a notebook.
func drawPlot(p *plot.Plot, l *legend, c draw.Canvas) (err error) {
	defer recoverTo(&err)
	l.draw(p, c)
	return nil
}

// recoverTo turns a panic into an error.
func recoverTo(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("plots: cannot draw chart: %v", r)
	}
}

// writeChart draws ch as SVG (or PNG) to w.
func writeChart(w io.Writer, ch chart, png bool) (int64, error) {
	if err := ch.options().Validate(); err != nil {
		return 0, err
	}
	width, height := ch.options().size()
	if png {
		// 96 dpi: one image pixel per CSS pixel.
		c := vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(96))}
		if err := ch.draw(draw.New(c)); err != nil {
			return 0, err
		}
		return c.WriteTo(w)
	}
	c := &svgCanvas{Canvas: vgsvg.New(width, height)}
	if err := ch.draw(draw.New(c)); err != nil {
		return 0, err
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return 0, err
	}
	n, err := io.WriteString(w, c.fixText(buf.String()))
	return int64(n), err
}

// renderChart is the Render of every chart type: SVG with a PNG beside it
// (Jupyter shows the PNG where it may not show SVG: in an untrusted
// notebook), or PNG alone if the options ask for it, and the chart's text.
func renderChart(ch chart) Bundle {
	o := ch.options()
	b := Bundle{MIMEText: ch.text()}
	if !o.PNG {
		var svg bytes.Buffer
		if _, err := writeChart(&svg, ch, false); err != nil {
			return Bundle{MIMEText: err.Error()}
		}
		b[MIMESVG] = svg.String()
	}
	var png bytes.Buffer
	if _, err := writeChart(&png, ch, true); err != nil {
		return Bundle{MIMEText: err.Error()}
	}
	b[MIMEPNG] = base64.StdEncoding.EncodeToString(png.Bytes())
	return b
}

// titled prefixes a text summary with the chart title.
func titled(o ChartOptions, kind string) string {
	if o.Title == "" {
		return kind
	}
	return kind + " " + fmt.Sprintf("%q", tr(o.Title))
}
