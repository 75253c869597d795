package seq2seq

import (
	"math"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/text"
	"github.com/lingo-nlp/lingo/nlp/training"
)

// vocabs builds the source and target vocabularies of pairs.
func vocabs(t testing.TB, pairs []Pair, minCount int) (src, tgt *text.Vocab) {
	t.Helper()
	src, err := BuildVocab(pairs, false, minCount, 0)
	if err != nil {
		t.Fatal(err)
	}
	if tgt, err = BuildVocab(pairs, true, minCount, 0); err != nil {
		t.Fatal(err)
	}
	return src, tgt
}

// Every config of the package rejects what means nothing, naming the
// field and the value.
func TestConfigsReject(t *testing.T) {
	pairs, _ := ToyPairs("copy", 50, 8, 2, 4, 1)
	src, tgt := vocabs(t, pairs, 1)
	for _, tc := range []struct {
		name string
		err  func() error
		want string
	}{
		{"Config negative Embed", func() error { _, err := New(src, tgt, Config{Embed: -1}); return err }, "Config.Embed must be in 0…16384 (0: the default), got -1"},
		{"Config huge Hidden", func() error { _, err := New(src, tgt, Config{Hidden: 1 << 20}); return err }, "Config.Hidden must be in 0…16384 (0: the default), got 1048576"},
		{"Config NaN Dropout", func() error { _, err := New(src, tgt, Config{Dropout: math.NaN()}); return err }, "Config.Dropout must be in [0, 1), got NaN"},
		{"Config Dropout 1", func() error { _, err := New(src, tgt, Config{Dropout: 1}); return err }, "Config.Dropout must be in [0, 1), got 1"},
		{"Config unknown Attention", func() error { _, err := New(src, tgt, Config{Attention: 9}); return err }, "Config.Attention must be NoAttention, Additive or Multiplicative, got 9"},
		{"TransformerConfig negative Dim", func() error { _, err := NewTransformer(src, tgt, TransformerConfig{Dim: -4}); return err }, "TransformerConfig.Dim must be in 0…16384 (0: the default), got -4"},
		{"TransformerConfig negative Heads", func() error { _, err := NewTransformer(src, tgt, TransformerConfig{Heads: -1}); return err }, "TransformerConfig.Heads must be in 0…256 (0: the default), got -1"},
		{"TransformerConfig huge Layers", func() error { _, err := NewTransformer(src, tgt, TransformerConfig{Layers: 300}); return err }, "TransformerConfig.Layers must be in 0…256 (0: the default), got 300"},
		{"TransformerConfig negative FF", func() error { _, err := NewTransformer(src, tgt, TransformerConfig{FF: -1}); return err }, "TransformerConfig.FF must be in 0…16384 (0: the default), got -1"},
		{"TransformerConfig Inf Dropout", func() error { _, err := NewTransformer(src, tgt, TransformerConfig{Dropout: math.Inf(1)}); return err }, "TransformerConfig.Dropout must be in [0, 1), got +Inf"},
		{"BeamConfig negative Width", func() error { return BeamConfig{Width: -1}.Validate() }, "BeamConfig.Width must be in 0…1024 (0: the default), got -1"},
		{"BeamConfig NaN Alpha", func() error { return BeamConfig{Alpha: math.NaN()}.Validate() }, "BeamConfig.Alpha must be a finite number ≥ 0, got NaN"},
		{"BeamConfig negative Alpha", func() error { return BeamConfig{Alpha: -1}.Validate() }, "got -1"},
		{"BeamConfig negative NBest", func() error { return BeamConfig{NBest: -2}.Validate() }, "BeamConfig.NBest must be in 0…1024 (0: the default), got -2"},
		{"BeamConfig negative MaxLen", func() error { return BeamConfig{MaxLen: -2}.Validate() }, "BeamConfig.MaxLen must be in 0…16384 (0: the default), got -2"},
		{"SampleConfig NaN Temperature", func() error { return SampleConfig{Temperature: math.NaN()}.Validate() }, "SampleConfig.Temperature must be a finite number ≥ 0 (0: 1), got NaN"},
		{"SampleConfig negative Temperature", func() error { return SampleConfig{Temperature: -1}.Validate() }, "got -1"},
		{"SampleConfig negative TopK", func() error { return SampleConfig{TopK: -1}.Validate() }, "SampleConfig.TopK must be in 0…2147483647 (0: the default), got -1"},
		{"DataConfig negative MaxLen", func() error { _, err := LoadPairs("de-en", DataConfig{MaxLen: -1}); return err }, "DataConfig.MaxLen must be in 0…16384 (0: the default), got -1"},
		{"DataConfig negative MaxPairs", func() error { _, err := LoadPairs("de-en", DataConfig{MaxPairs: -1}); return err }, "DataConfig.MaxPairs must be in 0…2147483647 (0: the default), got -1"},
		{"Task FreeRun NaN", func() error {
			return (&Task{Model: &Model{}, Train: pairs, FreeRun: math.NaN()}).Start(trainingConfig(), nil)
		}, "FreeRun must be in [0, 1], got NaN"},
		{"Task LabelSmoothing 1", func() error {
			return (&Task{Model: &Model{}, Train: pairs, LabelSmoothing: 1}).Start(trainingConfig(), nil)
		}, "LabelSmoothing must be in [0, 1), got 1"},
		{"BuildVocab negative minCount", func() error { _, err := BuildVocab(pairs, false, -1, 0); return err }, "seq2seq: BuildVocab: text: VocabConfig.MinCount must be ≥ 0 (0: 1), got -1"},
		{"BuildVocab maxSize without room for a word", func() error { _, err := BuildVocab(pairs, true, 1, 4); return err }, "VocabConfig.MaxSize must be 0 (no limit) or more than the 4 ids of the unknown token and the specials, got 4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.err(); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
	m, _ := New(src, tgt, Config{Seed: 1})
	if b := m.Beam(pairs[0].Src, BeamConfig{Alpha: math.NaN()}); b != nil {
		t.Errorf("Beam with a NaN α: %v", b)
	}
}

func trainingConfig() training.Config { return training.Config{Batch: 8} }
