package instruct

import (
	"fmt"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/wordnet"
)

// Facts states the facts the knowledge task families ask about, each in
// several phrasings: every country of the capitals table ("The capital
// of Peru is Lima.", "Lima is the capital city of Peru."), the table of
// one-digit sums and differences ("7 + 5 = 12."), and every WordNet
// relation of the word-relation family ("A salmon is a kind of food
// fish.", "The opposite of hot is cold."). It is the text of
// llm.FactsSource, the miniature encyclopedia of the pretraining mixture.
// When WordNet (in wordnetDir, "" for the default) is missing only the
// capitals and the sums are stated, and the note says so.
func Facts(wordnetDir string) (facts [][]string, note string) {

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
	return facts, note
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
