package lm

import (
	"context"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/training"
)

// tiny is a corpus small enough to memorise: every model should drive its
// training loss close to zero on it.
const tiny = "the cat sat on the mat.\nthe dog ate the bone.\n"

// models builds one small model of each kind over v.
func models(t *testing.T, v *Vocab) []Model {
	t.Helper()
	fw, err := NewFixedWindow(v, WindowConfig{Context: 8, Dim: 16, Hidden: 64, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	out := []Model{fw}
	for _, c := range []Cell{Vanilla, GRU, LSTM} {
		r, err := NewRNN(v, RNNConfig{Cell: c, Dim: 16, Hidden: 64, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	tr, err := NewTransformer(v, TransformerConfig{Block: 48, Dim: 32, Heads: 2, Layers: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return append(out, tr)
}

// TestOverfit trains each model on tiny and checks that it memorises it:
// the mean NLL of the whole text (after its first 8 characters, which a
// fixed window of 8 needs as context) falls below 0.1 nats per character.
// At the start it is about ln |V| ≈ 2.9.
func TestOverfit(t *testing.T) {
	v := NewVocab(tiny, Chars, 1)
	ids := v.Encode(strings.Repeat(tiny, 4))
	for _, m := range models(t, v) {
		t.Run(m.Name(), func(t *testing.T) {
			before := -mean(m.LogProbs(ids))
			h, err := training.Run(context.Background(), &Task{Model: m, Train: ids, Block: 24},
				training.Config{Steps: 300, Batch: 8, LR: 1e-2, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			lps := m.LogProbs(ids)
			after := -mean(lps[8:])
			t.Logf("%s: NLL %.3f → %.4f (%v)", m.Name(), before, after, h)
			if after > 0.1 {
				t.Errorf("NLL after training %.4f, want < 0.1", after)
			}
		})
	}
}
