package plots

import (
	"strings"
	"testing"
)

// TestSetTranslator: titles, axis labels, legends, captions and column
// headers go through the translator at render time; data does not, and
// nil removes it.
func TestSetTranslator(t *testing.T) {
	zh := map[string]string{"loss": "损失", "step": "步数", "training": "训练", "word": "词", "caption": "说明"}
	SetTranslator(func(s string) string {
		if t, ok := zh[s]; ok {
			return t
		}
		return s
	})
	defer SetTranslator(nil)

	c := NewLineChart("training").Add("loss", []float64{3, 2, 1}).Add("step", []float64{1, 2, 3})
	c.XLabel = "step"
	svg := c.Render()[MIMESVG]
	for _, want := range []string{"训练", "步数", "损失"} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart SVG lacks %q", want)
		}
	}
	// Panels draw their own title above the charts.
	ps := NewPanels("training", NewLineChart("").Add("loss", []float64{3, 2, 1}))
	if svg := ps.Render()[MIMESVG]; !strings.Contains(svg, "训练") {
		t.Error("panels' title not translated")
	}
	tab := NewTable("word", "count").Row("loss", 3)
	tab.Caption = "caption"
	txt := tab.Render()[MIMEText]
	if !strings.Contains(txt, "词") || !strings.Contains(txt, "说明") || !strings.Contains(txt, "count") {
		t.Errorf("table header or caption not translated:\n%s", txt)
	}
	if !strings.Contains(txt, "loss") || strings.Contains(txt, "损失") {
		t.Errorf("a table cell was translated:\n%s", txt)
	}
	if tab.Columns[0].Name != "word" {
		t.Errorf("rendering changed the table's column name to %q", tab.Columns[0].Name)
	}

	SetTranslator(nil)
	if svg := c.Render()[MIMESVG]; strings.Contains(svg, "训练") {
		t.Error("SetTranslator(nil) left the translator in place")
	}
}
