package ngram

import (
	"encoding/json"
	"math"
	"os"
	"strconv"
	"testing"
)

// nltkFixture is testdata/nltk.json, written by testdata/gen_nltk.py with
// NLTK 3.8 (Debian python3-nltk).
type nltkFixture struct {
	Corpora map[string]struct{ Train, Test [][]string }
	Cases   []struct {
		Corpus     string
		Order      int
		Cutoff     int
		Model      string
		Param      float64
		VocabSize  int `json:"vocab_size"`
		Perplexity string
		Scores     []struct {
			Context []string
			Word    string
			Score   string
		}
	}
}

var nltkSmoothing = map[string]Smoothing{
	"MLE": MLE, "Laplace": Laplace, "Lidstone": Lidstone, "KneserNey": KneserNey,
	"WittenBell": WittenBell, "AbsoluteDiscount": AbsoluteDiscount, "StupidBackoff": StupidBackoff,
}

func parseNLTKFloat(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("fixture float %q: %v", s, err)
	}
	return v
}

func closeTo(got, want, tol float64) bool {
	if math.IsInf(want, 0) || math.IsNaN(want) {
		return got == want || (math.IsNaN(got) && math.IsNaN(want))
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// TestNLTK compares every score and perplexity of NLTK 3.8's nltk.lm models
// with Config{NLTK: true}, to 1e-9.
func TestNLTK(t *testing.T) {
	data, err := os.ReadFile("testdata/nltk.json")
	if err != nil {
		t.Fatal(err)
	}
	var fx nltkFixture
	if err := json.Unmarshal(data, &fx); err != nil {
		t.Fatal(err)
	}
	if len(fx.Cases) == 0 {
		t.Fatal("empty fixture")
	}
	for _, c := range fx.Cases {
		name := c.Corpus + "/" + c.Model + "/n=" + strconv.Itoa(c.Order) + "/cutoff=" + strconv.Itoa(c.Cutoff) + "/p=" + strconv.FormatFloat(c.Param, 'g', -1, 64)
		t.Run(name, func(t *testing.T) {
			cfg := Config{Order: c.Order, Smoothing: nltkSmoothing[c.Model], MinCount: c.Cutoff, NLTK: true}
			switch cfg.Smoothing {
			case Lidstone:
				cfg.K = c.Param
			case KneserNey, AbsoluteDiscount:
				cfg.Discount = c.Param
			case StupidBackoff:
				cfg.Alpha = c.Param
			}
			m, err := Train(fx.Corpora[c.Corpus].Train, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if int(m.V) != c.VocabSize {
				t.Errorf("|V| = %v, NLTK %d", m.V, c.VocabSize)
			}
			bad := 0
			for _, s := range c.Scores {
				want := parseNLTKFloat(t, s.Score)
				if got := m.Prob(s.Word, s.Context); !closeTo(got, want, 1e-9) {
					if bad++; bad <= 5 {
						t.Errorf("P(%s | %v) = %.15g, NLTK %.15g", s.Word, s.Context, got, want)
					}
				}
			}
			if bad > 5 {
				t.Errorf("… %d of %d scores differ", bad, len(c.Scores))
			}
			want := parseNLTKFloat(t, c.Perplexity)
			if got := m.Perplexity(fx.Corpora[c.Corpus].Test); !closeTo(got, want, 1e-9) {
				t.Errorf("perplexity = %.15g, NLTK %.15g", got, want)
			}
		})
	}
}
