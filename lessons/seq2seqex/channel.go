package seq2seqex

import (
	"fmt"
	"math"
	"strings"

	"github.com/lingo-nlp/lingo/lessons"
)

const channelName = "monotone noisy-channel decoder"

var channelHints = []string{
	"score(c) = Σᵢ logTM[i][cᵢ] + Σᵢ logLM(previous word, optionᵢ) + logLM(last word, \"</s>\"), the first previous word being \"<s>\"",
	"greedy choice word by word is not enough: a choice that looks good now can force a bad bigram later",
	"Viterbi: best[i][k] = the best score of words 0…i with option k for word i; best[i][k] = logTM[i][k] + maxⱼ (best[i−1][j] + logLM(options[i−1][j], options[i][k]))",
	"keep back-pointers to recover the choices, and add logLM(w, \"</s>\") at the end",
}

// channelCase is one sentence: options per source word, log P(x|y) of
// each, and a bigram language model as a table (missing bigrams −10).
type channelCase struct {
	options [][]string
	logTM   [][]float64
	bigrams map[string]float64 // "prev w" → log P(w | prev)
}

func (c channelCase) lm(prev, w string) float64 {
	if lp, ok := c.bigrams[prev+" "+w]; ok {
		return lp
	}
	return -10
}

func (c channelCase) score(choice []int) float64 {
	s, prev := 0.0, "<s>"
	for i, k := range choice {
		w := c.options[i][k]
		s += c.logTM[i][k] + c.lm(prev, w)
		prev = w
	}
	return s + c.lm(prev, "</s>")
}

// best enumerates every choice.
func (c channelCase) best() ([]int, float64) {
	var bestC []int
	bestS := math.Inf(-1)
	choice := make([]int, len(c.options))
	var rec func(i int)
	rec = func(i int) {
		if i == len(c.options) {
			if s := c.score(choice); s > bestS {
				bestS, bestC = s, append([]int(nil), choice...)
			}
			return
		}
		for k := range c.options[i] {
			choice[i] = k
			rec(i + 1)
		}
	}
	rec(0)
	return bestC, bestS
}

// greedy picks word by word the option best given the previous word.
func (c channelCase) greedy() []int {
	var out []int
	prev := "<s>"
	for i := range c.options {
		bk, bs := 0, math.Inf(-1)
		for k, w := range c.options[i] {
			if s := c.logTM[i][k] + c.lm(prev, w); s > bs {
				bk, bs = k, s
			}
		}
		out = append(out, bk)
		prev = c.options[i][bk]
	}
	return out
}

// tmOnly picks the option with the best log P(x|y) everywhere.
func (c channelCase) tmOnly() []int {
	var out []int
	for i := range c.options {
		bk := 0
		for k := range c.options[i] {
			if c.logTM[i][k] > c.logTM[i][bk] {
				bk = k
			}
		}
		out = append(out, bk)
	}
	return out
}

var channelCases = []channelCase{
	{ // 我 喜欢 猫: the channel alone prefers "me", the language model "i"
		options: [][]string{{"me", "i"}, {"like", "fond"}, {"cat", "modem"}},
		logTM:   [][]float64{{-1, -2}, {-1, -0.5}, {-2, -1}},
		bigrams: map[string]float64{"<s> i": -1, "<s> me": -4, "i like": -1, "me like": -5, "i fond": -6, "like cat": -3, "like modem": -8, "cat </s>": -1, "modem </s>": -2},
	},
	{ // greedy takes "the" for 这, which leaves no good next word; "this book" is better overall
		options: [][]string{{"the", "this"}, {"book", "letter", "document"}, {"interesting", "fun"}},
		logTM:   [][]float64{{-1, -1.2}, {-1, -1, -1}, {-1, -1}},
		bigrams: map[string]float64{"<s> the": -0.5, "<s> this": -1.5, "the letter": -6, "this book": -1, "book interesting": -3, "book fun": -4, "letter fun": -5, "interesting </s>": -1, "fun </s>": -1},
	},
	{ // one word, three options
		options: [][]string{{"yes", "right", "correct"}},
		logTM:   [][]float64{{-2, -1, -1.5}},
		bigrams: map[string]float64{"<s> yes": -1, "<s> right": -3, "<s> correct": -2, "yes </s>": -1, "right </s>": -1, "correct </s>": -1},
	},
}

// CheckMonotoneDecoder checks decode(options, logTM, logLM), which must
// return, for each source word, the index of the option that makes
//
//	Σᵢ log P(xᵢ | yᵢ) + log P(y)
//
// largest, y being the chosen options in the source's order scored by a
// bigram language model logLM(previous, word) from "<s>" to "</s>": the
// noisy channel decoded monotonically, by dynamic programming.
func CheckMonotoneDecoder(decode func(options [][]string, logTM [][]float64, logLM func(prev, w string) float64) []int) *lessons.Feedback {
	if decode == nil {
		return lessons.Fail(channelName, "no function given", channelHints...)
	}
	for _, c := range channelCases {
		var got []int
		if err := safe(func() { got = decode(c.options, c.logTM, c.lm) }); err != nil {
			return lessons.Fail(channelName, err.Error(), channelHints...)
		}
		want, ws := c.best()
		if len(got) != len(c.options) {
			return lessons.Fail(channelName, fmt.Sprintf("for %d source words you returned %d choices", len(c.options), len(got)), channelHints...)
		}
		for i, k := range got {
			if k < 0 || k >= len(c.options[i]) {
				return lessons.Fail(channelName, fmt.Sprintf("choice %d for word %d is not an option index (0…%d)", k, i, len(c.options[i])-1), channelHints...)
			}
		}
		if gs := c.score(got); gs < ws-1e-9 {
			what := fmt.Sprintf("you chose %q (score %.2f); %q scores %.2f", words(c, got), gs, words(c, want), ws)
			switch {
			case same(got, c.greedy()):
				what += ": that is the greedy choice, word by word"
			case same(got, c.tmOnly()):
				what += ": that is the best translation model alone — the language model is missing"
			}
			return lessons.Fail(channelName, what, channelHints...)
		}
	}
	return lessons.Pass(channelName, "your decoder finds the best-scoring translation of every sentence — the same as trying all choices")
}

func words(c channelCase, choice []int) string {
	var ws []string
	for i, k := range choice {
		ws = append(ws, c.options[i][k])
	}
	return strings.Join(ws, " ")
}

func same(a, b []int) bool {
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
