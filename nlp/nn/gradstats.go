package nn

import (
	"fmt"
	"math"
	"strings"

	"github.com/lingo-nlp/lingo/plots"
)

// GradStats records, at chosen training steps, the L2 norm of the gradient
// of every layer (the parameters sharing a name up to the last dot, so
// "blocks.0.fc.weight" and "blocks.0.fc.bias" form layer "blocks.0.fc").
// Plotted over training on a log scale it shows gradients vanishing in the
// early layers of a deep tanh network or an unrolled RNN, and exploding
// ones before clipping.
type GradStats struct {
	Layers []string
	Steps  []int
	Norms  [][]float64 // Norms[k][j]: step Steps[k], layer Layers[j]
}

var _ plots.Renderer = (*GradStats)(nil)

// Layer returns the layer of a parameter name: everything before the last dot.
func Layer(param string) string {
	if i := strings.LastIndexByte(param, '.'); i >= 0 {
		return param[:i]
	}
	return param
}

// Record appends the gradient norms of ps's layers at the given step. Call
// it after Backward and before ZeroGrad.
func (s *GradStats) Record(step int, ps Params) {
	sq := map[string]float64{}
	for _, p := range ps {
		l := Layer(p.Name)
		if _, ok := sq[l]; !ok {
			sq[l] = 0
			if !contains(s.Layers, l) {
				s.Layers = append(s.Layers, l)
			}
		}
		for _, g := range p.T.Grad {
			sq[l] += float64(g) * float64(g)
		}
	}
	row := make([]float64, len(s.Layers))
	for j, l := range s.Layers {
		row[j] = math.NaN() // layer absent at this step
		if v, ok := sq[l]; ok {
			row[j] = math.Sqrt(v)
		}
	}
	s.Steps = append(s.Steps, step)
	s.Norms = append(s.Norms, row)
}

func contains(list []string, x string) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// Series returns the norms of one layer over the recorded steps.
func (s *GradStats) Series(layer string) []float64 {
	var out []float64
	for j, l := range s.Layers {
		if l == layer {
			for _, row := range s.Norms {
				if j < len(row) {
					out = append(out, row[j])
				} else {
					out = append(out, math.NaN())
				}
			}
		}
	}
	return out
}

// Table summarises each layer: first, last, minimum and maximum norm.
func (s *GradStats) Table() *plots.Table {
	t := plots.NewTable("layer", "first", "last", "min", "max")
	for _, l := range s.Layers {
		ys := s.Series(l)
		first, last, lo, hi := math.NaN(), math.NaN(), math.Inf(1), math.Inf(-1)
		for _, y := range ys {
			if math.IsNaN(y) {
				continue
			}
			if math.IsNaN(first) {
				first = y
			}
			last, lo, hi = y, math.Min(lo, y), math.Max(hi, y)
		}
		t.Row(l, first, last, lo, hi)
	}
	for _, c := range []string{"first", "last", "min", "max"} {
		t.Format(c, "%.3g")
	}
	return t
}

// Chart draws every layer's gradient norm against the step, log scale.
func (s *GradStats) Chart() *plots.LineChart {
	c := plots.NewLineChart("gradient norm per layer")
	c.XLabel, c.YLabel, c.LogY = "step", "‖∂L/∂θ‖₂", true
	x := make([]float64, len(s.Steps))
	for i, st := range s.Steps {
		x[i] = float64(st)
	}
	for _, l := range s.Layers {
		c.AddXY(l, x, s.Series(l))
	}
	return c
}

// Render shows the chart above the summary table.
func (s *GradStats) Render() plots.Bundle {
	if len(s.Steps) == 0 {
		return plots.Bundle{plots.MIMEText: "GradStats: nothing recorded"}
	}
	chart, table := s.Chart().Render(), s.Table().Render()
	return plots.Bundle{
		plots.MIMEText: fmt.Sprintf("gradient norms over %d recorded steps\n%s", len(s.Steps), table[plots.MIMEText]),
		plots.MIMEHTML: "<div>" + chartHTML(chart) + table[plots.MIMEHTML] + "</div>",
	}
}

func chartHTML(b plots.Bundle) string {
	if h, ok := b[plots.MIMEHTML]; ok {
		return h
	}
	if svg, ok := b[plots.MIMESVG]; ok {
		return svg
	}
	if png, ok := b[plots.MIMEPNG]; ok {
		return `<img src="data:image/png;base64,` + png + `">`
	}
	return "<pre>" + b[plots.MIMEText] + "</pre>"
}
