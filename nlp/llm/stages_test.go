package llm

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/lm"

	"github.com/lingo-nlp/lingo/nlp/instruct"
	"github.com/lingo-nlp/lingo/nlp/training"
)

// tinyModel pretrains a very small model on the embedded default corpus,
// shared by the tests of the training stages.
func tinyModel(t *testing.T) (*Model, *Pretrained) {
	t.Helper()
	p, err := Pretrain(context.Background(), PretrainConfig{Corpora: []string{"default"}, MaxBytes: 20000,
		VocabSize: 300, BPEChars: 20000, Model: lm.TransformerConfig{Layers: 1, Dim: 16, Heads: 2, Block: 48}, Seed: 1},
		training.Config{Steps: 5, Batch: 4})
	if err != nil {
		t.Fatal(err)
	}
	return p.Model, p
}

func TestRechunk(t *testing.T) {
	for _, tc := range []struct {
		name      string
		docs      []string
		size, max int
		want      []string
	}{
		// small documents are joined until a chunk is ≥ 90% of size
		{"join", []string{"aaaa", "bbbb", "cc"}, 10, 100, []string{"aaaa bbbb", "cc"}},
		// a large document is cut at a space
		{"cut", []string{"aaa bbb ccc ddd"}, 8, 100, []string{"aaa bbb", "ccc ddd"}},
		// at most max bytes are kept
		{"max", []string{"aaaa", "bbbb", "cccc"}, 4, 8, []string{"aaaa", "bbbb"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := rechunk(tc.docs, tc.size, tc.max)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("rechunk = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPretrainReportsEpochs(t *testing.T) {
	m, p := tinyModel(t)
	if m.Params().Count() == 0 || p.History.Len() != 5 {
		t.Fatalf("model %v, %d losses", m.LM.Name(), p.History.Len())
	}
	// N = Steps·Batch·Block = 5·4·48 tokens; the sampler draws whole chunks, so at least N
	if p.Expected.TrainTokens != 960 || p.Observed.TrainTokens < 960 {
		t.Errorf("train tokens expected %d, observed %d, want 960 and ≥ 960", p.Expected.TrainTokens, p.Observed.TrainTokens)
	}
	if _, err := Pretrain(context.Background(), PretrainConfig{Corpora: []string{"a", "b"}, Weights: []float64{1}}, training.Config{}); err == nil {
		t.Error("Pretrain accepted 1 weight for 2 corpora")
	}
}

// The log-probs Sample records are the ones LogProbs recomputes, and a
// clone gives the same ones (the frozen reference equals the policy at
// the start of RLHF, so the KL penalty starts at 0).
func TestSampleLogProbsAndClone(t *testing.T) {
	m, _ := tinyModel(t)
	prompt := m.Encode("Instruction: Compute the result.\nInput: 1 + 2\nAnswer:")
	s, err := m.Sample(prompt, SampleConfig{MaxTokens: 6}, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.IDs) == 0 {
		t.Fatal("no tokens sampled")
	}
	ref, err := m.Clone()
	if err != nil {
		t.Fatal(err)
	}
	for name, mm := range map[string]*Model{"model": m, "clone": ref} {
		lp, err := mm.LogProbs(prompt, s.IDs)
		if err != nil {
			t.Fatal(err)
		}
		for i := range lp {
			if math.Abs(lp[i]-s.Logp[i]) > 1e-4 {
				t.Errorf("%s: logp[%d] = %v, Sample recorded %v", name, i, lp[i], s.Logp[i])
			}
		}
	}
	if _, err := m.LogProbs(prompt, nil); err == nil {
		t.Error("LogProbs accepted an empty response")
	}
}

func TestSFTLowersResponseLoss(t *testing.T) {
	m, _ := tinyModel(t)
	train := []instruct.Example{{Task: "arithmetic", Instruction: "Compute the result.", Input: "1 + 1", Answer: "2"}}
	h, err := training.Run(context.Background(), &SFTTask{Model: m, Examples: train}, training.Config{Steps: 30, Batch: 2, LR: 1e-2})
	if err != nil {
		t.Fatal(err)
	}
	if first, last := h.First("loss"), h.Last("loss"); !(last < first/2) {
		t.Errorf("SFT loss went from %.3f to %.3f; memorising one answer should at least halve it", first, last)
	}
	if _, err := training.Run(context.Background(), &SFTTask{Model: m}, training.Config{}); err == nil {
		t.Error("SFT accepted no examples")
	}
}

// The configs of the pipeline stages reject what means nothing, naming the
// field and the value.
func TestStageConfigsReject(t *testing.T) {
	ctx := context.Background()
	m, _ := tinyModel(t)
	rater := NewRater(testLexicon, nil)
	ex := []instruct.Example{{Task: "arithmetic", Instruction: "Compute the result.", Input: "1 + 1", Answer: "2"}}
	pref := func(c PreferenceConfig) error { _, err := MakePreferences(ctx, m, rater, ex, c); return err }
	pre := func(c PretrainConfig) error { _, err := Pretrain(ctx, c, training.Config{Steps: 1}); return err }
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"PreferenceConfig negative Samples", pref(PreferenceConfig{Samples: -1}), "Samples must be in 0…1024 and PerPrompt ≥ 0 (0: the default), got -1 and 0"},
		{"PreferenceConfig negative PerPrompt", pref(PreferenceConfig{PerPrompt: -3}), "got 0 and -3"},
		{"PreferenceConfig NaN Temperature", pref(PreferenceConfig{Temperature: math.NaN()}), "PreferenceConfig.Temperature must be a finite number ≥ 0 (0: the default), got NaN"},
		{"PreferenceConfig negative MinMargin", pref(PreferenceConfig{MinMargin: -1}), "PreferenceConfig.MinMargin must be a finite number ≥ 0 (0: the default), got -1"},
		{"PretrainConfig negative MaxBytes", pre(PretrainConfig{MaxBytes: -1}), "PretrainConfig.MaxBytes must be ≥ 0 (0: the default), got -1"},
		{"PretrainConfig negative VocabSize", pre(PretrainConfig{VocabSize: -512}), "PretrainConfig.VocabSize must be ≥ 0 (0: the default), got -512"},
		{"PretrainConfig negative ValTokens", pre(PretrainConfig{ValTokens: -5}), "PretrainConfig.ValTokens must be ≥ 0 (0: the default), got -5"},
		{"PretrainConfig negative Model.Dim", pre(PretrainConfig{Model: lm.TransformerConfig{Dim: -64}}), "PretrainConfig.Model.Dim must be ≥ 0 (0: the default), got -64"},
		{"PretrainConfig NaN weight", pre(PretrainConfig{Corpora: []string{"default"}, Weights: []float64{math.NaN()}}), "PretrainConfig.Weights[0] must be a finite number ≥ 0 (0: the default), got NaN"},
		{"PretrainConfig negative Steps", pre2(training.Config{Steps: -1}), "training: Steps must be ≥ 0 (0: the default), got -1"},
		{"DPOTask NaN Beta", run(&DPOTask{Policy: m, Ref: m, Beta: math.NaN()}), "DPOTask.Beta must be a finite number ≥ 0 (0: the default), got NaN"},
		{"PPOTask negative Eps", run(&PPOTask{PPO: &PPO{Policy: m, Ref: m, Reward: rater0{}}, Prompts: ex, Eps: -0.2}), "PPOTask.Eps must be a finite number ≥ 0 (0: the default), got -0.2"},
		{"PPOTask Lambda above 1", run(&PPOTask{PPO: &PPO{Policy: m, Ref: m, Reward: rater0{}}, Prompts: ex, Lambda: 2}), "λ ≤ 1"},
		{"PPOTask negative Updates", run(&PPOTask{PPO: &PPO{Policy: m, Ref: m, Reward: rater0{}}, Prompts: ex, Updates: -1}), "PPOTask.Updates must be ≥ 0 (0: the default), got -1"},
		{"DatasetConfig negative PerTask", dataset(instruct.DatasetConfig{PerTask: -1}), "DatasetConfig.PerTask must be in 0…65536 (0: 50), got -1"},
		{"PretrainConfig huge ValTokens", pre(PretrainConfig{ValTokens: 1 << 40}), "PretrainConfig.ValTokens must be at most 67108864, got 1099511627776"},
		{"PretrainConfig huge Steps", pre2(training.Config{Steps: 1 << 40, Batch: 8}), "Steps·Batch·Block = 1099511627776·8·128 training tokens is more than 67108864"},
		{"PretrainConfig Steps·Batch·Block overflows", pre2(training.Config{Steps: 1 << 50, Batch: 1 << 16}), "training tokens is more than 67108864"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", tc.err, tc.want)
			}
		})
	}
}

func pre2(c training.Config) error {
	_, err := Pretrain(context.Background(), PretrainConfig{Corpora: []string{"default"}}, c)
	return err
}

func run(task training.Task) error {
	_, err := training.Run(context.Background(), task, training.Config{Steps: 1})
	return err
}

func dataset(c instruct.DatasetConfig) error { _, err := instruct.NewDataset(c); return err }

type rater0 struct{}

func (rater0) Score(string, string) (float64, error) { return 0, nil }
