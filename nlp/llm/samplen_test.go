package llm

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/instruct"
)

// SampleN's greedy responses are Sample's, and the log-probabilities it
// records for sampled responses are those LogProbs computes for them.
func TestSampleN(t *testing.T) {
	m, _ := tinyModel(t)
	prompt := m.Encode("Instruction: Compute the result.\nInput: 12 + 3\nAnswer:")
	cfg := SampleConfig{MaxTokens: 6, Greedy: true}
	want, err := m.Sample(prompt, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	greedy, err := m.SampleN(prompt, 3, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range greedy {
		if s.Text != want.Text {
			t.Errorf("greedy response %d = %q, Sample gives %q", i, s.Text, want.Text)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	sampled, err := m.SampleN(prompt, 4, SampleConfig{MaxTokens: 6, Temperature: 1}, rng)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range sampled {
		lp, err := m.LogProbs(s.Prompt, s.IDs)
		if err != nil {
			t.Fatal(err)
		}
		for k := range lp {
			if math.Abs(lp[k]-s.Logp[k]) > 1e-4 {
				t.Errorf("sample %d token %d: recorded log p %.6f, LogProbs %.6f", i, k, s.Logp[k], lp[k])
			}
		}
	}
	if got, err := m.SampleN(prompt, 0, cfg, nil); got != nil || err != nil {
		t.Errorf("SampleN(0) = %v, %v", got, err)
	}
}

// SampleConfig rejects what means nothing, naming the field and the
// value, in Sample, SampleN, Generator and MeanScore. A negative
// temperature used to mean greedy decoding without saying so, NaN to
// sample from NaN weights, and a nil rng to decode greedily.
func TestSampleConfigRejects(t *testing.T) {
	m, _ := tinyModel(t)
	ctx := context.Background()
	prompt := m.Encode("Instruction: Compute the result.\nInput: 1 + 2\nAnswer:")
	rng := rand.New(rand.NewPCG(1, 2))
	ex := []instruct.Example{{Task: "arithmetic", Instruction: "Compute the result.", Input: "1 + 2", Answer: "3"}}
	for _, tc := range []struct {
		name string
		cfg  SampleConfig
		rng  *rand.Rand
		want string
	}{
		{"negative Temperature", SampleConfig{Temperature: -1}, rng, "llm: SampleConfig.Temperature must be a finite number ≥ 0 (0: 1; Greedy for the most probable token), got -1"},
		{"NaN Temperature", SampleConfig{Temperature: math.NaN()}, rng, "SampleConfig.Temperature must be a finite number ≥ 0 (0: 1; Greedy for the most probable token), got NaN"},
		{"Inf Temperature", SampleConfig{Temperature: math.Inf(1)}, rng, "got +Inf"},
		{"negative MaxTokens", SampleConfig{MaxTokens: -3}, rng, "llm: SampleConfig.MaxTokens must be ≥ 0 (0: the default), got -3"},
		{"Greedy with Temperature", SampleConfig{Greedy: true, Temperature: 0.7}, rng, "SampleConfig.Greedy with Temperature 0.7: choose one"},
		{"sampling without rng", SampleConfig{Temperature: 1}, nil, "rng is nil"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errSample := m.Sample(prompt, tc.cfg, tc.rng)
			_, errN := m.SampleN(prompt, 2, tc.cfg, tc.rng)
			errs := map[string]error{"Sample": errSample, "SampleN": errN}
			if tc.rng != nil {
				_, errs["Generator"] = m.Generator(instruct.DefaultChat, tc.cfg, 1)(ctx, "hi")
				_, errs["MeanScore"] = MeanScore(ctx, m, NewRater(testLexicon, nil), ex, instruct.ZeroShot(false), tc.cfg, 1)
			}
			for name, err := range errs {
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("%s: %v, want an error containing %q", name, err, tc.want)
				}
			}
		})
	}
	if _, err := m.SampleN(prompt, -1, SampleConfig{Greedy: true}, nil); err == nil {
		t.Error("SampleN of -1 responses: no error")
	}
}
