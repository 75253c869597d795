package seq2seq

import (
	"context"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/lingo-nlp/lingo/nlp/corpus"
)

// cpuTime is the user+system CPU time of this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestDeEn is the full-scale German→English run of lesson 07, off by
// default: LINGO_S2S_DEEN=EPOCHS runs it. LINGO_S2S_ATT picks the model:
// 0 no attention, 1 additive, 2 multiplicative (GRU, E=64, H=128), 3 the
// Transformer (2+2 layers, C=128, FF=256). Every model trains with dropout
// 0.2 and keeps the epoch of best greedy validation BLEU; beam's α is chosen
// on the validation split from {0.6, 1, 1.5, 2}. The test logs BLEU on the
// held-out test split (384 sentences) for greedy and beam(5) decoding with
// the wall and CPU time, and fails if beam(5) is worse than greedy.
//
// Measured with LINGO_S2S_DEEN=15 (6924 training pairs; CPU time of the
// whole run, wall time on a machine shared with other jobs, load 7–14):
//
//	model                  kept epoch  greedy  beam(5)       chrF2 greedy/beam  CPU     wall
//	GRU, no attention       7          1.08    1.18 (α=0.6)  12.47 / 12.21      4m25s   21m38s
//	GRU, additive          12          1.73    2.41 (α=0.6)  15.23 / 15.21      4m58s   22m32s
//	GRU, multiplicative    15          1.23    1.66 (α=0.6)  14.24 / 14.21      4m32s   22m18s
//	Transformer            15          3.88    3.12 (α=1.5)  17.74 / 18.22      9m43s   28m08s
//
// For the Transformer beam(5) scores below greedy on BLEU although its 1-,
// 2- and 3-gram precisions and chrF are higher: greedy matched 7 reference
// 4-grams in 384 sentences (of 1148), beam search 2 (of 1085), and at
// BLEU ≈ 3 those few matches decide the score.
func TestDeEn(t *testing.T) {
	ep, _ := strconv.Atoi(os.Getenv("LINGO_S2S_DEEN"))
	if ep == 0 {
		t.Skip("set LINGO_S2S_DEEN=EPOCHS to train on de-en")
	}
	if c, _ := corpus.Get("de-en"); c == nil || !c.Installed() {
		t.Skip("de-en not installed (apt-get install trans-de-en)")
	}
	att, _ := strconv.Atoi(os.Getenv("LINGO_S2S_ATT"))
	start, cpu0 := time.Now(), cpuTime()
	pairs, err := LoadPairs("de-en", DataConfig{MaxLen: 8})
	if err != nil {
		t.Fatal(err)
	}
	split, _ := SplitPairs(pairs, 0.05, 0.05, 1)
	src, tgt := BuildVocab(split.Train, false, 2, 0), BuildVocab(split.Train, true, 2, 0)
	t.Logf("%d pairs (train %d, valid %d, test %d), vocab %d → %d", len(pairs), len(split.Train), len(split.Valid), len(split.Test), src.Len(), tgt.Len())
	cfg := TrainConfig{Epochs: ep, Valid: split.Valid, SelectBLEU: true, Seed: 1,
		OnEpoch: func(h *History) {
			n := len(h.EpochLoss)
			t.Logf("epoch %d: train loss %.3f, valid loss %.3f, valid BLEU %.2f, lr %.2g (%v, CPU %v)", n, h.EpochLoss[n-1], h.ValidLoss[n-1],
				h.ValidBLEU[n-1], h.LR[n-1], time.Since(start).Round(time.Second), (cpuTime() - cpu0).Round(time.Second))
		}}
	if ls := os.Getenv("LINGO_S2S_LS"); ls != "" {
		cfg.LabelSmoothing, _ = strconv.ParseFloat(ls, 64)
	}
	var m trainable
	if att == 3 {
		m, err = NewTransformer(src, tgt, TransformerConfig{Dim: 128, Heads: 4, Layers: 2, FF: 256, Dropout: 0.2, Seed: 1})
		cfg.LR = 1e-3
	} else {
		m, err = New(src, tgt, Config{Embed: 64, Hidden: 128, Attention: Attention(att), Dropout: 0.2, Seed: 1})
	}
	if err != nil {
		t.Fatal(err)
	}
	best := 0
	if path := os.Getenv("LINGO_S2S_LOAD"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		err = m.Params().Load(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
	} else {
		h, err := train(context.Background(), m, split.Train, cfg)
		if err != nil {
			t.Fatal(err)
		}
		best = h.Best
		t.Logf("%v\n%v", m, h)
	}
	if path := os.Getenv("LINGO_S2S_SAVE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Params().Save(f); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	// The length-penalty exponent α is chosen on the validation split.
	alpha, bestValid := 0.0, -1.0
	for _, a := range []float64{0.6, 1, 1.5, 2} {
		r, err := evaluate(context.Background(), m, split.Valid, BeamConfig{Width: 5, Alpha: a})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("validation, beam 5, α = %g: BLEU %.2f", a, r.BLEU.Score)
		if r.BLEU.Score > bestValid {
			alpha, bestValid = a, r.BLEU.Score
		}
	}
	var bleu []float64
	for _, bc := range []BeamConfig{{}, {Width: 5, Alpha: alpha}, {Width: 5, Alpha: 0.6}, {Width: 5, Alpha: 1}} {
		s := time.Now()
		r, err := evaluate(context.Background(), m, split.Test, bc)
		if err != nil {
			t.Fatal(err)
		}
		bleu = append(bleu, r.BLEU.Score)
		t.Logf("%v (%v)", r, time.Since(s).Round(time.Millisecond))
	}
	t.Logf("RESULT model=%d epochs=%d kept=%d greedy=%.2f beam5(α=%g from validation)=%.2f beam5(α=0.6)=%.2f beam5(α=1)=%.2f wall=%v cpu=%v",
		att, ep, best, bleu[0], alpha, bleu[1], bleu[2], bleu[3], time.Since(start).Round(time.Second), (cpuTime() - cpu0).Round(time.Second))
	if bleu[1] < bleu[0] {
		t.Errorf("beam(5) BLEU %.2f < greedy %.2f", bleu[1], bleu[0])
	}
}
