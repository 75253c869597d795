package seq2seq

import (
	"context"
	"math"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/autograd"

	"github.com/lingo-nlp/lingo/nlp/training"
)

// forcedLogProb scores ids (the output, </s> included when produced) as a
// translation of src by one teacher-forced pass over the whole sequence —
// the training path, independent of the step-by-step decoder — and returns
// Σ log P(yₜ | y<ₜ, x).
func forcedLogProb(m trainable, src []string, ids []int) float64 {
	srcV, _ := m.vocabs()
	sid, lens, S := encodeSources(srcV, [][]string{src})
	T := len(ids)
	b := &Batch{B: 1, S: S, T: T, Src: sid, SrcLen: lens, TgtIn: make([]int, T), TgtOut: make([]int, T)}
	for t, y := range ids {
		b.TgtIn[t] = BOSID
		if t > 0 {
			b.TgtIn[t] = ids[t-1]
		}
		b.TgtOut[t] = y
	}
	var lp float64
	autograd.NoGrad(func() {
		l := m.batchLoss(b, lossOpts{})
		lp = -float64(l.Item()) * float64(T)
		l.Release()
	})
	return lp
}

// searchStats compares greedy decoding with beam search (α = 0, ranked by
// log P alone) on pairs. Every decoder's accumulated log P must be the
// model's log P of its output recomputed by one teacher-forced pass (a
// decoder that mixed up rows, positions or cached state would fail this).
// Beam search usually finds a more probable output than greedy decoding but
// is not guaranteed to: greedy's prefix can fall out of the k best prefixes
// and its continuation be lost (searchErrors counts those).
type searchStats struct {
	n, searchErrors, scoreErrors int
	beamBetter, same             int
	greedyLen, beamLen           int
	maxScoreDiff                 float64
}

func compareSearch(t *testing.T, m trainable, pairs []Pair, width int) searchStats {
	t.Helper()
	var st searchStats
	srcs := make([][]string, len(pairs))
	for i, p := range pairs {
		srcs[i] = p.Src
	}
	gs := greedy(m, srcs, 0, false)
	for i, p := range pairs {
		g := gs[i]
		b := beam(m, p.Src, BeamConfig{Width: width})[0]
		st.n++
		st.greedyLen += len(g.Tokens)
		st.beamLen += len(b.Tokens)
		for _, tr := range []*Translation{g, b} {
			f := forcedLogProb(m, p.Src, tr.IDs)
			d := math.Abs(f - tr.LogProb)
			st.maxScoreDiff = max(st.maxScoreDiff, d)
			if d > 1e-3*max(1, math.Abs(f)) {
				st.scoreErrors++
			}
		}
		switch {
		case b.LogProb < g.LogProb-1e-6:
			st.searchErrors++
			t.Logf("search error: %v: greedy %q (%.4f), beam %q (%.4f)", p.Src, g, g.LogProb, b, b.LogProb)
		case b.LogProb > g.LogProb+1e-6:
			st.beamBetter++
		default:
			st.same++
		}
	}
	return st
}

// TestTransformerSearch checks beam search and greedy decoding of a small
// Transformer against the model's own probabilities, on the copy task after
// one epoch (not learned to perfection, so that search matters): the log P
// every decoder accumulates step by step is the log P of its output under
// one teacher-forced pass, and beam(4) with α = 0 never returns a less
// probable output than greedy decoding (measured: 1 of 40 more probable, 39
// the same, max |Δ log P| 1e-6).
func TestTransformerSearch(t *testing.T) {
	m, test := trainToyTransformer(t, "copy", 1)
	st := compareSearch(t, m, test[:40], 4)
	t.Logf("%+v", st)
	if st.searchErrors > 0 || st.scoreErrors > 0 {
		t.Errorf("%d search errors, %d scoring errors (max |Δ log P| %.2g)", st.searchErrors, st.scoreErrors, st.maxScoreDiff)
	}
	// TuneAlpha returns the α of highest BLEU with the BLEU of each.
	alphas := []float64{0, 1, 2}
	best, bleu, err := TuneAlpha(context.Background(), m, test[:40], 3, alphas)
	if err != nil || len(bleu) != len(alphas) || bleu[slices.Index(alphas, best)] != slices.Max(bleu) {
		t.Errorf("TuneAlpha = %g, %v, %v", best, bleu, err)
	}
	if _, _, err := TuneAlpha(context.Background(), m, test[:5], 3, nil); err == nil {
		t.Error("TuneAlpha without α: no error")
	}
}

// TestDeEnSearch is the same check on a saved full-scale model, off by
// default: LINGO_S2S_LOAD=FILE with LINGO_S2S_ATT as in TestDeEn (it reads
// FILE.<att>). It fails
// on scoring errors only, and logs the sentences where beam(5) lost the
// greedy output. Measured on the Transformer of TestDeEn (15 epochs, no
// label smoothing; 384 test sentences): beam(5) more probable than greedy
// on 290, equal on 84, less probable on 10 (search errors inherent to beam
// search), step-by-step and teacher-forced log P within 6e-5; the beam
// outputs are shorter (2019 words against greedy's 2300; references 2418).
// With label smoothing 0.1 (the TestDeEn recipe): 290 / 85 / 9, max
// |Δ log P| 1.2e-5, 2028 words against greedy's 2359.
func TestDeEnSearch(t *testing.T) {
	path := os.Getenv("LINGO_S2S_LOAD")
	if path == "" || os.Getenv("LINGO_S2S_DEEN") != "" {
		t.Skip("set LINGO_S2S_LOAD=FILE (without LINGO_S2S_DEEN) to check search on a saved de-en model")
	}
	att, _ := strconv.Atoi(os.Getenv("LINGO_S2S_ATT"))
	pairs, err := LoadPairs("de-en", DataConfig{MaxLen: 8})
	if err != nil {
		t.Skip(err)
	}
	split, _ := SplitPairs(pairs, 0.05, 0.05, 1)
	task, _, err := deenRecipe(att, 1, split)
	if err != nil {
		t.Fatal(err)
	}
	m := task.Model.(trainable)
	loadDeEn(t, m, path, att)
	st := compareSearch(t, m, split.Test, 5)
	t.Logf("%+v", st)
	if st.scoreErrors > 0 {
		t.Errorf("%d search errors, %d scoring errors (max |Δ log P| %.2g)", st.searchErrors, st.scoreErrors, st.maxScoreDiff)
	}
}

// With SelectBeam, SelectBLEU compares the validation BLEU of beam search:
// the history records one such BLEU per epoch and keeps an epoch of the run.
func TestSelectBeam(t *testing.T) {
	pairs, _ := ToyPairs("copy", 600, 8, 2, 6, 1)
	valid, _ := ToyPairs("copy", 40, 8, 2, 6, 3)
	src, tgt := vocabs(t, pairs, 1)
	m, err := NewTransformer(src, tgt, TransformerConfig{Dim: 16, Heads: 2, Layers: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	task := &Task{Model: m, Train: pairs, Val: valid, SelectBLEU: true, SelectBeam: BeamConfig{Width: 3, Alpha: 1}}
	h, err := training.Run(context.Background(), task, training.Config{Epochs: 2, Batch: 32, LR: 3e-3, KeepBest: true, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	bleu := h.Values("val BLEU")
	if len(bleu) != 2 || h.Select != "val BLEU" || h.Best != slices.Max(bleu) {
		t.Errorf("val BLEU %v, kept %s %v", bleu, h.Select, h.Best)
	}
	r, err := m.Evaluate(context.Background(), valid, BeamConfig{Width: 3, Alpha: 1})
	if err != nil || math.Abs(r.BLEU.Score-h.Best) > 1e-9 {
		t.Errorf("kept model's beam BLEU %v (%v), history says %.4f", r.BLEU, err, h.Best)
	}
}
