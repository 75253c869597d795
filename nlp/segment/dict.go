package segment

import (
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// counts.txt corrects the dictionary gse loads so that it equals jieba
// 0.42.1's plus gse's traditional words (see internal/genfix): gse's
// loader gives every single character the count 2, so that 地 (160,541 in
// jieba) weighs as little as an unknown word, and gse's simplified
// dictionary changes some of jieba's counts and words.
//
//go:embed counts.txt
var countsTxt string

// fixedLexicon is gse's embedded dictionary with the counts of countsTxt
// taking precedence.
type fixedLexicon struct {
	gse      *gse.Segmenter
	fix      map[string]float64
	prefixes map[string]bool // proper prefixes of the words fix adds
}

func (l *fixedLexicon) lookup(w string) (float64, bool) {
	if c, ok := l.fix[w]; ok {
		return c, true
	}
	if c, _, ok := l.gse.Find(w); ok {
		return c, true
	}
	return 0, l.prefixes[w]
}

// newDefault loads gse's simplified and traditional dictionaries (embedded
// in gse, no file is read), applies the corrections and uses gse's HMM
// (jieba's model) for out-of-dictionary words.
func newDefault() *segmenter {
	g := &gse.Segmenter{SkipLog: true}
	// LoadDictEmbed("zh") reads only strings embedded in gse; it cannot
	// fail for them.
	_ = g.LoadDictEmbed("zh")
	fix, total, err := parseCounts(countsTxt)
	if err != nil {
		panic(err) // the embedded file is checked by TestEmbeddedCounts
	}
	lex := &fixedLexicon{gse: g, fix: fix, prefixes: map[string]bool{}}
	for w, c := range fix {
		if c == 0 {
			continue
		}
		for i := range w {
			if i > 0 {
				lex.prefixes[w[:i]] = true
			}
		}
	}
	return &segmenter{lex: lex, logTotal: math.Log(total), hmm: func(s string) []string { return g.HMMCut(s) }}
}

// parseCounts reads lines "word count" (and one "total N"), ignoring blank
// lines and lines starting with #.
func parseCounts(s string) (map[string]float64, float64, error) {
	fix := make(map[string]float64, strings.Count(s, "\n"))
	total := 0.0
	for n, line := range strings.Split(s, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		w, c, ok := strings.Cut(line, " ")
		v, err := strconv.ParseFloat(c, 64)
		if !ok || w == "" || err != nil || v < 0 || math.IsInf(v, 0) || !utf8.ValidString(w) {
			return nil, 0, fmt.Errorf("segment: counts line %d: want \"word count\", got %q", n+1, line)
		}
		if w == "total" {
			total = v
			continue
		}
		fix[w] = v
	}
	if total <= 0 {
		return nil, 0, fmt.Errorf("segment: counts: no positive total")
	}
	return fix, total, nil
}

func firstRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }
