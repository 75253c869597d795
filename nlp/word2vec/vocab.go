package word2vec

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// maxSentence is gensim's MAX_WORDS_IN_BATCH limit per sentence: longer
// sentences are split.
const maxSentence = 10000

// ReadCorpus reads whitespace-separated tokens, one sentence per line, like
// gensim's LineSentence (lines longer than 10,000 tokens are split).
func ReadCorpus(r io.Reader) ([][]string, error) {
	var out [][]string
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		line, err := br.ReadString('\n')
		if toks := strings.Fields(line); len(toks) > 0 {
			for len(toks) > maxSentence {
				out = append(out, toks[:maxSentence:maxSentence])
				toks = toks[maxSentence:]
			}
			out = append(out, toks)
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("word2vec: reading corpus: %w", err)
		}
	}
}

// vocab is the training vocabulary, most frequent word first.
type vocab struct {
	words  []string
	counts []int64
	index  map[string]int32
	keep   []uint32 // subsampling: keep word w if keep[w] > a random uint32
	total  int64    // corpus tokens of vocabulary words
}

// buildVocab counts words, drops those rarer than minCount, keeps at most
// maxVocab, and sorts by descending count (ties in order of first
// appearance).
func buildVocab(sentences [][]string, minCount, maxVocab int) (*vocab, int64) {
	type entry struct {
		count int64
		first int
	}
	counts := make(map[string]*entry)
	var raw int64
	for _, s := range sentences {
		for _, w := range s {
			raw++
			if e, ok := counts[w]; ok {
				e.count++
			} else {
				counts[w] = &entry{1, len(counts)}
			}
		}
	}
	words := make([]string, 0, len(counts))
	for w, e := range counts {
		if e.count >= int64(minCount) {
			words = append(words, w)
		}
	}
	sort.Slice(words, func(i, j int) bool {
		a, b := counts[words[i]], counts[words[j]]
		if a.count != b.count {
			return a.count > b.count
		}
		return a.first < b.first
	})
	if maxVocab > 0 && len(words) > maxVocab {
		words = words[:maxVocab]
	}
	v := &vocab{words: words, counts: make([]int64, len(words)), index: make(map[string]int32, len(words))}
	for i, w := range words {
		v.index[w] = int32(i)
		v.counts[i] = counts[w].count
		v.total += v.counts[i]
	}
	return v, raw
}

// setSample fills keep with gensim's subsampling probabilities
// P(keep w) = (√(f/t) + 1)·t/f, f = count(w), t = sample·total, as
// thresholds on a uniform uint32. sample < 0 keeps every word.
func (v *vocab) setSample(sample float64) {
	v.keep = make([]uint32, len(v.words))
	t := sample * float64(v.total)
	for i, c := range v.counts {
		p := 1.0
		if sample > 0 {
			f := float64(c)
			p = (math.Sqrt(f/t) + 1) * t / f
		}
		v.keep[i] = uint32(math.Min(p, 1) * math.MaxUint32)
		if p >= 1 {
			v.keep[i] = math.MaxUint32
		}
	}
}

// encode maps the corpus to word indices, dropping unknown words, as one
// flat slice with sentence start offsets.
func (v *vocab) encode(sentences [][]string) (ids []int32, starts []int) {
	ids = make([]int32, 0, v.total)
	starts = make([]int, 0, len(sentences)+1)
	for _, s := range sentences {
		starts = append(starts, len(ids))
		for _, w := range s {
			if i, ok := v.index[w]; ok {
				ids = append(ids, i)
			}
		}
	}
	starts = append(starts, len(ids))
	return ids, starts
}
