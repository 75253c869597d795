package llm

import (
	"fmt"
	"strings"
	"time"

	"github.com/lingo-nlp/lingo/plots"
)

// A TrainLog records the metrics of an alignment run (reward model, DPO,
// PPO) step by step, in the order they were first added.
type TrainLog struct {
	Title   string
	Names   []string
	Metrics map[string][]float64
	// Steps holds, for each metric, the step each value was recorded at:
	// 1, 2, 3, … for a value recorded every step, 50, 100, … for one
	// recorded at every 50th.
	Steps map[string][]int
	// Unit is what a step counts ("optimizer step", "PPO round"); it labels
	// the x axis of Chart.
	Unit    string
	Elapsed time.Duration
	step    int // the step add records at
}

func newTrainLog(title, unit string) *TrainLog {
	return &TrainLog{Title: title, Unit: unit, Metrics: map[string][]float64{}, Steps: map[string][]int{}}
}

// at sets the step the following adds record.
func (l *TrainLog) at(step int) { l.step = step }

func (l *TrainLog) add(name string, v float64) {
	l.addAt(name, l.step, v)
}

func (l *TrainLog) addAt(name string, step int, v float64) {
	if _, ok := l.Metrics[name]; !ok {
		l.Names = append(l.Names, name)
	}
	l.Metrics[name] = append(l.Metrics[name], v)
	l.Steps[name] = append(l.Steps[name], step)
}

// Last is the last value of a metric (0 if it was never recorded).
func (l *TrainLog) Last(name string) float64 {
	v := l.Metrics[name]
	if len(v) == 0 {
		return 0
	}
	return v[len(v)-1]
}

// First is the first value of a metric (0 if it was never recorded).
func (l *TrainLog) First(name string) float64 {
	v := l.Metrics[name]
	if len(v) == 0 {
		return 0
	}
	return v[0]
}

// Chart plots the named metrics (all of them if none is named) against
// the step they were recorded at, one panel per metric, since each has its
// own unit (a reward, a KL in nats, an accuracy). The members of an
// ensemble ("accuracy, member 1", "accuracy, member 2", …) share a panel;
// accuracies and fractions are drawn in percent.
func (l *TrainLog) Chart(names ...string) *plots.Panels {
	if len(names) == 0 {
		names = l.Names
	}
	var charts []*plots.LineChart
	panel := map[string]*plots.LineChart{}
	for _, n := range names {
		base, _, _ := strings.Cut(n, ", member ")
		c := panel[base]
		if c == nil {
			c = &plots.LineChart{ChartOptions: plots.ChartOptions{XLabel: l.Unit, YLabel: base}}
			c.Percent = strings.Contains(base, "accuracy") || strings.Contains(base, "fraction")
			panel[base] = c
			charts = append(charts, c)
		}
		xs := make([]float64, len(l.Steps[n]))
		for i, s := range l.Steps[n] {
			xs[i] = float64(s)
		}
		c.AddXY(n, xs, l.Metrics[n])
	}
	return plots.NewPanels(l.Title, charts...)
}

// Render shows every metric, one panel each.
func (l *TrainLog) Render() plots.Bundle {
	b := l.Chart().Render()
	b["text/plain"] = l.String()
	return b
}

// String gives each metric's first and last value.
func (l *TrainLog) String() string {
	var parts []string
	for _, n := range l.Names {
		parts = append(parts, fmt.Sprintf("%s %.3g → %.3g", n, l.First(n), l.Last(n)))
	}
	steps := 0
	for _, st := range l.Steps {
		if n := len(st); n > 0 && st[n-1] > steps {
			steps = st[n-1]
		}
	}
	unit := l.Unit
	if unit == "" {
		unit = "step"
	}
	return fmt.Sprintf("%s: %d %ss in %s; %s", l.Title, steps, unit, l.Elapsed.Round(time.Millisecond), strings.Join(parts, ", "))
}

var _ plots.Renderer = (*TrainLog)(nil)
