package nn_test

import (
	"os"
	"runtime"
	"strings"
	"testing"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
	"github.com/lingo-nlp/lingo/nlp/nn/internal/babygpt"
)

// BenchmarkBabyGPTStep times one training step (forward, backward, AdamW,
// Release) of nanoGPT's baby configuration at batch 12, one thread. It
// reads ../../../shared/data/tinyshakespeare.txt when present (set
// LINGO_TINYSHAKESPEARE to another path) and otherwise trains on generated
// text with a similar alphabet; the timing does not depend on the text.
//
//	GOEXPERIMENT=simd go test -run '^$' -bench BabyGPT -benchmem ./nlp/nn
func BenchmarkBabyGPTStep(b *testing.B) {
	path := os.Getenv("LINGO_TINYSHAKESPEARE")
	if path == "" {
		path = "../../../shared/data/tinyshakespeare.txt"
	}
	d, err := babygpt.Load(path)
	if err != nil {
		d = babygpt.Encode(strings.Repeat("First Citizen:\nBefore we proceed any further, hear me speak.\n", 2000))
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	ag.SetThreads(1)
	defer ag.SetThreads(prev)
	cfg := babygpt.Baby(len(d.Chars))
	m, err := babygpt.New(cfg, 1337)
	if err != nil {
		b.Fatal(err)
	}
	opt, err := nn.NewAdamW(m.Params(), nn.AdamConfig{LR: 1e-3})
	if err != nil {
		b.Fatal(err)
	}
	B, T := 12, cfg.Block
	rng := nn.NewRand(1)
	x, y := make([]int, B*T), make([]int, B*T)
	step := func() {
		babygpt.Batch(rng, d.Train, B, T, x, y)
		loss := m.Loss(x, y, B, T)
		opt.ZeroGrad()
		loss.Backward()
		opt.Step()
		loss.Release()
	}
	step() // fill the buffer pool
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		step()
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/step")
	b.Log(ag.BLASName())
}
