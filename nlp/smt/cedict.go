package smt

import (
	"regexp"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/corpus"
	"github.com/lingo-nlp/lingo/nlp/text"
)

// Fullwidth Chinese punctuation and its English counterpart.
var punctuation = map[string]string{
	"，": ",", "、": ",", "。": ".", "？": "?", "！": "!", "：": ":", "；": ";",
	"（": "(", "）": ")", "“": `"`, "”": `"`, "《": `"`, "》": `"`,
}

// FromCEDICT turns CC-CEDICT into a phrase table: every simplified
// headword with the English alternatives of its glosses (CleanGloss), each
// source keeping at most maxOptions of them (≤ 0: 12), and the Chinese
// punctuation marks with their English ones. A gloss that only describes a
// grammatical use ("(completed action marker)", "classifier for people")
// becomes the empty translation: the word is dropped.
func FromCEDICT(d *corpus.CEDICT, maxOptions int) *Table {
	if maxOptions <= 0 {
		maxOptions = 12
	}
	var pairs []PhrasePair
	for _, e := range d.Entries {
		src := []string{e.Simplified}
		for _, g := range e.Glosses {
			for _, alt := range CleanGloss(g) {
				pairs = append(pairs, PhrasePair{Source: src, Target: alt})
			}
		}
	}
	for zh, en := range punctuation {
		pairs = append(pairs, PhrasePair{Source: []string{zh}, Target: []string{en}})
	}
	return NewTable(pairs, maxOptions)
}

var (
	parens   = regexp.MustCompile(`\([^()]*\)`)
	brackets = regexp.MustCompile(`\[[^\[\]]*\]`)
	// Glosses that point elsewhere instead of translating.
	skip = regexp.MustCompile(`(?i)^(variant of|old variant|see |surname |abbr\.|used in|also pr\.|also written|erhua variant|unofficial variant|japanese variant|cl:|pr\.|lit\.|fig\.)`)
	// Glosses that describe a grammatical function: the word is dropped.
	grammar = regexp.MustCompile(`(?i)^(classifier|measure word|particle|marker|plural marker|suffix|prefix)`)
)

var glossTok = text.Tokenizer{Lower: true, Punct: true}

// CleanGloss turns one CC-CEDICT gloss into the English phrases it offers,
// as lower-cased tokens (text.Tokenizer{Lower: true, Punct: true}):
//
//	"I; me; my"                          → [i] [me] [my]
//	"to land"                            → [to land] [land]
//	"of; ~'s (possessive particle)"      → [of]
//	"Beijing municipality, capital of …" → [beijing municipality]
//	"(completed action marker)"          → [] (drop the word)
//	"classifier for people"              → []
//	"variant of 年[nian2]", "surname Li" → nothing
//
// Parenthesised notes and bracketed readings are removed, and everything
// after a comma; suffixes ("~'s") and alternatives with "sb", "sth", "etc"
// or more than four words are left out.
func CleanGloss(g string) [][]string {
	var out [][]string
	seen := map[string]bool{}
	add := func(ws []string) {
		k := strings.Join(ws, " ")
		if !seen[k] {
			seen[k] = true
			out = append(out, ws)
		}
	}
	for _, alt := range strings.Split(g, ";") {
		alt = strings.TrimSpace(alt)
		if alt == "" || skip.MatchString(alt) {
			continue
		}
		bare := strings.TrimSpace(brackets.ReplaceAllString(parens.ReplaceAllString(alt, ""), ""))
		if bare == "" || grammar.MatchString(bare) {
			if strings.HasPrefix(alt, "(") || grammar.MatchString(bare) {
				add(nil) // a grammatical note: the word may be dropped
			}
			continue
		}
		if strings.HasPrefix(bare, "~") { // "~'s": a suffix, not a word
			continue
		}
		if i := strings.Index(bare, ","); i > 0 { // "Beijing municipality, capital of …"
			bare = bare[:i]
		}
		bare = strings.NewReplacer("?", "", "!", "", "|", " ", "/", " ").Replace(bare)
		ws := glossTok.Tokenize(bare)
		if len(ws) == 0 || len(ws) > 4 || hasHan(bare) {
			continue
		}
		if bad := strings.Join(ws, " "); strings.Contains(" "+bad+" ", " sb ") || strings.Contains(" "+bad+" ", " sth ") || strings.Contains(" "+bad+" ", " etc ") || strings.Contains(bad, "...") {
			continue
		}
		add(ws)
		if ws[0] == "to" && len(ws) > 1 {
			add(ws[1:])
		}
	}
	return out
}
