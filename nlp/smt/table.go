package smt

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/lingo-nlp/lingo/nlp/text"
)

// A PhrasePair says that the source words Source may be translated as the
// target words Target (empty: the source words are dropped).
type PhrasePair struct {
	Source, Target []string
}

// An Option is one way to translate a source phrase: its target words and
// the translation model's log P(source | target).
type Option struct {
	Target []string
	LogTM  float64
}

// A Table holds the translation options of source phrases. Build it with
// NewTable or FromCEDICT.
type Table struct {
	opts   map[string][]Option // source words joined by a space → options
	maxLen int                 // longest source phrase, in words
}

// NewTable estimates the channel probability of every pair from the pairs
// themselves, as a dictionary allows: a target phrase y listed for n(y)
// different source phrases translates back into each of them with
//
//	P(x | y) = 1 / n(y),
//
// so "I", the gloss of a dozen Chinese pronouns, is a costly explanation
// of any one of them, while "Mexico" explains 墨西哥 for free. Duplicate
// pairs count once; each source keeps at most maxOptions options (≤ 0: all),
// the first ones listed.
func NewTable(pairs []PhrasePair, maxOptions int) *Table {
	key := func(ws []string) string { return strings.Join(ws, " ") }
	sources := map[string]map[string]bool{} // target → sources
	for _, p := range pairs {
		y := key(p.Target)
		if sources[y] == nil {
			sources[y] = map[string]bool{}
		}
		sources[y][key(p.Source)] = true
	}
	t := &Table{opts: map[string][]Option{}}
	for _, p := range pairs {
		x := key(p.Source)
		if maxOptions > 0 && len(t.opts[x]) >= maxOptions || slices.ContainsFunc(t.opts[x], func(o Option) bool { return key(o.Target) == key(p.Target) }) {
			continue
		}
		lp := -math.Log(float64(len(sources[key(p.Target)])))
		t.opts[x] = append(t.opts[x], Option{Target: slices.Clone(p.Target), LogTM: lp})
		t.maxLen = max(t.maxLen, len(p.Source))
	}
	return t
}

// Options returns the options of a source phrase, nil if it has none.
func (t *Table) Options(src []string) []Option { return t.opts[strings.Join(src, " ")] }

// Has reports whether the one-word phrase w has options.
func (t *Table) Has(w string) bool { return len(t.opts[w]) > 0 }

// Len is the number of source phrases.
func (t *Table) Len() int { return len(t.opts) }

// MaxLen is the longest source phrase in words.
func (t *Table) MaxLen() int { return t.maxLen }

// Prepare makes a segmented sentence ready for the table: a Han word the
// table does not know is cut into the longest words it does know, left to
// right (几百万 → 几 百万); other tokens are kept.
func (t *Table) Prepare(tokens []string) []string {
	var out []string
	for _, w := range tokens {
		if t.Has(w) || !hasHan(w) {
			out = append(out, w)
			continue
		}
		rs := []rune(w)
		for i := 0; i < len(rs); {
			j := len(rs)
			for ; j > i+1 && !t.Has(string(rs[i:j])); j-- {
			}
			out = append(out, string(rs[i:j]))
			i = j
		}
	}
	return out
}

// passThrough is the option of a token the table does not know: itself,
// lower-cased, at no cost (numbers, names in Latin letters), or for a
// Han word, nothing.
func passThrough(w string) Option {
	if hasHan(w) {
		return Option{LogTM: math.Log(1e-4)}
	}
	return Option{Target: text.Tokenizer{Lower: true, Punct: true}.Tokenize(w)}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// Gloss is the dictionary reader's translation: every word replaced by its
// first option, in the source's order, unknown words kept (a Han word the
// table does not know shows as itself).
func (t *Table) Gloss(src []string) []string {
	var out []string
	for _, w := range src {
		if o := t.Options([]string{w}); len(o) > 0 {
			out = append(out, o[0].Target...)
		} else {
			out = append(out, w)
		}
	}
	return out
}

// String summarises the table.
func (t *Table) String() string {
	n := 0
	for _, o := range t.opts {
		n += len(o)
	}
	return fmt.Sprintf("phrase table: %d source phrases (up to %d words), %d options", len(t.opts), t.maxLen, n)
}
