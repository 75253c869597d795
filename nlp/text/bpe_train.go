package text

import (
	"fmt"
	"iter"
	"slices"
)

// TrainBPE learns byte-pair merges from texts (Sennrich et al. 2016,
// algorithm 1, on bytes). Each text is cut into pre-tokens; then, until the
// vocabulary reaches cfg.VocabSize, the most frequent adjacent pair of ids
// (ties: the smaller pair) is merged into a new id everywhere. Pair counts
// are updated incrementally, touching only the pre-tokens that contain the
// merged pair, so training is fast enough for a notebook on a few MB.
func TrainBPE(texts iter.Seq[string], cfg BPEConfig) (*BPE, error) {
	if cfg.VocabSize == 0 {
		cfg.VocabSize = 1000
	}
	if cfg.MinFrequency == 0 {
		cfg.MinFrequency = 2
	}
	if cfg.MinFrequency < 0 {
		return nil, fmt.Errorf("text: BPEConfig.MinFrequency must be ≥ 0 (0: 2), got %d", cfg.MinFrequency)
	}
	if cfg.VocabSize < 256 {
		return nil, fmt.Errorf("text: BPEConfig.VocabSize must be ≥ 256, the byte values (0: 1000), got %d", cfg.VocabSize)
	}

	counts := map[string]int{}
	for t := range texts {
		for p := range pretokens(t) {
			counts[p]++
		}
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys) // a fixed order makes training deterministic

	words := make([][]int, len(keys)) // each pre-token as a sequence of ids
	freq := make([]int, len(keys))
	pairs := map[uint64]int{}     // pair → occurrences in the corpus
	where := map[uint64][]int32{} // pair → pre-tokens that may contain it
	for wi, k := range keys {
		w := make([]int, len(k))
		for i := range len(k) {
			w[i] = int(k[i])
		}
		words[wi], freq[wi] = w, counts[k]
		for i := 0; i+1 < len(w); i++ {
			key := pairKey(w[i], w[i+1])
			pairs[key] += freq[wi]
			if l := where[key]; len(l) == 0 || l[len(l)-1] != int32(wi) {
				where[key] = append(l, int32(wi))
			}
		}
	}

	b, _ := NewBPE(nil)
	seen := make([]int, len(words)) // iteration at which a pre-token was last visited
	for iter := 1; b.Len() < cfg.VocabSize; iter++ {
		var best uint64
		bestN := 0
		for k, n := range pairs {
			if n > bestN || n == bestN && k < best {
				best, bestN = k, n
			}
		}
		if bestN < cfg.MinFrequency {
			break
		}
		x, y, z := int(best>>32), int(uint32(best)), b.Len()
		if err := b.addMerge(x, y); err != nil {
			return nil, fmt.Errorf("text: BPE training: %w", err) // cannot happen
		}
		for _, wi := range where[best] {
			if seen[wi] == iter {
				continue
			}
			seen[wi] = iter
			w, f := words[wi], freq[wi]
			if !containsPair(w, x, y) {
				continue // stale entry: an earlier merge consumed the pair
			}
			for i := 0; i+1 < len(w); i++ {
				key := pairKey(w[i], w[i+1])
				if pairs[key] -= f; pairs[key] <= 0 {
					delete(pairs, key)
				}
			}
			w = mergePair(w, x, y, z)
			for i := 0; i+1 < len(w); i++ {
				key := pairKey(w[i], w[i+1])
				pairs[key] += f
				if w[i] == z || w[i+1] == z {
					if l := where[key]; len(l) == 0 || l[len(l)-1] != int32(wi) {
						where[key] = append(l, int32(wi))
					}
				}
			}
			words[wi] = w
		}
		delete(pairs, best)
		delete(where, best)
	}
	return b, nil
}

func containsPair(w []int, x, y int) bool {
	for i := 0; i+1 < len(w); i++ {
		if w[i] == x && w[i+1] == y {
			return true
		}
	}
	return false
}
