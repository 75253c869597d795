package lm_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/lm"
	"github.com/lingo-nlp/lingo/nlp/training"
	"github.com/lingo-nlp/lingo/plots"
)

// The package's usage: a small character Transformer trained for a few
// steps already beats the uniform guess (perplexity |V|).
func Example() {
	ctx := context.Background()
	text := strings.Repeat("the cat sat on the mat. the dog ate the bone. ", 40)
	train, val, test := text[:1400], text[1400:1600], text[1600:]
	v := lm.NewVocab(text, lm.Chars, 1)
	m, err := lm.NewTransformer(v, lm.TransformerConfig{Block: 16, Dim: 16, Heads: 2, Layers: 1, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	task := &lm.Task{Model: m, Train: v.Encode(train), Val: v.Encode(val)}
	hist, err := training.Run(ctx, task, training.Config{Steps: 200})
	if err != nil {
		fmt.Println(err)
		return
	}
	ppl := m.Perplexity(v.Encode(test))
	plots.Display(m.Generate(v.Encode("the "), 20, lm.Sampling{Temperature: 0.8, Seed: 1}))
	fmt.Printf("%d steps; |V| = %d; held-out perplexity below 4: %v\n", hist.Len(), v.Len(), ppl < 4)
	// Output: 200 steps; |V| = 15; held-out perplexity below 4: true
}

// A fixed-window model memorises a two-line text: its perplexity falls
// from about |V| to 1, and greedy generation reproduces the text.
func ExampleNewFixedWindow() {
	text := "the cat sat on the mat.\nthe dog ate the bone.\n"
	v := lm.NewVocab(text, lm.Chars, 1)
	ids := v.Encode(strings.Repeat(text, 4))
	m, _ := lm.NewFixedWindow(v, lm.WindowConfig{Context: 8, Dim: 16, Hidden: 64, Seed: 1})
	fmt.Printf("vocabulary %d, untrained perplexity > 10: %v\n", v.Len(), m.Perplexity(ids) > 10)
	training.Run(context.Background(), &lm.Task{Model: m, Train: ids, Block: 24}, training.Config{Steps: 300, Batch: 8, LR: 1e-2, Seed: 1})
	fmt.Printf("trained perplexity %.1f\n", m.Perplexity(ids[8:]))
	g := m.Generate(v.Encode("the dog "), 15, lm.Sampling{Greedy: true})
	fmt.Printf("%q\n", g.String())
	// Output:
	// vocabulary 16, untrained perplexity > 10: true
	// trained perplexity 1.0
	// "the dog ate the bone.\nt"
}

// Sampling.Filter shows the distribution Generate draws from.
func ExampleSampling_Filter() {
	p := []float64{0.5, 0.3, 0.15, 0.05}
	fmt.Printf("%.3f\n", lm.Sampling{TopK: 2}.Filter(p))
	fmt.Printf("%.3f\n", lm.Sampling{TopP: 0.9}.Filter(p))
	fmt.Printf("%.3f\n", lm.Sampling{Temperature: 0.5}.Filter(p))
	// Output:
	// [0.625 0.375 0.000 0.000]
	// [0.526 0.316 0.158 0.000]
	// [0.685 0.247 0.062 0.007]
}
