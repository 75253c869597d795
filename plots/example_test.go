package plots_test

import (
	"fmt"
	"os"

	"github.com/lingo-nlp/lingo/plots"
)

// The "today the ___" next-word distribution of the first lecture.
func ExampleTable() {
	t := plots.NewTable("word", "p").
		Row("company", 0.153).
		Row("first", 0.0921).
		Row("government", 0.0452).
		Bar("p")
	fmt.Println(t)
	// Output:
	// word             p
	// ──────────  ───────────────────────────
	// company      0.153 ████████████████████
	// first       0.0921 ████████████
	// government  0.0452 █████▉
}

func ExampleTableOf() {
	type neighbour struct {
		Word   string  `plots:"word"`
		Cosine float64 `plots:"cosine"`
	}
	t, err := plots.TableOf([]neighbour{{"queen", 0.7118}, {"monarch", 0.6189}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t)
	// Output:
	// word     cosine
	// ───────  ──────
	// queen    0.7118
	// monarch  0.6189
}

func ExampleChain() {
	fmt.Println(plots.Chain("entity.n.01", "physical_entity.n.01", "object.n.01").Render()[plots.MIMEText])
	// Output:
	// entity.n.01
	// └── physical_entity.n.01
	//     └── object.n.01
}

func ExampleHighlightedText() {
	h := &plots.HighlightedText{Tokens: []plots.Token{
		{Text: "the", P: 0.4}, {Text: " cat", P: 0.01}, {Text: " sat", P: 0.3},
	}}
	fmt.Println(h.Render()[plots.MIMEText])
	// Output:
	// the ⟦cat⟧ sat
	// (⟦…⟧: 1 of 3 tokens with p < 0.05)
}

func ExampleChat() {
	c := plots.NewChat().User("Tell me a joke.").Assistant("Why did the word vector cross the road?")
	fmt.Println(c.Render()[plots.MIMEText])
	// Output:
	// user: Tell me a joke.
	// assistant: Why did the word vector cross the road?
}

// Library code takes an optional hook; the notebook passes a progress bar.
func ExampleProgressFunc() {
	train := func(steps int, progress plots.ProgressFunc) {
		metrics := map[string]float64{}
		for i := range steps {
			metrics["loss"] = 1 / float64(i+1)
			progress.Report(i+1, steps, metrics) // nil-safe, a few ns
		}
	}
	train(1000, nil)                               // no display
	plots.SetSink(&plots.TextSink{W: os.Stderr})   // outside a notebook
	train(1000, plots.NewProgressFunc("training")) // a bar with a loss chart
}

func ExampleLineChart() {
	c := plots.NewLineChart("loss").Add("train", []float64{2.5, 1.8, 1.2, 0.9})
	b := c.Render()
	fmt.Println(len(b[plots.MIMESVG]) > 0)
	fmt.Println(b[plots.MIMEText])
	// Output:
	// true
	// line chart "loss"
	//   train █▅▂▁ (4 points, min 0.9, max 2.5, last 0.9)
}
