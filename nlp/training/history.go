package training

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/lingo-nlp/lingo/plots"
)

var nan = math.NaN()

// A History records a training run: every metric against the step it was
// recorded at ("loss" at every step, "val loss" and the other held-out
// metrics at every evaluation, and whatever the task adds). It displays as
// a chart of the metrics (the loss smoothed) with a one-line summary.
type History struct {
	Title  string
	Series []Series
	// Unit is what a step counts ("step", or "epoch" for word2vec).
	Unit string
	// Best is the best evaluation's value of the selected metric (Select:
	// "val loss" unless the task ranks by another) and BestStep when it
	// was recorded; NaN and 0 without evaluations.
	Best     float64
	BestStep int
	Select   string
	// Stopped says why training ended before its last step ("early stop:
	// …", "interrupted", "non-finite"); "" if it did not.
	Stopped string
	Elapsed time.Duration
	step    int // the step values are added at
}

// A Series is one metric's values and the steps they were recorded at.
type Series struct {
	Name   string
	Steps  []int
	Values []float64
}

var _ plots.Renderer = (*History)(nil)

// NewHistory returns an empty history.
func NewHistory(title string) *History {
	return &History{Title: title, Unit: "step", Best: nan}
}

// At sets the step that Add records at.
func (h *History) At(step int) { h.step = step }

// Step is the step Add records at: during a run, the number of the step
// being taken (from 1, counting earlier runs of a Stateful task).
func (h *History) Step() int { return h.step }

// Add records the value of a metric at the current step.
func (h *History) Add(name string, v float64) { h.AddAt(name, h.step, v) }

// AddSeries declares a metric without values, fixing its place among the
// series (display order is the order of first record or declaration).
func (h *History) AddSeries(name string) {
	if h.series(name) == nil {
		h.Series = append(h.Series, Series{Name: name})
	}
}

// AddAt records the value of a metric at a step.
func (h *History) AddAt(name string, step int, v float64) {
	s := h.series(name)
	if s == nil {
		h.Series = append(h.Series, Series{Name: name})
		s = &h.Series[len(h.Series)-1]
	}
	s.Steps = append(s.Steps, step)
	s.Values = append(s.Values, v)
}

func (h *History) series(name string) *Series {
	for i := range h.Series {
		if h.Series[i].Name == name {
			return &h.Series[i]
		}
	}
	return nil
}

// Names lists the metrics in the order they were first recorded.
func (h *History) Names() []string {
	out := make([]string, len(h.Series))
	for i, s := range h.Series {
		out[i] = s.Name
	}
	return out
}

// Values returns a metric's values in order (nil if it was never
// recorded).
func (h *History) Values(name string) []float64 {
	if s := h.series(name); s != nil {
		return s.Values
	}
	return nil
}

// StepsOf returns the steps a metric was recorded at.
func (h *History) StepsOf(name string) []int {
	if s := h.series(name); s != nil {
		return s.Steps
	}
	return nil
}

// First is a metric's first value (NaN if it was never recorded).
func (h *History) First(name string) float64 {
	if v := h.Values(name); len(v) > 0 {
		return v[0]
	}
	return nan
}

// Last is a metric's last value (NaN if it was never recorded).
func (h *History) Last(name string) float64 {
	if v := h.Values(name); len(v) > 0 {
		return v[len(v)-1]
	}
	return nan
}

// Len is the number of steps recorded: the length of "loss" (or of the
// first metric if there is no "loss").
func (h *History) Len() int {
	if s := h.series("loss"); s != nil {
		return len(s.Values)
	}
	if len(h.Series) > 0 {
		return len(h.Series[0].Values)
	}
	return 0
}

// smoothWindow is the running-mean window of long series in charts and
// summaries: a step's loss is that of one random batch.
const smoothWindow = 20

// Smooth returns the running mean of xs over a window of w values.
func Smooth(xs []float64, w int) []float64 {
	out := make([]float64, len(xs))
	var s float64
	for i, x := range xs {
		s += x
		if i >= w {
			s -= xs[i-w]
		}
		out[i] = s / float64(min(i+1, w))
	}
	return out
}

// Chart draws the named metrics (all of them if none is named) against
// the step they were recorded at, in panels of their own, since each has
// its own unit and scale (a loss in nats, a perplexity, a reward, a KL).
// Metrics share a panel when their names agree in the first word once a
// "val " prefix and a ", member N" suffix are dropped: "loss" and "val
// loss", "reward chosen" and "reward rejected", "val accuracy, member 1"
// and "val accuracy, member 2". Accuracies and fractions are drawn in
// percent. A metric with more than 100 values is drawn as its running mean
// over 20.
func (h *History) Chart(names ...string) *plots.Panels {
	if len(names) == 0 {
		names = h.Names()
	}
	var charts []*plots.LineChart
	panel := map[string]*plots.LineChart{}
	members := map[string][]string{}
	for _, n := range names {
		s := h.series(n)
		if s == nil {
			continue
		}
		key := panelKey(n)
		c := panel[key]
		if c == nil {
			c = &plots.LineChart{ChartOptions: plots.ChartOptions{XLabel: h.Unit}}
			panel[key] = c
			charts = append(charts, c)
		}
		members[key] = append(members[key], n)
		c.Percent = c.Percent || strings.Contains(n, "accuracy") || strings.Contains(n, "fraction")
		xs := make([]float64, len(s.Steps))
		for i, st := range s.Steps {
			xs[i] = float64(st)
		}
		ys, label := s.Values, n
		if len(ys) > 100 {
			ys, label = Smooth(ys, smoothWindow), fmt.Sprintf("%s (mean of %d)", n, smoothWindow)
		}
		c.AddXY(label, xs, ys)
	}
	for key, c := range panel {
		if ms := members[key]; len(ms) == 1 {
			c.YLabel = ms[0]
		} else {
			c.YLabel = key
		}
	}
	return plots.NewPanels(h.Title, charts...)
}

// panelKey is the name of the panel metric n is drawn in.
func panelKey(n string) string {
	n = strings.TrimPrefix(n, "val ")
	if i := strings.Index(n, ", member "); i >= 0 {
		n = n[:i]
	}
	first, _, _ := strings.Cut(n, " ")
	return first
}

// Table lists the named metrics (all if none is named), one row per step
// at which one of them was recorded.
func (h *History) Table(names ...string) *plots.Table {
	if len(names) == 0 {
		names = h.Names()
	}
	var steps []int
	at := map[int]map[string]float64{}
	for _, n := range names {
		s := h.series(n)
		if s == nil {
			continue
		}
		for i, st := range s.Steps {
			if at[st] == nil {
				at[st] = map[string]float64{}
				steps = append(steps, st)
			}
			at[st][n] = s.Values[i]
		}
	}
	slices.Sort(steps)
	t := plots.NewTable(append([]string{h.Unit}, names...)...)
	for _, n := range names {
		t.Format(n, "%.4g")
	}
	for _, st := range steps {
		row := []any{st}
		for _, n := range names {
			if v, ok := at[st][n]; ok {
				row = append(row, v)
			} else {
				row = append(row, "")
			}
		}
		t.Row(row...)
	}
	t.Caption = h.Title
	return t
}

// String summarises the run in one line: the steps and time, the last
// value of every metric (of the loss, its mean over the last 20 steps),
// the best evaluation and why training stopped early.
func (h *History) String() string {
	var b strings.Builder
	title := h.Title
	if title == "" {
		title = "training"
	}
	fmt.Fprintf(&b, "%s: %d %ss in %v", title, h.Len(), h.Unit, h.Elapsed.Round(time.Millisecond))
	var parts []string
	for _, s := range h.Series {
		if len(s.Values) == 0 {
			continue
		}
		if s.Name == "loss" && len(s.Values) > 1 {
			n := len(s.Values)
			tail := s.Values[max(0, n-smoothWindow):]
			var sum float64
			for _, v := range tail {
				sum += v
			}
			parts = append(parts, fmt.Sprintf("loss %.3f", sum/float64(len(tail))))
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %.4g", s.Name, s.Values[len(s.Values)-1]))
	}
	if len(parts) > 0 {
		b.WriteString("; " + strings.Join(parts, ", "))
	}
	if !math.IsNaN(h.Best) {
		fmt.Fprintf(&b, "; best %s %.4g at %s %d", h.Select, h.Best, h.Unit, h.BestStep)
	}
	if h.Stopped != "" {
		b.WriteString("; " + h.Stopped)
	}
	return b.String()
}

// Render shows the chart with the one-line summary as text.
func (h *History) Render() plots.Bundle {
	b := h.Chart().Render()
	b[plots.MIMEText] = h.String()
	return b
}
