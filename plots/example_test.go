package plots_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/lingo-nlp/lingo/plots"
)

// The package's usage: a display updated in place and a progress bar
// with a metric, here printed by the text sink.
func Example() {
	plots.SetSink(untimed{})
	defer plots.SetSink(nil)
	id := plots.Display(plots.NewTable("word", "p").Row("company", 0.153).Bar("p"))
	newerTable := plots.NewTable("word", "p").Row("company", 0.153).Row("bank", 0.153).Bar("p")
	plots.Update(id, newerTable)
	batches := []float64{0.9, 0.5, 0.3}
	step := func(b float64) float64 { return b }
	p := plots.NewProgress(len(batches), "training")
	for _, b := range batches {
		p.SetMetric("loss", step(b))
		p.Add(1)
	}
	p.Done()
	// Output:
	// word         p
	// ───────  ──────────────────────────
	// company  0.153 ████████████████████
	// update: word         p
	// ───────  ──────────────────────────
	// company  0.153 ████████████████████
	// bank     0.153 ████████████████████
	// update: training: 100%|████████████████████| 3/3
}

// untimed is a text sink that leaves out what depends on the clock: the
// rate and times of a progress bar, and the bar's updates before it ends.
type untimed struct{}

func (untimed) Display(b plots.Bundle, id string, update bool) error {
	text := b[plots.MIMEText]
	if strings.Contains(text, "%|") {
		if !strings.Contains(text, "100%|") {
			return nil
		}
		text, _, _ = strings.Cut(text, " [")
	}
	if update {
		text = "update: " + text
	}
	fmt.Println(text)
	return nil
}

func (untimed) Clear(bool) error { return nil }

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
