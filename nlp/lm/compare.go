package lm

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/lingo-nlp/lingo/nlp/training"
	"github.com/lingo-nlp/lingo/plots"
)

// Comparison is the lecture's table: several language models scored on
// the same test stream, with their size and training time (lesson 05 adds
// n-gram models with lmex.NGram). It displays as
// a table and a bar chart of perplexities.
type Comparison struct {
	Title string
	Rows  []ComparisonRow
}

// ComparisonRow is one model's line.
type ComparisonRow struct {
	Model      string
	Params     int           // trainable parameters (n-grams: distinct n-grams stored)
	Train      time.Duration // training time
	Perplexity float64       // on the test stream
}

var _ plots.Renderer = (*Comparison)(nil)

// Add appends a row and returns c.
func (c *Comparison) Add(model string, params int, train time.Duration, ppl float64) *Comparison {
	c.Rows = append(c.Rows, ComparisonRow{model, params, train, ppl})
	return c
}

// AddModel scores m on test and appends its row; h (may be nil) gives the
// training time.
func (c *Comparison) AddModel(m Model, h *training.History, test []int) *Comparison {
	var d time.Duration
	if h != nil {
		d = h.Elapsed
	}
	return c.Add(m.Name(), m.Params().Count(), d, m.Perplexity(test))
}

// Table returns the rows as a table.
func (c *Comparison) Table() *plots.Table {
	t := plots.NewTable("model", "parameters", "training", "perplexity").Format("perplexity", "%.2f").Bar("perplexity").Limit(-1)
	for _, r := range c.Rows {
		t.Row(r.Model, r.Params, r.Train.Round(100*time.Millisecond).String(), r.Perplexity)
	}
	t.Caption = c.Title
	return t
}

// Chart returns the perplexities as a bar chart.
func (c *Comparison) Chart() *plots.BarChart {
	var labels []string
	var vals []float64
	for _, r := range c.Rows {
		labels, vals = append(labels, r.Model), append(vals, r.Perplexity)
	}
	title := c.Title
	if title == "" {
		title = "test perplexity (lower is better)"
	}
	return plots.NewBarChart(title, labels, vals)
}

// Render shows the table above the chart.
func (c *Comparison) Render() plots.Bundle {
	t, ch := c.Table().Render(), c.Chart().Render()
	return plots.Bundle{
		plots.MIMEHTML: t[plots.MIMEHTML] + "\n" + chartHTML(ch),
		plots.MIMEText: t[plots.MIMEText],
	}
}

// chartHTML returns a chart bundle's HTML, or its SVG inline.
func chartHTML(b plots.Bundle) string {
	if h, ok := b[plots.MIMEHTML]; ok {
		return h
	}
	if s, ok := b[plots.MIMESVG]; ok {
		return "<div>" + s + "</div>"
	}
	if s, ok := b[plots.MIMEPNG]; ok {
		return `<img src="data:image/png;base64,` + s + `">`
	}
	return "<pre>" + b[plots.MIMEText] + "</pre>"
}

// GradientChart plots, for each RNN, ‖∂L/∂h_t‖ against how many steps
// t lies before the loss (log scale): RNN.GradientThroughTime on the same
// ids. A vanilla RNN's line falls steeply — the vanishing gradient.
func GradientChart(ids []int, models ...*RNN) *plots.LineChart {
	c := plots.NewLineChart("gradient of the last prediction's loss w.r.t. h_t")
	c.LogY = true
	for _, m := range models {
		g := m.GradientThroughTime(ids)
		xs, ys := make([]float64, len(g)), make([]float64, len(g))
		for t := range g {
			xs[t] = float64(len(g) - 1 - t) // steps back from the loss
			ys[t] = g[t]
		}
		c.AddXY(m.Name(), xs, ys)
	}
	c.XLabel, c.YLabel = "steps before the predicted token", "‖∂L/∂h_t‖"
	return c
}

// AttentionHeatmap shows where each token looks in one head of one layer
// of m reading ids (rows: the attending position; columns: the positions
// attended to).
func AttentionHeatmap(m *Transformer, ids []int, layer, head int) (*plots.Heatmap, error) {
	att, err := m.Attention(ids, layer, head)
	if err != nil {
		return nil, err
	}
	if len(ids) > m.Cfg.Block {
		ids = ids[len(ids)-m.Cfg.Block:]
	}
	labels := make([]string, len(ids))
	for i, id := range ids {
		labels[i] = tokenLabel(m.vocab.Token(id))
	}
	h := plots.NewHeatmap(fmt.Sprintf("attention, layer %d head %d", layer, head), att, labels, labels)
	return h, nil
}

// tokenLabel makes spaces and newlines visible in axis labels.
func tokenLabel(t string) string {
	switch t {
	case " ":
		return "␣"
	case "\n":
		return "↵"
	}
	if strings.TrimSpace(t) == "" {
		return strconv.Quote(t)
	}
	return t
}
