package training

import (
	"math"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/plots"
)

func sampleHistory() *History {
	h := NewHistory("toy")
	for s := 1; s <= 4; s++ {
		h.At(s)
		h.Add("loss", float64(10-s))
		if s%2 == 0 {
			h.Add("val loss", float64(20-s))
		}
	}
	h.Best, h.BestStep, h.Select = 16, 4, "val loss"
	return h
}

func TestHistoryAccessors(t *testing.T) {
	h := sampleHistory()
	if got := strings.Join(h.Names(), ","); got != "loss,val loss" {
		t.Errorf("Names = %s", got)
	}
	if h.Len() != 4 || h.First("loss") != 9 || h.Last("loss") != 6 || h.Last("val loss") != 16 {
		t.Errorf("Len %d, loss %g → %g, val %g", h.Len(), h.First("loss"), h.Last("loss"), h.Last("val loss"))
	}
	if !math.IsNaN(h.Last("missing")) || h.Values("missing") != nil {
		t.Error("a missing metric has values")
	}
	// the loss is summarised by its mean over the last 20 steps: (9+8+7+6)/4
	want := "toy: 4 steps in 0s; loss 7.500, val loss 16; best val loss 16 at step 4"
	if got := h.String(); got != want {
		t.Errorf("String =\n%q, want\n%q", got, want)
	}
}

// The table has a row per step at which a named metric was recorded.
func TestHistoryTable(t *testing.T) {
	tb := sampleHistory().Table("val loss")
	if got := tb.String(); !strings.Contains(got, "step  val loss") || strings.Count(got, "\n") != 4 {
		t.Errorf("Table:\n%s", got)
	}
	all := sampleHistory().Table().String()
	if !strings.Contains(all, "step  loss  val loss") || strings.Count(all, "\n") != 6 {
		t.Errorf("Table of all:\n%s", all)
	}
}

// A long series is charted as its running mean; the display is the chart
// with the summary as text.
func TestHistoryChartAndRender(t *testing.T) {
	h := NewHistory("long")
	for s := 1; s <= 150; s++ {
		h.At(s)
		h.Add("loss", float64(s%2))
	}
	c := h.Chart()
	if got := c.Render()[plots.MIMEText]; !strings.Contains(got, "loss (mean of 20)") {
		t.Errorf("chart:\n%s", got)
	}
	b := h.Render()
	if b[plots.MIMEText] != h.String() {
		t.Errorf("text/plain %q, want the summary", b[plots.MIMEText])
	}
	if got := Smooth([]float64{2, 4, 6, 8}, 2); got[0] != 2 || got[1] != 3 || got[3] != 7 {
		t.Errorf("Smooth = %v", got)
	}
}

// A History charts each metric in a panel of its own (a reward, a KL and
// an accuracy have different units: lesson 09 drew them on one axis),
// against the step each value was recorded at; a metric and its held-out
// value share a panel, and so do the members of an ensemble; accuracies
// are drawn in percent.
func TestHistoryChartPanels(t *testing.T) {
	h := NewHistory("run")
	for step := 1; step <= 4; step++ {
		h.At(step)
		h.Add("reward", float64(step))
		h.Add("KL", 0.1*float64(step))
		h.Add("loss", 1/float64(step))
		if step%2 == 0 {
			h.Add("val loss", 2/float64(step))
			h.Add("val accuracy, member 1", 0.6)
			h.Add("val accuracy, member 2", 0.7)
		}
	}
	p := h.Chart()
	var labels []string
	for _, c := range p.Charts {
		labels = append(labels, c.YLabel)
	}
	if got := strings.Join(labels, "|"); got != "reward|KL|loss|accuracy" {
		t.Fatalf("panels %s, want reward|KL|loss|accuracy", got)
	}
	if loss := p.Charts[2]; len(loss.Series) != 2 || loss.Percent {
		t.Errorf("loss panel: %d series (want loss and val loss), percent %v", len(loss.Series), loss.Percent)
	}
	acc := p.Charts[3]
	if len(acc.Series) != 2 || !acc.Percent {
		t.Errorf("accuracy panel: %d series, percent %v", len(acc.Series), acc.Percent)
	}
	if x := acc.Series[0].X; len(x) != 2 || x[0] != 2 || x[1] != 4 {
		t.Errorf("accuracy x = %v, want the steps [2 4]", x)
	}
	if p.Charts[0].XLabel != "step" || p.Title != "run" {
		t.Errorf("x label %q, title %q", p.Charts[0].XLabel, p.Title)
	}
	if one := h.Chart("KL"); len(one.Charts) != 1 || one.Charts[0].YLabel != "KL" {
		t.Errorf("Chart(KL) has %d panels", len(one.Charts))
	}
	if b := h.Render(); b["image/svg+xml"] == "" || b["image/png"] == "" {
		t.Error("Render gives no SVG and PNG")
	}
}
