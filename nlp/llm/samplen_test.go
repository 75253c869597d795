package llm

import (
	"math"
	"math/rand/v2"
	"testing"
)

// SampleN's greedy responses are Sample's, and the log-probabilities it
// records for sampled responses are those LogProbs computes for them.
func TestSampleN(t *testing.T) {
	m, _ := tinyModel(t)
	prompt := m.Encode("Instruction: Compute the result.\nInput: 12 + 3\nAnswer:")
	cfg := SampleConfig{MaxTokens: 6, Temperature: -1}
	want := m.Sample(prompt, cfg, nil)
	for i, s := range m.SampleN(prompt, 3, cfg, nil) {
		if s.Text != want.Text {
			t.Errorf("greedy response %d = %q, Sample gives %q", i, s.Text, want.Text)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i, s := range m.SampleN(prompt, 4, SampleConfig{MaxTokens: 6, Temperature: 1}, rng) {
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
	if got := m.SampleN(prompt, 0, cfg, nil); got != nil {
		t.Errorf("SampleN(0) = %v", got)
	}
}
