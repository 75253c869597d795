package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/lm"
	"github.com/lingo-nlp/lingo/nlp/training"
)

func main() {
	steps := flag.Int("steps", 2000, "training steps")
	threads := flag.Int("threads", 1, "threads")
	data := flag.String("data", "../shared/data/tinyshakespeare.txt", "training text")
	every := flag.Int("eval-every", 250, "evaluate every this many steps")
	flag.Parse()
	if err := run(*steps, *threads, *every, *data); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(steps, threads, every int, path string) error {
	runtime.GOMAXPROCS(threads)
	ag.SetThreads(threads)
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	text := string(b)
	v := lm.NewVocab(text, lm.Chars, 1)
	ids := v.Encode(text)
	n := len(ids) * 9 / 10
	train, val := ids[:n], ids[n:]
	m, err := lm.NewTransformer(v, lm.TransformerConfig{Seed: 1337})
	if err != nil {
		return err
	}
	fmt.Printf("params %d blas %s threads %d\n", m.Params().Count(), ag.BLASName(), threads)
	t0 := time.Now()
	// Validation on 20 000 tokens with ≥ 32 tokens of context each
	// (sliding windows), comparable to nanoGPT's random val batches.
	h, err := training.Run(context.Background(), &lm.Task{Model: m, Train: train, Val: val, EvalTokens: 20000},
		training.Config{Steps: steps, Batch: 12, LR: 1e-3, NoClip: true, EvalEvery: every})
	if err != nil {
		return err
	}
	loss := h.Values("loss")
	for i, s := range h.StepsOf("val loss") {
		fmt.Printf("step %d train %.3f val %.3f\n", s, mean(loss[max(0, s-50):s]), h.Values("val loss")[i])
	}
	fmt.Printf("%v\nwall %.1fs, %.1f ms/step\n", h, time.Since(t0).Seconds(), time.Since(t0).Seconds()*1000/float64(steps))
	g := m.Generate(v.Encode("ROMEO:"), 200, lm.Sampling{Temperature: 0.8, Seed: 1})
	fmt.Println(g.String())
	return nil
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(max(len(xs), 1))
}
