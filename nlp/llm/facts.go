package llm

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/wordnet"
)

// FactsName is the name of the facts source in a pretraining mixture.
const FactsName = "facts"

// FactsSource is a miniature encyclopedia written by the project from the
// same tables the knowledge task families ask about: every country of the
// capitals table, the table of one-digit sums and differences, and every
// WordNet relation of the word-relation family, each stated in several
// phrasings ("The capital of Peru is Lima.", "Lima is the capital city of
// Peru.", "7 + 5 = 12.", "A salmon is a kind of food fish.", "The opposite
// of hot is cold."), in copies shuffled with seed and cut into documents
// of about chunkBytes bytes.
//
// It plays Wikipedia's part in GPT-3's mixture: small, but sampled many
// epochs, so that the pretrained model knows the facts. Instruction tuning
// then teaches it to answer questions about them; it cannot teach a fact
// the model never read (a held-out country is held out of SFT, not of
// pretraining — exactly as a real model's held-out tasks are about things
// its pretraining corpus mentions). When WordNet is missing only the
// capitals are stated and the note says so.
func FactsSource(weight float64, wordnetDir string, copies int, seed uint64) (Source, string) {
	if copies <= 0 {
		copies = 8
	}
	var facts [][]string // each fact in its phrasings
	for _, c := range capitals {
		facts = append(facts, []string{
			"The capital of " + c[0] + " is " + c[1] + ".",
			c[1] + " is the capital city of " + c[0] + ".",
			"Name the capital city of " + c[0] + ": " + c[1] + ".",
		})
	}
	for a := range 10 {
		for b := range 10 {
			facts = append(facts, []string{
				fmt.Sprintf("%d + %d = %d.", a, b, a+b),
				fmt.Sprintf("%d plus %d is %d.", a, b, a+b),
			})
			if b <= a {
				facts = append(facts, []string{
					fmt.Sprintf("%d - %d = %d.", a, b, a-b),
					fmt.Sprintf("%d minus %d is %d.", a, b, a-b),
				})
			}
		}
	}
	note := ""
	if wn, err := wordnet.Open(wordnetDir); err != nil {
		note = "facts: WordNet not found, only the capitals are stated: " + err.Error()
	} else {
		for _, ex := range relationPool(wn) {
			if ex.Instruction == antonymInstruction {
				facts = append(facts, []string{
					"The opposite of " + ex.Input + " is " + ex.Answer + ".",
					capitalise(ex.Input) + " is the opposite of " + ex.Answer + ".",
					"An antonym of " + ex.Input + " is " + ex.Answer + ".",
				})
			} else {
				facts = append(facts, []string{
					capitalise(article(ex.Input)) + " is a kind of " + ex.Answer + ".",
					"A more general word for " + ex.Input + " is " + ex.Answer + ".",
					"The hypernym of " + ex.Input + " is " + ex.Answer + ".",
				})
			}
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0xfac7))
	src := Source{Name: FactsName, Weight: weight}
	var b strings.Builder
	for range copies {
		for _, i := range rng.Perm(len(facts)) {
			f := facts[i]
			s := f[rng.IntN(len(f))]
			if b.Len()+len(s)+1 > chunkBytes {
				src.Docs = append(src.Docs, b.String())
				b.Reset()
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s)
		}
	}
	if b.Len() > 0 {
		src.Docs = append(src.Docs, b.String())
	}
	return src, note
}

// FactCount is the number of distinct facts FactsSource states (for the
// notebook's text).
func FactCount(wordnetDir string) int {
	n := len(capitals) + 100 + 55
	if wn, err := wordnet.Open(wordnetDir); err == nil {
		n += len(relationPool(wn))
	}
	return n
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// article puts "a" or "an" before a noun.
func article(w string) string {
	if w != "" && strings.ContainsRune("aeiou", rune(w[0])) {
		return "an " + w
	}
	return "a " + w
}
