package metrics

import (
	"fmt"
	"math"
	"slices"
)

// NLTKSmoothing selects one of nltk.translate.bleu_score.SmoothingFunction's
// methods 0–4 (Chen & Cherry 2014). The zero value is method0, no smoothing.
type NLTKSmoothing int

// NLTKConfig mirrors the keyword arguments of NLTK 3.8's corpus_bleu.
type NLTKConfig struct {
	// Weights of log p₁, log p₂, …; nil means (¼, ¼, ¼, ¼).
	Weights []float64
	// Smoothing is the method number, 0 … 4.
	Smoothing NLTKSmoothing
	// Epsilon is method 1's added count; 0 means NLTK's 0.1.
	Epsilon float64
	// K is method 4's constant; 0 means NLTK's 5.
	K float64
	// AutoReweigh uses uniform weights over the hypothesis length when the
	// corpus has fewer than 4 hypothesis tokens and the weights are the default.
	AutoReweigh bool
}

// NLTKSentenceBLEU is NLTK 3.8's sentence_bleu: NLTKCorpusBLEU of one
// hypothesis.
func NLTKSentenceBLEU(refs [][]string, hyp []string, cfg NLTKConfig) (float64, error) {
	return NLTKCorpusBLEU([][][]string{refs}, [][]string{hyp}, cfg)
}

// NLTKCorpusBLEU computes BLEU in [0, 1] exactly as NLTK 3.8's corpus_bleu on
// tokenised text: refs[i] are the references of hyps[i]. As in NLTK, the
// result is 0 when no unigram matches; without smoothing an order with no
// match contributes log(smallest float64), giving a tiny positive score.
func NLTKCorpusBLEU(refs [][][]string, hyps [][]string, cfg NLTKConfig) (float64, error) {
	if len(refs) != len(hyps) {
		return 0, fmt.Errorf("metrics: %d reference lists but %d hypotheses: %w", len(refs), len(hyps), ErrLength)
	}
	if cfg.Smoothing < 0 || cfg.Smoothing > 4 {
		return 0, fmt.Errorf("metrics: NLTK smoothing method %d not supported (0 … 4)", cfg.Smoothing)
	}
	if err := cfg.check(); err != nil {
		return 0, err
	}
	weights := cfg.Weights
	defaultWeights := weights == nil || slices.Equal(weights, []float64{0.25, 0.25, 0.25, 0.25})
	if weights == nil {
		weights = []float64{0.25, 0.25, 0.25, 0.25}
	}
	N := len(weights)
	if N == 0 {
		return 0, fmt.Errorf("metrics: no BLEU weights")
	}
	num, den := make([]int, N), make([]int, N)
	hypLen, refLen := 0, 0
	for i, h := range hyps {
		if len(refs[i]) == 0 {
			return 0, fmt.Errorf("metrics: hypothesis %d has no reference", i)
		}
		for n := 1; n <= N; n++ {
			c, d := modifiedPrecision(refs[i], h, n)
			num[n-1] += c
			den[n-1] += d
		}
		hypLen += len(h)
		refLen += closestRefLen(refs[i], len(h))
	}
	bp := 1.0
	switch {
	case hypLen > refLen:
	case hypLen == 0:
		bp = 0
	default:
		bp = math.Exp(1 - float64(refLen)/float64(hypLen))
	}
	if num[0] == 0 {
		return 0, nil
	}
	p := nltkPrecisions(num, den, hypLen, cfg)
	if cfg.AutoReweigh && hypLen < 4 && defaultWeights {
		weights = make([]float64, hypLen)
		for i := range weights {
			weights[i] = 1 / float64(hypLen)
		}
	}
	terms := make([]float64, 0, N)
	for n, w := range weights {
		if n < N && p[n] > 0 {
			terms = append(terms, w*math.Log(p[n]))
		}
	}
	return bp * math.Exp(fsum(terms)), nil
}

// modifiedPrecision returns the clipped n-gram matches of hyp against refs
// and max(1, number of hypothesis n-grams), NLTK's modified_precision.
func modifiedPrecision(refs [][]string, hyp []string, n int) (num, den int) {
	maxRef := map[string]int{}
	for _, r := range refs {
		for g, c := range ngramCounts(r, n) {
			maxRef[g] = max(maxRef[g], c)
		}
	}
	total := 0
	for g, c := range ngramCounts(hyp, n) {
		num += min(c, maxRef[g])
		total += c
	}
	return num, max(1, total)
}

// closestRefLen is the reference length closest to hypLen, ties to the shorter.
func closestRefLen(refs [][]string, hypLen int) int {
	best := -1
	for _, r := range refs {
		if best < 0 || abs(len(r)-hypLen) < abs(best-hypLen) || (abs(len(r)-hypLen) == abs(best-hypLen) && len(r) < best) {
			best = len(r)
		}
	}
	return best
}

// fsum adds xs with Neumaier's compensated summation, close to Python's
// exactly rounded math.fsum for the few terms BLEU adds.
func fsum(xs []float64) float64 {
	s, c := 0.0, 0.0
	for _, x := range xs {
		t := s + x
		if math.Abs(s) >= math.Abs(x) {
			c += (s - t) + x
		} else {
			c += (x - t) + s
		}
		s = t
	}
	return s + c
}

// nltkPrecisions are the modified precisions num/den of every order,
// smoothed by NLTK's SmoothingFunction method cfg.Smoothing (0: a zero
// precision becomes sys.float_info.min; 1: ε/den; 2: add one from order
// 2 on; 3: 1/(2ᵏ·den) for the k-th zero; 4: method 3 scaled by
// K/log(hypLen)).
func nltkPrecisions(num, den []int, hypLen int, cfg NLTKConfig) []float64 {
	N := len(num)
	p := make([]float64, N)
	zero := make([]bool, N)
	for n := range N {
		p[n] = float64(num[n]) / float64(den[n])
		zero[n] = num[n] == 0
	}
	switch cfg.Smoothing {
	case 0:
		for n := range N {
			if zero[n] {
				p[n] = math.Float64frombits(0x0010000000000000) // sys.float_info.min, 2⁻¹⁰²²
			}
		}
	case 1:
		eps := cfg.Epsilon
		if eps == 0 {
			eps = 0.1
		}
		for n := range N {
			if zero[n] {
				p[n] = eps / float64(den[n])
			}
		}
	case 2:
		for n := 1; n < N; n++ {
			p[n] = float64(num[n]+1) / float64(den[n]+1)
		}
	case 3:
		k := 1.0
		for n := range N {
			if zero[n] {
				k *= 2
				p[n] = 1 / (k * float64(den[n]))
			}
		}
	case 4:
		K := cfg.K
		if K == 0 {
			K = 5
		}
		inc := 1.0
		for n := range N {
			if zero[n] && hypLen > 1 {
				inc *= 2
				p[n] = 1 / (inc * K / math.Log(float64(hypLen))) / float64(den[n])
			}
		}
	}
	return p
}
