package seq2seq_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/corpus"
	"github.com/lingo-nlp/lingo/nlp/seq2seq"
	"github.com/lingo-nlp/lingo/nlp/training"
)

// TestMain skips the example, whose output needs Debian's trans-de-en,
// when the pairs are not installed; the tests skip themselves.
func TestMain(m *testing.M) {
	flag.Parse()
	if c, err := corpus.Get("de-en"); (err != nil || !c.Installed()) && flag.Lookup("test.run").Value.String() == "" {
		fmt.Fprintln(os.Stderr, "seq2seq: de-en missing (apt-get install trans-de-en); skipping the example")
		flag.Set("test.run", "^(Test|Fuzz)")
	}
	os.Exit(m.Run())
}

// The package's usage on Debian's trans-de-en pairs (apt-get install
// trans-de-en), with a model small enough to train in seconds: the point
// is the calls, not the scores.
func Example() {
	ctx := context.Background()
	pairs, err := seq2seq.LoadPairs("de-en", seq2seq.DataConfig{MaxLen: 8, MaxPairs: 400})
	if err != nil {
		fmt.Println(err)
		return
	}
	split, err := seq2seq.SplitPairs(pairs, 0.1, 0.1, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	src, err := seq2seq.BuildVocab(split.Train, false, 2, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	tgt, err := seq2seq.BuildVocab(split.Train, true, 2, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := seq2seq.New(src, tgt, seq2seq.Config{Embed: 16, Hidden: 32, Attention: seq2seq.Additive, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	task := &seq2seq.Task{Model: m, Train: split.Train, Val: split.Valid}
	hist, err := training.Run(ctx, task, training.Config{Epochs: 2, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	tr := m.Beam(seq2seq.Tokenize("Ich habe Hunger.", false), seq2seq.BeamConfig{Width: 5, Alpha: 0.6})[0]
	report, err := m.Evaluate(ctx, split.Test, seq2seq.BeamConfig{Width: 5, Alpha: 0.6})
	if err != nil {
		fmt.Println(err)
		return
	}
	tf, err := seq2seq.NewTransformer(src, tgt, seq2seq.TransformerConfig{Dim: 32, Layers: 1})
	fmt.Printf("%d pairs; trained %d epochs; beam search translated: %v; scored %d test pairs; Transformer built: %v\n",
		len(pairs), len(hist.Values("val loss")), tr != nil, len(report.Rows), tf != nil && err == nil)
	// Output: 400 pairs; trained 2 epochs; beam search translated: true; scored 40 test pairs; Transformer built: true
}
