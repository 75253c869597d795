package segment

import (
	"math"
	"strings"
)

// lexicon is what the segmenter asks of a dictionary: the count of a word
// (0 if it is not a word) and whether some word starts with w (w itself
// included).
type lexicon interface {
	lookup(w string) (count float64, prefix bool)
}

// segmenter cuts runs of Han characters with jieba's algorithm over a
// lexicon: the maximum-probability path through the DAG of dictionary
// words, then an HMM over the runs of single characters that are not
// words themselves.
type segmenter struct {
	lex      lexicon
	logTotal float64                 // log of the sum of all counts
	hmm      func(s string) []string // cuts out-of-dictionary text; nil keeps characters
}

// cut returns the words of run, which concatenate to run.
func (sg *segmenter) cut(run string) []string {
	// off[i] is the byte offset of rune i; off[n] == len(run).
	off := make([]int, 0, len(run)/3+1)
	for i := range run {
		off = append(off, i)
	}
	n := len(off)
	off = append(off, len(run))
	if n <= 1 {
		if n == 0 {
			return nil
		}
		return []string{run}
	}

	// route[i] is the best log-probability of run[i:] and the last rune
	// of its first word; filled right to left (jieba's calc).
	logP := make([]float64, n+1)
	end := make([]int, n)
	for i := n - 1; i >= 0; i-- {
		best, bestEnd := math.Inf(-1), i
		found := false
		for j := i; j < n; j++ {
			c, prefix := sg.lex.lookup(run[off[i]:off[j+1]])
			if !prefix {
				break
			}
			if c > 0 {
				found = true
				// Ties go to the longer word, as in jieba's max over (p, j).
				if p := math.Log(c) - sg.logTotal + logP[j+1]; p >= best {
					best, bestEnd = p, j
				}
			}
		}
		if !found { // a character that no word starts with: count 1
			best, bestEnd = -sg.logTotal+logP[i+1], i
		}
		logP[i], end[i] = best, bestEnd
	}

	// Walk the route; runs of single characters go to the HMM when they
	// are not a word of their own (jieba's __cut_DAG).
	words := make([]string, 0, n/2+1)
	bufStart := -1
	flush := func(stop int) {
		start := bufStart
		if start < 0 {
			return
		}
		bufStart = -1
		buf := run[off[start]:off[stop]]
		if stop-start == 1 {
			words = append(words, buf)
			return
		}
		if c, _ := sg.lex.lookup(buf); c == 0 && sg.hmm != nil {
			if ws := sg.hmm(buf); strings.Join(ws, "") == buf {
				words = append(words, ws...)
				return
			}
		}
		// A dictionary word that the route did not take (or text the HMM
		// could not cut) stays as single characters, as in jieba.
		for k := start; k < stop; k++ {
			words = append(words, run[off[k]:off[k+1]])
		}
	}
	for i := 0; i < n; {
		j := end[i] + 1
		if j-i == 1 {
			if bufStart < 0 {
				bufStart = i
			}
		} else {
			flush(i)
			words = append(words, run[off[i]:off[j]])
		}
		i = j
	}
	flush(n)
	return words
}
