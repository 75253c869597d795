package widgets_test

import (
	"fmt"
	"os"

	"github.com/lingo-nlp/lingo/plots"

	"github.com/lingo-nlp/lingo/plots/widgets"
)

// Outside a kernel displays print their text form: Interact shows its
// controls and its result, and redraws the result when a value changes.
func ExampleInteract() {
	plots.SetSink(&plots.TextSink{W: os.Stdout}) // what a program outside a notebook has
	temp := widgets.NewFloatSlider(widgets.Float{Label: "temperature", Min: 0.1, Max: 2, Value: 0.7})
	topK := widgets.NewIntSlider(widgets.Int{Label: "top-k", Min: 1, Max: 50, Value: 10})
	ia := widgets.Interact(func(t float64, k int) string {
		return fmt.Sprintf("sampling at T=%.1f from the top %d", t, k)
	}, temp, topK)
	topK.SetValue(5) // what moving the slider does
	ia.Wait()
	fmt.Println(topK)
	// Output:
	// VBox(children=2)
	// sampling at T=0.7 from the top 10
	// sampling at T=0.7 from the top 5
	// IntSlider(value=5, min=1, max=50, description="top-k")
}
