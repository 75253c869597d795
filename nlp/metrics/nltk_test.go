package metrics

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// testdata/nltk_bleu.json is written by testdata/gen_nltk.py with NLTK 3.8's
// corpus_bleu (Debian python3-nltk): hand-written and seeded random cases
// over every weight set and smoothing method 0–4 we support.
func TestNLTKCorpusBLEU(t *testing.T) {
	data, err := os.ReadFile("testdata/nltk_bleu.json")
	if err != nil {
		t.Fatal(err)
	}
	var fx struct {
		NLTK  string
		Cases []struct {
			Name        string
			Refs        [][][]string
			Hyps        [][]string
			Weights     []float64
			Smoothing   int
			AutoReweigh bool `json:"auto_reweigh"`
			Want        float64
		}
	}
	if err := json.Unmarshal(data, &fx); err != nil {
		t.Fatal(err)
	}
	if fx.NLTK != "3.8" || len(fx.Cases) < 100 {
		t.Fatalf("fixture from NLTK %q with %d cases", fx.NLTK, len(fx.Cases))
	}
	for _, c := range fx.Cases {
		t.Run(c.Name, func(t *testing.T) {
			got, err := NLTKCorpusBLEU(c.Refs, c.Hyps, NLTKConfig{Weights: c.Weights, Smoothing: NLTKSmoothing(c.Smoothing), AutoReweigh: c.AutoReweigh})
			if err != nil {
				t.Fatal(err)
			}
			// relative 1e-12: NLTK sums with math.fsum, we with Neumaier's method
			if got != c.Want && math.Abs(got-c.Want) > 1e-12*math.Abs(c.Want) {
				t.Errorf("BLEU = %.17g, NLTK %.17g", got, c.Want)
			}
		})
	}
}

// NLTKSentenceBLEU is corpus BLEU of one segment; the value is NLTK 3.8's
// sentence_bleu(refs, hyp) for the same tokens (see the fixture's "one word
// changed" case).
func TestNLTKSentenceBLEU(t *testing.T) {
	got, err := NLTKSentenceBLEU([][]string{{"the", "cat", "sat", "on", "the", "mat"}}, []string{"the", "cat", "sat", "on", "a", "mat"}, NLTKConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if want := 0.537284965911771; math.Abs(got-want) > 1e-14 {
		t.Errorf("got %v, want %v", got, want)
	}
	if _, err := NLTKSentenceBLEU(nil, nil, NLTKConfig{Smoothing: 7}); err == nil {
		t.Error("no error for method 7")
	}
}
