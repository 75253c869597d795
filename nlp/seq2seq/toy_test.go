package seq2seq

import (
	"context"
	"math"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/lingo-nlp/lingo/nlp/training"
)

var (
	copyOnce sync.Once
	copyM    *Model
	copyTest []Pair
)

// copyModel trains the copy-task model once for the tests that need a
// trained model.
func copyModel(t *testing.T) (*Model, []Pair) {
	copyOnce.Do(func() { copyM, copyTest = trainToy(t, "copy", Additive, 12) })
	return copyM, copyTest
}

// Beam search of width 1 keeps the single most probable word at every step:
// exactly greedy decoding.
func TestBeamWidthOneIsGreedy(t *testing.T) {
	m, test := copyModel(t)
	for _, p := range test[:50] {
		g := m.Greedy(p.Src, 0)
		b := m.Beam(p.Src, BeamConfig{Width: 1})
		if len(b) != 1 || !slices.Equal(b[0].IDs, g.IDs) || math.Abs(b[0].LogProb-g.LogProb) > 1e-9 {
			t.Fatalf("%v: beam(1) %v (%.6f), greedy %v (%.6f)", p.Src, b[0].IDs, b[0].LogProb, g.IDs, g.LogProb)
		}
	}
	// Wider beams never find a less probable best hypothesis without length
	// normalisation. The beam scores its hypotheses in one batch and greedy
	// decoding scores one: OpenBLAS rounds a row differently depending on
	// how many rows share the product, so the same sentence's float32 log P
	// may differ by ~1e-7 between the two.
	for _, p := range test[:20] {
		g := m.Greedy(p.Src, 0)
		b := m.Beam(p.Src, BeamConfig{Width: 4})
		if b[0].LogProb < g.LogProb-1e-5 {
			t.Errorf("%v: beam(4) log P %.6f < greedy %.6f", p.Src, b[0].LogProb, g.LogProb)
		}
	}
}

// Padding must not change anything: a sentence decoded alone and inside a
// batch of longer ones gives the same words, attention and probability, and
// a padded batch's loss is the token-weighted mean of its sentences' losses.
func TestPaddingIsMasked(t *testing.T) {
	m, test := copyModel(t)
	srcs := [][]string{{"w1", "w2"}, {"w3", "w4", "w5", "w6", "w7", "w0"}, {"w5"}}
	batch := m.Translate(srcs, 0)
	for i, src := range srcs {
		one := m.Greedy(src, 0)
		if !slices.Equal(one.IDs, batch[i].IDs) || math.Abs(one.LogProb-batch[i].LogProb) > 1e-4 {
			t.Errorf("%v: alone %v (%.5f), in a batch %v (%.5f)", src, one.IDs, one.LogProb, batch[i].IDs, batch[i].LogProb)
		}
		for s := range one.Attention {
			for j := range one.Attention[s] {
				if math.Abs(one.Attention[s][j]-batch[i].Attention[s][j]) > 1e-4 {
					t.Fatalf("%v: attention differs at (%d, %d)", src, s, j)
				}
			}
			if len(batch[i].Attention[s]) != len(src) {
				t.Fatalf("attention row has %d weights for %d source tokens", len(batch[i].Attention[s]), len(src))
			}
		}
	}
	pairs := test[:3]
	b := NewBatch(pairs, m.Src, m.Tgt)
	sum, tokens := 0.0, 0
	for _, p := range pairs {
		k := len(p.Tgt) + 1
		l := m.Loss(NewBatch([]Pair{p}, m.Src, m.Tgt))
		sum += float64(l.Item()) * float64(k)
		tokens += k
	}
	if got, want := float64(m.Loss(b).Item()), sum/float64(tokens); math.Abs(got-want) > 1e-4*want+1e-6 {
		t.Errorf("padded batch loss %.6f, mean of single losses %.6f", got, want)
	}
}

func trainToy(t *testing.T, task string, att Attention, epochs int) (*Model, []Pair) {
	t.Helper()
	pairs, err := ToyPairs(task, 2000, 8, 2, 6, 1)
	if err != nil {
		t.Fatal(err)
	}
	test, _ := ToyPairs(task, 200, 8, 2, 6, 2)
	src, tgt := vocabs(t, pairs, 1)
	m, err := New(src, tgt, Config{Embed: 16, Hidden: 64, Attention: att, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	h, err := training.Run(context.Background(), &Task{Model: m, Train: pairs}, training.Config{Epochs: epochs, Batch: 32, LR: 3e-3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s %v: %v in %v", task, att, h, time.Since(start))
	return m, test
}

func exactMatch(m *Model, pairs []Pair) float64 {
	srcs := make([][]string, len(pairs))
	for i, p := range pairs {
		srcs[i] = p.Src
	}
	ok := 0
	for i, tr := range m.Translate(srcs, 0) {
		if Join(tr.Tokens) == Join(pairs[i].Tgt) {
			ok++
		}
	}
	return float64(ok) / float64(len(pairs))
}

// The copy and reverse tasks (8 symbols, lengths 2–6) are learned to ≥ 99%
// exact match on held-out sequences with additive attention; measured 100%
// for both (Luong's multiplicative attention reaches 98–99% at this budget).
func TestCopyTask(t *testing.T) {
	m, test := copyModel(t)
	if em := exactMatch(m, test); em < 0.99 {
		t.Errorf("copy exact match %.3f < 0.99", em)
	} else {
		t.Logf("copy exact match %.3f", em)
	}
}

func TestReverseTask(t *testing.T) {
	m, test := trainToy(t, "reverse", Additive, 12)
	if em := exactMatch(m, test); em < 0.99 {
		t.Errorf("reverse exact match %.3f < 0.99", em)
	} else {
		t.Logf("reverse exact match %.3f", em)
	}
}

func trainToyTransformer(t *testing.T, task string, epochs int) (*Transformer, []Pair) {
	t.Helper()
	pairs, err := ToyPairs(task, 6000, 8, 2, 6, 1)
	if err != nil {
		t.Fatal(err)
	}
	test, _ := ToyPairs(task, 200, 8, 2, 6, 2)
	valid, _ := ToyPairs(task, 200, 8, 2, 6, 3)
	src, tgt := vocabs(t, pairs, 1)
	m, err := NewTransformer(src, tgt, TransformerConfig{Dim: 32, Heads: 4, Layers: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	h, err := training.Run(context.Background(), &Task{Model: m, Train: pairs, Val: valid},
		training.Config{Epochs: epochs, Batch: 32, LR: 1e-3, KeepBest: true, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s transformer: %v in %v", task, h, time.Since(start))
	return m, test
}

func exactMatchT(m Translator, pairs []Pair) float64 {
	srcs := make([][]string, len(pairs))
	for i, p := range pairs {
		srcs[i] = p.Src
	}
	ok := 0
	for i, tr := range m.Translate(srcs, 0) {
		if Join(tr.Tokens) == Join(pairs[i].Tgt) {
			ok++
		}
	}
	return float64(ok) / float64(len(pairs))
}

// A small Transformer (2+2 layers, C = 32, 4 heads) learns copy and
// reverse on 6000 sequences, with the learning rate halved when the
// validation loss stalls: measured 100% exact match on both, copy after 4
// epochs and reverse after 8 (reverse after 5 epochs: 97%; with 2000
// sequences the model fits the training set but drops or repeats the last
// of a run of equal symbols, 91–97.5%).
func TestTransformerCopyReverse(t *testing.T) {
	for _, c := range []struct {
		task   string
		epochs int
	}{{"copy", 4}, {"reverse", 8}} {
		m, test := trainToyTransformer(t, c.task, c.epochs)
		if em := exactMatchT(m, test); em < 0.99 {
			t.Errorf("%s exact match %.3f < 0.99", c.task, em)
		} else {
			t.Logf("%s exact match %.3f", c.task, em)
		}
		if c.task == "copy" {
			checkDecoding(t, m, test[:20])
		}
	}
}

// checkDecoding checks on a trained model that a sentence decoded alone and
// inside a padded batch gives the same words, probability and attention,
// and that beam search of width 1 is greedy decoding.
func checkDecoding(t *testing.T, m Translator, test []Pair) {
	t.Helper()
	srcs := make([][]string, len(test))
	for i, p := range test {
		srcs[i] = p.Src
	}
	batch := m.Translate(srcs, 0)
	for i, src := range srcs {
		one := m.Translate([][]string{src}, 0)[0]
		if !slices.Equal(one.IDs, batch[i].IDs) || math.Abs(one.LogProb-batch[i].LogProb) > 1e-3 {
			t.Fatalf("%v: alone %v (%.5f), in a batch %v (%.5f)", src, one.IDs, one.LogProb, batch[i].IDs, batch[i].LogProb)
		}
		for s := range one.Attention {
			if len(batch[i].Attention[s]) != len(src) {
				t.Fatalf("attention row has %d weights for %d source tokens", len(batch[i].Attention[s]), len(src))
			}
			for j := range one.Attention[s] {
				if math.Abs(one.Attention[s][j]-batch[i].Attention[s][j]) > 1e-3 {
					t.Fatalf("%v: attention differs at (%d, %d)", src, s, j)
				}
			}
		}
		b := m.Beam(src, BeamConfig{Width: 1})
		if len(b) != 1 || !slices.Equal(b[0].IDs, one.IDs) || math.Abs(b[0].LogProb-one.LogProb) > 1e-6 {
			t.Fatalf("%v: beam(1) %v, greedy %v", src, b[0].IDs, one.IDs)
		}
	}
}
