package lm_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/lm"
	"github.com/lingo-nlp/lingo/nlp/training"
)

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
