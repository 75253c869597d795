package ngram

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/lingo-nlp/lingo/plots"
)

var (
	_ plots.Renderer = (*OrderCurve)(nil)
	_ plots.Renderer = (*Sparsity)(nil)
)

// OrderCurve is perplexity as a function of the order n, on the training
// sentences and on held-out ones.
type OrderCurve struct {
	Smoothing Smoothing
	Orders    []int
	Train     []float64 // perplexity on the training sentences
	Test      []float64 // perplexity on the held-out sentences (+Inf for MLE on unseen n-grams)
}

// PerplexityByOrder trains one model per order with cfg (Order is
// overridden) and evaluates it on train and test. It is the lecture's
// "perplexity vs n" experiment: training perplexity falls with n, held-out
// perplexity turns up once the n-grams get too sparse.
func PerplexityByOrder(train, test [][]string, orders []int, cfg Config) (*OrderCurve, error) {
	c := &OrderCurve{Orders: orders}
	for _, n := range orders {
		if n < 1 {
			return nil, fmt.Errorf("ngram: orders must be ≥ 1, got %d", n)
		}
		cfg.Order = n
		m, err := Train(train, cfg)
		if err != nil {
			return nil, err
		}
		c.Smoothing = m.cfg.Smoothing
		c.Train = append(c.Train, m.Perplexity(train))
		c.Test = append(c.Test, m.Perplexity(test))
	}
	return c, nil
}

// Render draws both curves (log scale); infinite perplexities are listed
// in the text but not drawn.
func (c *OrderCurve) Render() plots.Bundle {
	var t strings.Builder
	fmt.Fprintf(&t, "perplexity by order (%v)\n   n       train        test\n", c.Smoothing)
	for i, n := range c.Orders {
		fmt.Fprintf(&t, "%4d  %10.2f  %10.2f\n", n, c.Train[i], c.Test[i])
	}
	svg := lineChartSVG("Perplexity vs n ("+c.Smoothing.String()+")", "n (order)", "perplexity (log scale)", true, c.Orders,
		series{"train", c.Train}, series{"held-out", c.Test})
	return plots.Bundle{plots.MIMEText: t.String(), plots.MIMESVG: svg}
}

// Sparsity measures how many n-grams of held-out text were never seen in
// training, for n = 1 … N: the reason MLE fails and smoothing is needed.
type Sparsity struct {
	Orders []int
	// Unseen[i] is the share of held-out n-gram tokens of order Orders[i]
	// (in the padded sentences) that never occur in training.
	Unseen []float64
	// Singletons[i] is the share of distinct training n-grams of that
	// order seen exactly once.
	Singletons []float64
}

// MeasureSparsity counts the n-grams of train up to order maxN and checks
// those of test against them.
func MeasureSparsity(train, test [][]string, maxN int) (*Sparsity, error) {
	if maxN < 1 {
		return nil, fmt.Errorf("ngram: maxN must be ≥ 1, got %d", maxN)
	}
	m, err := Train(train, Config{Order: maxN, Smoothing: MLE})
	if err != nil {
		return nil, err
	}
	s := &Sparsity{}
	unseen := make([]int, maxN+1)
	total := make([]int, maxN+1)
	var buf []uint32
	for _, sent := range test {
		buf = append(buf[:0], bosID)
		buf = m.vocab.lookup(sent, buf)
		buf = append(buf, eosID)
		for i := 1; i < len(buf); i++ { // n-grams ending at each predicted token
			for n := 1; n <= maxN && i-n+1 >= 0; n++ {
				total[n]++
				if m.countIDs(buf[i-n+1:i+1]) == 0 {
					unseen[n]++
				}
			}
		}
	}
	for n := 1; n <= maxN; n++ {
		s.Orders = append(s.Orders, n)
		s.Unseen = append(s.Unseen, float64(unseen[n])/math.Max(1, float64(total[n])))
		coc := m.t.countsOfCounts(n, false, 1)
		s.Singletons = append(s.Singletons, float64(coc[1])/math.Max(1, float64(m.NumNGrams(n))))
	}
	return s, nil
}

// Render draws the share of unseen held-out n-grams and of training
// singletons against n.
func (s *Sparsity) Render() plots.Bundle {
	var t strings.Builder
	t.WriteString("sparsity by order\n   n   unseen in held-out   singletons in training\n")
	for i, n := range s.Orders {
		fmt.Fprintf(&t, "%4d   %17.1f%%   %21.1f%%\n", n, 100*s.Unseen[i], 100*s.Singletons[i])
	}
	pct := func(xs []float64) []float64 {
		out := make([]float64, len(xs))
		for i, x := range xs {
			out[i] = 100 * x
		}
		return out
	}
	svg := lineChartSVG("Sparsity vs n", "n (order)", "% of n-grams", false, s.Orders,
		series{"held-out n-grams unseen in training", pct(s.Unseen)}, series{"training n-gram types seen once", pct(s.Singletons)})
	return plots.Bundle{plots.MIMEText: t.String(), plots.MIMESVG: svg}
}

type series struct {
	name string
	y    []float64
}

// lineChartSVG draws the series against xs with gonum/plot and returns the
// SVG text (or an empty string if plotting fails). Non-finite points are
// skipped.
func lineChartSVG(title, xlabel, ylabel string, logY bool, xs []int, ss ...series) string {
	p := linePlot(title, xlabel, ylabel, logY, xs, ss...)
	c := vgsvg.New(5*vg.Inch, 3.2*vg.Inch)
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return ""
	}
	return buf.String()
}

func linePlot(title, xlabel, ylabel string, logY bool, xs []int, ss ...series) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	if logY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = logTicks{}
	}
	p.X.Tick.Marker = intTicks(xs)
	p.Legend.Top = true
	for i, s := range ss {
		var pts plotter.XYs
		for j, x := range xs {
			y := s.y[j]
			if math.IsInf(y, 0) || math.IsNaN(y) || (logY && y <= 0) {
				continue
			}
			pts = append(pts, plotter.XY{X: float64(x), Y: y})
		}
		if len(pts) == 0 {
			continue
		}
		l, sc, err := plotter.NewLinePoints(pts)
		if err != nil {
			continue
		}
		l.Color = plotColors[i%len(plotColors)]
		sc.Color = l.Color
		sc.Shape = draw.CircleGlyph{}
		p.Add(l, sc)
		p.Legend.Add(s.name, l, sc)
	}
	// Head room for the legend above the data.
	if logY {
		p.Y.Max *= 3
	} else {
		p.Y.Min = math.Min(p.Y.Min, 0)
		p.Y.Max *= 1.35
	}
	return p
}

// logTicks labels 1, 2 and 5 times the powers of ten in range.
type logTicks struct{}

func (logTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for e := math.Floor(math.Log10(min)); e <= math.Ceil(math.Log10(max)); e++ {
		for _, m := range []float64{1, 2, 5} {
			v := m * math.Pow(10, e)
			if v >= min && v <= max {
				out = append(out, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', -1, 64)})
			}
		}
	}
	return out
}

type intTicks []int

func (t intTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	for _, x := range t {
		out = append(out, plot.Tick{Value: float64(x), Label: fmt.Sprint(x)})
	}
	return out
}

var plotColors = []color.Color{
	color.RGBA{R: 0x48, G: 0x78, B: 0xd0, A: 0xff},
	color.RGBA{R: 0xee, G: 0x85, B: 0x4a, A: 0xff},
	color.RGBA{R: 0x6a, G: 0xcc, B: 0x64, A: 0xff},
}
