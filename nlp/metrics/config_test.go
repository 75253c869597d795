package metrics

import (
	"math"
	"strings"
	"testing"
)

// BLEU, CHRF and NLTKConfig reject what means nothing, naming the field
// and the value.
func TestConfigsReject(t *testing.T) {
	hyps, refs := []string{"the cat"}, [][]string{{"the cat sat"}}
	bleu := func(b BLEU) error { _, err := b.Corpus(hyps, refs); return err }
	chrf := func(c CHRF) error { _, err := c.Corpus(hyps, refs); return err }
	nltk := func(c NLTKConfig) error {
		_, err := NLTKCorpusBLEU([][][]string{{{"the", "cat", "sat"}}}, [][]string{{"the", "cat"}}, c)
		return err
	}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"BLEU negative MaxOrder", bleu(BLEU{MaxOrder: -1}), "BLEU.MaxOrder must be in 0…100 (0: the default), got -1"},
		{"BLEU NaN SmoothValue", bleu(BLEU{Smooth: SmoothFloor, SmoothValue: math.NaN()}), "BLEU.SmoothValue must be a finite number ≥ 0 (0: the default), got NaN"},
		{"BLEU negative SmoothValue", bleu(BLEU{Smooth: SmoothAddK, SmoothValue: -1}), "got -1"},
		{"BLEU Inf SmoothValue", bleu(BLEU{Smooth: SmoothAddK, SmoothValue: math.Inf(1)}), "got +Inf"},
		{"BLEU unknown Smooth", bleu(BLEU{Smooth: 9}), "unknown smoothing 9"},
		{"CHRF negative CharOrder", chrf(CHRF{CharOrder: -6}), "CHRF.CharOrder must be in 0…100 (0: the default), got -6"},
		{"CHRF negative WordOrder", chrf(CHRF{WordOrder: -2}), "CHRF.WordOrder must be in 0…100 (0: the default), got -2"},
		{"CHRF NaN Beta", chrf(CHRF{Beta: math.NaN()}), "CHRF.Beta must be a finite number ≥ 0 (0: the default), got NaN"},
		{"CHRF negative Beta", chrf(CHRF{Beta: -2}), "got -2"},
		{"NLTK NaN weight", nltk(NLTKConfig{Weights: []float64{0.5, math.NaN()}}), "NLTKConfig.Weights[1] must be a finite number ≥ 0 (0: the default), got NaN"},
		{"NLTK negative weight", nltk(NLTKConfig{Weights: []float64{-0.5, 1.5}}), "NLTKConfig.Weights[0] must be a finite number ≥ 0 (0: the default), got -0.5"},
		{"NLTK Inf Epsilon", nltk(NLTKConfig{Smoothing: 1, Epsilon: math.Inf(1)}), "NLTKConfig.Epsilon must be a finite number ≥ 0 (0: the default), got +Inf"},
		{"NLTK negative K", nltk(NLTKConfig{K: -5}), "NLTKConfig.K must be a finite number ≥ 0 (0: the default), got -5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", tc.err, tc.want)
			}
		})
	}
}
