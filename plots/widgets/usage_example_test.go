package widgets_test

import (
	"os"

	"github.com/lingo-nlp/lingo/plots"
	"github.com/lingo-nlp/lingo/plots/widgets"
)

// The package's usage: two sliders and a function of their values, whose
// result is redrawn when one moves.
func Example_usage() {
	plots.SetSink(&plots.TextSink{W: os.Stdout}) // what a program outside a notebook has
	defer plots.SetSink(nil)
	model := "lesson 06's Transformer"
	sampleTable := func(model string, t float64, k int) *plots.Table {
		return plots.NewTable("model", "temperature", "top-k").Row(model, t, k)
	}
	temp := widgets.NewFloatSlider(widgets.Float{Label: "temperature", Min: 0.1, Max: 2, Value: 1})
	topK := widgets.NewIntSlider(widgets.Int{Label: "top-k", Min: 1, Max: 50, Value: 10})
	ia := widgets.Interact(func(t float64, k int) any {
		return sampleTable(model, t, k) // a plots.Table, a chart…
	}, temp, topK)
	ia.Wait()
	// Output:
	// VBox(children=2)
	// model                    temperature  top-k
	// ───────────────────────  ───────────  ─────
	// lesson 06's Transformer            1     10
}
