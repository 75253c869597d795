package seq2seq

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/lingo-nlp/lingo/nlp/corpus"
)

// TestDeEn is the full-scale German→English run of lesson 07, off by
// default: LINGO_S2S_DEEN=EPOCHS runs it (LINGO_S2S_ATT=0,1,2 picks the
// attention). It prints BLEU on the held-out test split for greedy and
// beam(5) decoding.
func TestDeEn(t *testing.T) {
	ep, _ := strconv.Atoi(os.Getenv("LINGO_S2S_DEEN"))
	if ep == 0 {
		t.Skip("set LINGO_S2S_DEEN=EPOCHS to train on de-en")
	}
	if c, _ := corpus.Get("de-en"); c == nil || !c.Installed() {
		t.Skip("de-en not installed (apt-get install trans-de-en)")
	}
	att, _ := strconv.Atoi(os.Getenv("LINGO_S2S_ATT"))
	start := time.Now()
	pairs, err := LoadPairs("de-en", DataConfig{MaxLen: 8})
	if err != nil {
		t.Fatal(err)
	}
	split, _ := SplitPairs(pairs, 0.05, 0.05, 1)
	src, tgt := BuildVocab(split.Train, false, 2, 0), BuildVocab(split.Train, true, 2, 0)
	t.Logf("%d pairs (train %d, valid %d, test %d), vocab %d → %d, %v", len(pairs), len(split.Train), len(split.Valid), len(split.Test), src.Len(), tgt.Len(), time.Since(start))
	m, _ := New(src, tgt, Config{Embed: 64, Hidden: 128, Attention: Attention(att), Seed: 1})
	prog := func(done, total int, met map[string]float64) {
		if done%100 == 0 {
			t.Logf("step %d/%d loss %.3f %v", done, total, met["loss"], time.Since(start))
		}
	}
	h, err := m.Train(context.Background(), split.Train, TrainConfig{Epochs: ep, Valid: split.Valid, Seed: 1, Progress: prog})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%v; valid losses %.3f", h, h.ValidLoss)
	for _, cfg := range []BeamConfig{{}, {Width: 5, Alpha: 1}, {Width: 5, Alpha: 0.6}} {
		s := time.Now()
		r, err := m.Evaluate(context.Background(), split.Test, cfg)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%v (%v)", r, time.Since(s))
	}
}
