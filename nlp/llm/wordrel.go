package llm

import (
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/wordnet"
)

// relationNouns and relationAdjectives are common words asked about in the
// word-relation family (hypernyms of the nouns, antonyms of the adjectives).
var (
	relationNouns = strings.Fields(`dog cat car house tree apple chair river city teacher
	doctor hammer guitar rose oak salmon eagle bus shirt bread milk computer book piano
	violin horse cow lion tiger knife spoon table bed truck boat train sparrow tulip`)
	relationAdjectives = strings.Fields(`happy good hot big fast strong heavy old rich early
	young wet light hard dark high long wide deep thick full clean loud true`)
)

// WordRelations is the family "wordrel": questions about a word's first
// WordNet sense — "What is a dog a kind of?" (a hypernym: any lemma of any
// hypernym of dog.n.01 is right, the first is the reference) and "What is
// the opposite of hot?" (an antonym of a lemma of hot.a.01). Answers are
// lemma names with "_" written as a space, checked case-insensitively. It
// returns an error wrapping wordnet.Open's when WordNet is not installed.
func WordRelations(dir string) (Family, error) {
	wn, err := wordnet.Open(dir)
	if err != nil {
		return Family{}, err
	}
	var pool []Example
	for _, w := range relationNouns {
		if ss := wn.Synsets(w, wordnet.Noun); len(ss) > 0 {
			var names []string
			for _, h := range ss[0].Hypernyms() {
				names = append(names, lemmaWords(h.LemmaNames())...)
			}
			if len(names) > 0 {
				pool = append(pool, Example{Task: "wordrel", Instruction: "Name a more general word (a hypernym).", Input: w,
					Answer: names[0], Accept: names[1:],
					Reasoning: "a " + w + " is " + strings.TrimSpace(ss[0].Definition()) + "; that is a kind of " + names[0] + "."})
			}
		}
	}
	for _, w := range relationAdjectives {
		if ss := wn.Synsets(w, wordnet.Adj); len(ss) > 0 {
			var names []string
			for _, l := range ss[0].Lemmas() {
				for _, a := range l.Antonyms() {
					names = append(names, lemmaWords([]string{a.Name()})...)
				}
			}
			if len(names) > 0 {
				pool = append(pool, Example{Task: "wordrel", Instruction: "Name the opposite (an antonym).", Input: w,
					Answer: names[0], Accept: names[1:],
					Reasoning: w + " means " + strings.TrimSpace(ss[0].Definition()) + "; the opposite is " + names[0] + "."})
			}
		}
	}
	return Family{
		Name:        "wordrel",
		Instruction: "Answer the question about the word.",
		Generate: func(rng *rand.Rand, n int) []Example {
			var out []Example
			for _, i := range rng.Perm(len(pool))[:min(n, len(pool))] {
				out = append(out, pool[i])
			}
			return out
		},
		Check: exactMatch,
	}, nil
}

func lemmaWords(names []string) []string {
	var out []string
	for _, n := range names {
		n = strings.ReplaceAll(n, "_", " ")
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}
