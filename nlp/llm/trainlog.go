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
	Elapsed time.Duration
}

func newTrainLog(title string) *TrainLog {
	return &TrainLog{Title: title, Metrics: map[string][]float64{}}
}

func (l *TrainLog) add(name string, v float64) {
	if _, ok := l.Metrics[name]; !ok {
		l.Names = append(l.Names, name)
	}
	l.Metrics[name] = append(l.Metrics[name], v)
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
// the step.
func (l *TrainLog) Chart(names ...string) *plots.LineChart {
	if len(names) == 0 {
		names = l.Names
	}
	c := plots.NewLineChart(l.Title)
	c.XLabel = "step"
	for _, n := range names {
		c.Add(n, l.Metrics[n])
	}
	return c
}

// Render shows every metric in one chart.
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
	if len(l.Names) > 0 {
		steps = len(l.Metrics[l.Names[0]])
	}
	return fmt.Sprintf("%s: %d steps in %s; %s", l.Title, steps, l.Elapsed.Round(time.Millisecond), strings.Join(parts, ", "))
}

var _ plots.Renderer = (*TrainLog)(nil)
