package plots

import (
	"fmt"
	"io"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// A Histogram counts values into equal-width bins (sentence lengths,
// cosine similarities, gradient norms).
type Histogram struct {
	ChartOptions
	Values []float64
	// Bins is the number of bins, at most MaxBins; 0 chooses Sturges'
	// rule, ⌈log₂ n⌉ + 1.
	Bins int
	// Normalize scales the bars to a density (total area 1).
	Normalize bool
}

var _ Renderer = (*Histogram)(nil)

// NewHistogram returns a histogram of values.
func NewHistogram(title string, values []float64) *Histogram {
	return &Histogram{ChartOptions: ChartOptions{Title: title}, Values: values}
}

func (h *Histogram) options() ChartOptions { return h.ChartOptions }

func (h *Histogram) finite() plotter.Values {
	var v plotter.Values
	for _, x := range h.Values {
		if isFinite(x) {
			v = append(v, x)
		}
	}
	return v
}

func (h *Histogram) bins(n int) int {
	if h.Bins > 0 {
		return h.Bins
	}
	return int(math.Ceil(math.Log2(float64(max(n, 1))))) + 1
}

// MaxBins bounds Histogram.Bins.
const MaxBins = 1 << 16

// Plot builds the gonum plot.
func (h *Histogram) Plot() (*plot.Plot, error) {
	if err := h.checkBins(); err != nil {
		return nil, err
	}
	v := h.finite()
	if len(v) == 0 {
		return nil, fmt.Errorf("plots: histogram %q has no finite values", h.Title)
	}
	hist, err := plotter.NewHist(v, h.bins(len(v)))
	if err != nil {
		return nil, fmt.Errorf("plots: %w", err)
	}
	if h.Normalize {
		hist.Normalize(1)
	}
	hist.FillColor = seriesColor(0)
	hist.LineStyle.Color = seriesColor(0)
	p := newPlot(h.ChartOptions)
	p.Add(hist)
	return p, nil
}

func (h *Histogram) draw(dc draw.Canvas) error {
	p, err := h.Plot()
	if err != nil {
		return err
	}
	return drawPlot(p, nil, dc)
}

func (h *Histogram) text() string {
	v := h.finite()
	var sb strings.Builder
	sb.WriteString(titled(h.ChartOptions, "histogram"))
	if len(v) == 0 {
		return sb.String() + " (no values)"
	}
	if err := h.checkBins(); err != nil { // before binning: a billion bins would take gigabytes
		return sb.String() + ": " + err.Error()
	}
	hist, err := plotter.NewHist(v, h.bins(len(v)))
	if err != nil {
		return sb.String() + ": " + err.Error()
	}
	fmt.Fprintf(&sb, " (%d values)", len(v))
	t := NewTable("from", "to", "count").Bar("count").Limit(-1)
	for _, b := range hist.Bins {
		t.Row(b.Min, b.Max, b.Weight)
	}
	return sb.String() + "\n" + t.String()
}

// Render draws the histogram as SVG (PNG if h.PNG) with a text table of bins.
func (h *Histogram) Render() Bundle { return renderChart(h) }

// WriteTo writes the histogram as SVG (PNG if h.PNG) to w.
func (h *Histogram) WriteTo(w io.Writer) (int64, error) { return writeChart(w, h, h.PNG) }

// checkBins reports a bin count outside 0…MaxBins.
func (h *Histogram) checkBins() error {
	if h.Bins < 0 || h.Bins > MaxBins {
		return fmt.Errorf("plots: Histogram.Bins must be in 0…%d (0: Sturges' rule), got %d", MaxBins, h.Bins)
	}
	return nil
}
