package vec

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// gensimResults mirrors testdata/gensim_results.json, written by
// testdata/make_fixtures.py with gensim 4.2.0.
type gensimResults struct {
	Analogies300000 gensimAnalogies `json:"analogies_300000"`
	Analogies60     gensimAnalogies `json:"analogies_60"`
	Pairs           struct {
		Pearson   float64 `json:"pearson"`
		PearsonP  float64 `json:"pearson_p"`
		Spearman  float64 `json:"spearman"`
		SpearmanP float64 `json:"spearman_p"`
		OOVRatio  float64 `json:"oov_ratio"`
	} `json:"pairs"`
	MostSimilar       []gensimQuery `json:"most_similar"`
	MostSimilarCosMul []gensimQuery `json:"most_similar_cosmul"`
	DoesntMatch       []struct {
		Words  []string `json:"words"`
		Result string   `json:"result"`
	} `json:"doesnt_match"`
	Rank []struct {
		W1, W2 string
		Result int `json:"result"`
	} `json:"rank"`
	Similarity []struct {
		W1, W2 string
		Result float64 `json:"result"`
	} `json:"similarity"`
}

type gensimAnalogies struct {
	Score    float64 `json:"score"`
	Sections []struct {
		Section   string      `json:"section"`
		Correct   [][4]string `json:"correct"`
		Incorrect [][4]string `json:"incorrect"`
	} `json:"sections"`
}

type gensimQuery struct {
	Positive []string `json:"positive"`
	Negative []string `json:"negative"`
	TopN     int      `json:"topn"`
	Result   [][2]any `json:"result"`
}

func loadGensim(t *testing.T) (*KeyedVectors, *gensimResults) {
	t.Helper()
	kv, err := LoadWord2VecFormat("testdata/gensim.txt", false)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("testdata/gensim_results.json")
	if err != nil {
		t.Fatal(err)
	}
	var g gensimResults
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return kv, &g
}

// TestEvaluateWordAnalogiesGensim checks every section's correct and
// incorrect lists against gensim 4.2.0's evaluate_word_analogies on the
// same vectors (testdata/make_fixtures.py).
func TestEvaluateWordAnalogiesGensim(t *testing.T) {
	kv, g := loadGensim(t)
	for _, tc := range []struct {
		name     string
		restrict int
		want     gensimAnalogies
	}{
		{"restrict300000", 300000, g.Analogies300000},
		{"restrict60", 60, g.Analogies60},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := kv.EvaluateWordAnalogies("testdata/questions.txt", tc.restrict)
			if err != nil {
				t.Fatal(err)
			}
			if res.Score != tc.want.Score {
				t.Errorf("score %v, gensim %v", res.Score, tc.want.Score)
			}
			if len(res.Sections) != len(tc.want.Sections) {
				t.Fatalf("%d sections, gensim %d", len(res.Sections), len(tc.want.Sections))
			}
			for i, s := range res.Sections {
				w := tc.want.Sections[i]
				if s.Name != w.Section {
					t.Errorf("section %d named %q, gensim %q", i, s.Name, w.Section)
				}
				if !sameQuads(s.Correct, w.Correct) || !sameQuads(s.Incorrect, w.Incorrect) {
					t.Errorf("section %q: correct %v incorrect %v\ngensim correct %v incorrect %v",
						s.Name, s.Correct, s.Incorrect, w.Correct, w.Incorrect)
				}
			}
		})
	}
}

func sameQuads(a, b [][4]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestQueriesGensim compares most_similar, most_similar_cosmul,
// doesnt_match, rank and similarity with gensim 4.2.0's answers.
func TestQueriesGensim(t *testing.T) {
	kv, g := loadGensim(t)
	check := func(t *testing.T, got Similarities, want [][2]any) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("got %v, gensim %v", got, want)
		}
		for i := range got {
			if got[i].Word != want[i][0].(string) || math.Abs(got[i].Similarity-want[i][1].(float64)) > 1e-5 {
				t.Errorf("rank %d: got %v, gensim %v", i+1, got[i], want[i])
			}
		}
	}
	for _, q := range g.MostSimilar {
		t.Run("MostSimilar", func(t *testing.T) {
			got, err := kv.MostSimilar(q.Positive, q.Negative, q.TopN)
			if err != nil {
				t.Fatal(err)
			}
			check(t, got, q.Result)
		})
	}
	for _, q := range g.MostSimilarCosMul {
		t.Run("MostSimilarCosMul", func(t *testing.T) {
			got, err := kv.MostSimilarCosMul(q.Positive, q.Negative, q.TopN)
			if err != nil {
				t.Fatal(err)
			}
			check(t, got, q.Result)
		})
	}
	for _, q := range g.DoesntMatch {
		if got, err := kv.DoesntMatch(q.Words); err != nil || got != q.Result {
			t.Errorf("DoesntMatch(%v) = %q, %v; gensim %q", q.Words, got, err, q.Result)
		}
	}
	for _, q := range g.Rank {
		if got, err := kv.Rank(q.W1, q.W2); err != nil || got != q.Result {
			t.Errorf("Rank(%s, %s) = %d, %v; gensim %d", q.W1, q.W2, got, err, q.Result)
		}
	}
	for _, q := range g.Similarity {
		if got, err := kv.Similarity(q.W1, q.W2); err != nil || math.Abs(got-q.Result) > 1e-6 {
			t.Errorf("Similarity(%s, %s) = %v, %v; gensim %v", q.W1, q.W2, got, err, q.Result)
		}
	}
}

// TestEvaluateWordPairsGensim compares with gensim 4.2.0's evaluate_word_pairs.
func TestEvaluateWordPairsGensim(t *testing.T) {
	kv, g := loadGensim(t)
	res, err := kv.EvaluateWordPairs("testdata/pairs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"pearson", res.Pearson, g.Pairs.Pearson},
		{"pearson p", res.PearsonP, g.Pairs.PearsonP},
		{"spearman", res.Spearman, g.Pairs.Spearman},
		{"spearman p", res.SpearmanP, g.Pairs.SpearmanP},
		{"oov ratio", res.OOVRatio(), g.Pairs.OOVRatio},
	} {
		if math.Abs(c.got-c.want) > 1e-5 {
			t.Errorf("%s = %v, gensim %v", c.name, c.got, c.want)
		}
	}
}

func TestAnalogyErrors(t *testing.T) {
	kv, _ := loadGensim(t)
	if _, err := kv.EvaluateWordAnalogiesFrom(stringsReader("a b c d\n"), 0); err == nil {
		t.Error("no error for a question before any section header")
	}
	if _, err := kv.EvaluateWordAnalogies("testdata/missing.txt", 0); err == nil {
		t.Error("no error for a missing file")
	}
	if _, err := kv.EvaluateWordPairsFrom(stringsReader("# nothing\n")); err == nil {
		t.Error("no error for a word-pair file without pairs")
	}
}

// FuzzEvaluateWordAnalogies: any analogy or word-pair file gives a result
// or an error, never a panic, and the totals add up.
func FuzzEvaluateWordAnalogies(f *testing.F) {
	q, _ := os.ReadFile("testdata/questions.txt")
	f.Add(string(q[:min(len(q), 400)]))
	f.Add(": s\nparis france berlin germany\n")
	f.Add("a\tb\t1.5\n")
	kv, err := LoadWord2VecFormat("testdata/gensim.txt", false)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data string) {
		res, err := kv.EvaluateWordAnalogiesFrom(stringsReader(data), 50)
		if err == nil {
			total := res.Sections[len(res.Sections)-1]
			n := 0
			for _, s := range res.Sections[:len(res.Sections)-1] {
				n += len(s.Correct) + len(s.Incorrect)
			}
			if n != len(total.Correct)+len(total.Incorrect) || n+res.OOV != res.Questions {
				t.Fatalf("totals do not add up: %d evaluated + %d OOV vs %d questions", n, res.OOV, res.Questions)
			}
		}
		_, _ = kv.EvaluateWordPairsFrom(stringsReader(data))
	})
}
