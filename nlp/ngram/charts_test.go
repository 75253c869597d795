package ngram

import (
	"math"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/plots"
)

func TestCharts(t *testing.T) {
	train, test := lecture[:8], lecture[8:]
	c, err := PerplexityByOrder(train, test, []int{1, 2, 3}, Config{Smoothing: MLE})
	if err != nil {
		t.Fatal(err)
	}
	// MLE: training perplexity falls with n; held-out has unseen words → +Inf.
	if !(c.Train[0] > c.Train[1] && c.Train[1] > c.Train[2]) || !math.IsInf(c.Test[2], 1) {
		t.Errorf("%+v", c)
	}
	b := c.Render()
	if !strings.HasPrefix(strings.TrimSpace(b[plots.MIMESVG]), "<?xml") && !strings.Contains(b[plots.MIMESVG], "<svg") {
		t.Errorf("no SVG: %.100s", b[plots.MIMESVG])
	}
	s, err := MeasureSparsity(train, test, 3)
	if err != nil {
		t.Fatal(err)
	}
	// Share unseen grows with n.
	if !(s.Unseen[0] < s.Unseen[1] && s.Unseen[1] <= s.Unseen[2]) || s.Unseen[2] > 1 {
		t.Errorf("%+v", s)
	}
	if !strings.Contains(s.Render()[plots.MIMESVG], "<svg") {
		t.Error("no SVG")
	}
}
