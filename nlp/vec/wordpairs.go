package vec

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// PairsResult is the outcome of EvaluateWordPairs: how well cosine
// similarities agree with human judgements (WordSim-353, SimLex-999, …).
type PairsResult struct {
	Pearson, PearsonP   float64 // Pearson's r and its two-sided p-value
	Spearman, SpearmanP float64 // Spearman's ρ and its two-sided p-value
	Pairs               int     // pairs scored
	OOV                 int     // pairs skipped because a word is unknown
}

// OOVRatio returns the percentage of pairs skipped as out of vocabulary,
// OOV / (Pairs + OOV) · 100, as gensim reports it.
func (r *PairsResult) OOVRatio() float64 {
	if r.Pairs+r.OOV == 0 {
		return 0
	}
	return 100 * float64(r.OOV) / float64(r.Pairs+r.OOV)
}

// String formats the correlations.
func (r *PairsResult) String() string {
	return fmt.Sprintf("Pearson %.4f (p=%.3g)  Spearman %.4f (p=%.3g)  pairs %d  OOV %.1f%%",
		r.Pearson, r.PearsonP, r.Spearman, r.SpearmanP, r.Pairs, r.OOVRatio())
}

// EvaluateWordPairs reads a tab-separated file of "word1<TAB>word2<TAB>score"
// lines ('#' starts a comment line) and correlates the scores with the
// cosine similarities of the pairs, like gensim 4.2's evaluate_word_pairs
// with its defaults: case-insensitive, the first 300,000 words, malformed
// lines and pairs with unknown words skipped.
func (kv *KeyedVectors) EvaluateWordPairs(path string) (*PairsResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("vec: %w", err)
	}
	defer f.Close()
	return kv.EvaluateWordPairsFrom(f)
}

// EvaluateWordPairsFrom is EvaluateWordPairs reading from r.
func (kv *KeyedVectors) EvaluateWordPairsFrom(r io.Reader) (*PairsResult, error) {
	ok := kv.foldedVocab(300000)
	res := &PairsResult{}
	var gold, model []float64
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 {
			continue
		}
		sim, err := strconv.ParseFloat(strings.TrimSpace(parts[2]), 64)
		if err != nil {
			continue
		}
		a, okA := ok[upper(parts[0])]
		b, okB := ok[upper(parts[1])]
		if !okA || !okB {
			res.OOV++
			continue
		}
		gold = append(gold, sim)
		model = append(model, Cosine(kv.Row(a), kv.Row(b)))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("vec: reading word pairs: %w", err)
	}
	if len(gold) == 0 {
		return nil, fmt.Errorf("vec: no valid word pairs with known words (%d out of vocabulary)", res.OOV)
	}
	res.Pairs = len(gold)
	res.Pearson = stat.Correlation(gold, model, nil)
	res.PearsonP = correlationP(res.Pearson, len(gold))
	res.Spearman = stat.Correlation(ranks(gold), ranks(model), nil)
	res.SpearmanP = correlationP(res.Spearman, len(gold))
	return res, nil
}

// correlationP is the two-sided p-value of a correlation r over n pairs,
// from t = r √((n−2)/(1−r²)) with n−2 degrees of freedom (as scipy).
func correlationP(r float64, n int) float64 {
	if n < 3 || math.IsNaN(r) {
		return math.NaN()
	}
	if math.Abs(r) >= 1 {
		return 0
	}
	df := float64(n - 2)
	t := r * math.Sqrt(df/(1-r*r))
	return 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Survival(math.Abs(t))
}

// ranks returns 1-based ranks, ties getting the mean of their ranks.
func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && x[idx[j+1]] == x[idx[i]] {
			j++
		}
		mean := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = mean
		}
		i = j + 1
	}
	return r
}
