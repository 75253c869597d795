package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"github.com/lingo-nlp/lingo/nlp/word2vec"
)

func main() {
	corpus := flag.String("corpus", "", "corpus file: whitespace tokens, one sentence per line")
	sg := flag.Bool("sg", false, "skip-gram (default CBOW)")
	workers := flag.Int("workers", 1, "training goroutines")
	epochs := flag.Int("epochs", 5, "epochs")
	hs := flag.Bool("hs", false, "hierarchical softmax instead of negative sampling")
	out := flag.String("out", "", "write vectors here (word2vec text format)")
	questions := flag.String("questions", "", "analogy file to evaluate (restrict 30000)")
	profile := flag.String("cpuprofile", "", "write a CPU profile here")
	flag.Parse()
	if err := run(*corpus, *sg, *workers, *epochs, *hs, *out, *questions, *profile); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(corpus string, sg bool, workers, epochs int, hs bool, out, questions, profile string) error {
	f, err := os.Open(corpus)
	if err != nil {
		return err
	}
	sentences, err := word2vec.ReadCorpus(f)
	f.Close()
	if err != nil {
		return err
	}
	cfg := word2vec.Config{Dim: 100, Window: 5, MinCount: 5, Sample: 1e-3, Negative: 5,
		SG: sg, Workers: workers, Epochs: epochs, Seed: 1}
	if hs {
		cfg.HS, cfg.Negative = true, 0
	}
	if profile != "" {
		pf, err := os.Create(profile)
		if err != nil {
			return err
		}
		pprof.StartCPUProfile(pf)
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	m, err := word2vec.Train(context.Background(), sentences, cfg)
	if err != nil {
		return err
	}
	dt := time.Since(start).Seconds()
	sgn := 0
	if sg {
		sgn = 1
	}
	fmt.Printf("lingo sg=%d workers=%d time=%.1fs vocab=%d words/s=%.0f loss=%.4f\n",
		sgn, workers, dt, m.Len(), float64(m.CorpusWords)*float64(epochs)/dt, m.History.Last("loss"))
	if out != "" {
		if err := m.SaveWord2VecFormat(out, false); err != nil {
			return err
		}
	}
	if questions != "" {
		res, err := m.EvaluateWordAnalogies(questions, 30000)
		if err != nil {
			return err
		}
		total := res.Sections[len(res.Sections)-1]
		fmt.Printf("lingo analogy acc %.4f questions %d\n", res.Score, len(total.Correct)+len(total.Incorrect))
	}
	return nil
}
