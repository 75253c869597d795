package ngram

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Sampling controls Generate. The zero value samples from the model's
// distribution with seed 0. Negative, NaN and infinite values are errors
// (see Validate).
type Sampling struct {
	Seed uint64
	// Temperature T reshapes the distribution to p^(1/T) (renormalised):
	// T < 1 sharpens it towards the most probable words, T > 1 flattens it.
	// 0 means 1.
	Temperature float64
	// TopK keeps only the K most probable words; 0 keeps all, 1 is greedy
	// decoding.
	TopK int
}

// Validate checks the settings: a finite Temperature ≥ 0 and TopK ≥ 0.
func (s Sampling) Validate() error {
	if math.IsNaN(s.Temperature) || math.IsInf(s.Temperature, 0) || s.Temperature < 0 {
		return fmt.Errorf("ngram: Sampling.Temperature must be a finite number ≥ 0 (0: 1), got %g", s.Temperature)
	}
	if s.TopK < 0 {
		return fmt.Errorf("ngram: Sampling.TopK must be ≥ 0 (0: all), got %d", s.TopK)
	}
	return nil
}

// A Generation is sampled text with the model's probability of each token.
type Generation struct {
	Context []string
	Tokens  []string
	Probs   []float64 // P(token | history) under the model, before temperature and top-k
	Orders  []int     // order that answered each token (see Trace.Answered)
	// Err says why nothing was generated: the Sampling's error (see
	// Sampling.Validate).
	Err error
}

// Generate samples up to n tokens after context, stopping after </s>. An
// empty context starts a sentence (<s>; NLTK mode n−1 of them). <s> and
// <unk> are never sampled. The same seed gives the same text. An invalid
// s generates nothing and sets the Generation's Err.
func (m *Model) Generate(context []string, n int, s Sampling) *Generation {
	g := &Generation{Context: append([]string(nil), context...)}
	if g.Err = s.Validate(); g.Err != nil {
		return g
	}
	hist := m.vocab.lookup(context, nil)
	if len(hist) == 0 {
		for range max(1, m.cfg.Order-1) {
			if !m.cfg.NLTK && len(hist) == 1 {
				break
			}
			hist = append(hist, bosID)
		}
	}
	T := s.Temperature
	if T == 0 {
		T = 1
	}
	rng := rand.New(rand.NewPCG(s.Seed, 0x6e6772616d))
	V := m.vocab.Len()
	probs := make([]float64, V)
	weights := make([]float64, V)
	idx := make([]int, 0, V)
	for range n {
		ctx := hist[max(0, len(hist)-(m.cfg.Order-1)):]
		idx = idx[:0]
		for w := range probs {
			probs[w] = 0
			if uint32(w) == bosID || uint32(w) == unkID || !m.known(uint32(w)) {
				continue
			}
			probs[w] = m.probIDs(uint32(w), ctx, nil)
			if probs[w] > 0 {
				idx = append(idx, w)
			}
		}
		if len(idx) == 0 {
			break
		}
		if s.TopK > 0 && s.TopK < len(idx) {
			slices.SortStableFunc(idx, func(a, b int) int {
				switch {
				case probs[a] > probs[b]:
					return -1
				case probs[a] < probs[b]:
					return 1
				}
				return 0
			})
			idx = idx[:s.TopK]
		}
		// p^(1/T), scaled by the largest p so that small T cannot underflow.
		pmax := 0.0
		for _, w := range idx {
			pmax = math.Max(pmax, probs[w])
		}
		total := 0.0
		for _, w := range idx {
			weights[w] = math.Exp(math.Log(probs[w]/pmax) / T)
			total += weights[w]
		}
		r := rng.Float64() * total
		pick := idx[len(idx)-1]
		for _, w := range idx {
			if r -= weights[w]; r < 0 {
				pick = w
				break
			}
		}
		_, order := m.answer(uint32(pick), ctx)
		g.Tokens = append(g.Tokens, m.vocab.Word(uint32(pick)))
		g.Probs = append(g.Probs, probs[pick])
		g.Orders = append(g.Orders, order)
		hist = append(hist, uint32(pick))
		if uint32(pick) == eosID {
			break
		}
	}
	return g
}
