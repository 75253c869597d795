package instruct

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
// WordNet sense — its hypernym ("What is a dog a kind of?": any lemma of
// any hypernym of dog.n.01 is right, the first is the reference) or its
// antonym ("the opposite of hot": an antonym of a lemma of hot.a.01).
// Like Capitals it is asked open-book: the input is a passage stating
// the relation for the asked word — alone, or (half the examples) with a
// distractor statement of the same relation in random order — then the
// word ("canine is a more general word for dog. shrub is a more general
// word for rose. dog?" → "canine"). Examples about the same
// word share a Group. Answers are lemma names with "_" written as a
// space, checked case-insensitively. It returns an error wrapping
// wordnet.Open's when WordNet is not installed.
func WordRelations(dir string) (Family, error) {
	wn, err := wordnet.Open(dir)
	if err != nil {
		return Family{}, err
	}
	pool := relationPool(wn)
	var hyper, anto []Example
	for _, ex := range pool {
		if ex.Instruction == antonymInstruction {
			anto = append(anto, ex)
		} else {
			hyper = append(hyper, ex)
		}
	}
	return Family{
		Name:        "wordrel",
		Instruction: "Answer the question about the word, as the passage says.",
		Generate: func(rng *rand.Rand, n int) []Example {
			return uniqueExamples(n, func() Example {
				set := hyper
				if rng.IntN(2) == 0 && len(anto) > 1 {
					set = anto
				}
				i := rng.IntN(len(set))
				j := (i + 1 + rng.IntN(len(set)-1)) % len(set)
				q, d := set[i], set[j]
				if rng.IntN(2) == 0 { // a fictional passage: another word's answer
					k := (i + 1 + rng.IntN(len(set)-1)) % len(set)
					q.Answer, q.Accept = set[k].Answer, nil
				}
				sq, sd := relationSentence(q), relationSentence(d)
				ex := q
				ex.Input = openBook(rng, sq, sd) + " " + q.Input + "?"
				ex.Group = q.Input
				ex.Reasoning = "the passage says: " + sq
				return ex
			})
		},
		Check: exactMatch,
	}, nil
}

// relationSentence states the relation of a pool example, answer first
// (so that, as in Capitals, the answer opens the passage): "cold is the
// opposite of hot." or "canine is a more general word for dog."
func relationSentence(ex Example) string {
	if ex.Instruction == antonymInstruction {
		return ex.Answer + " is the opposite of " + ex.Input + "."
	}
	return ex.Answer + " is a more general word for " + ex.Input + "."
}

const (
	hypernymInstruction = "Name what kind of thing it is, as the passage says."
	antonymInstruction  = "Name the opposite, as the passage says."
)

// relationPool lists every question of the family: the hypernyms of
// relationNouns and the antonyms of relationAdjectives.
func relationPool(wn *wordnet.WordNet) []Example {
	var pool []Example
	for _, w := range relationNouns {
		if ss := wn.Synsets(w, wordnet.Noun); len(ss) > 0 {
			var names []string
			for _, h := range ss[0].Hypernyms() {
				names = append(names, lemmaWords(h.LemmaNames())...)
			}
			if len(names) > 0 {
				pool = append(pool, Example{Task: "wordrel", Instruction: hypernymInstruction, Input: w,
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
				pool = append(pool, Example{Task: "wordrel", Instruction: antonymInstruction, Input: w,
					Answer: names[0], Accept: names[1:],
					Reasoning: w + " means " + strings.TrimSpace(ss[0].Definition()) + "; the opposite is " + names[0] + "."})
			}
		}
	}
	return pool
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
