package llm

import (
	"math/rand/v2"
	"strings"
)

// reversalWords are short English words to spell backwards.
var reversalWords = strings.Fields(`apple bread chair dance eagle flame grape house input jolly
kite lemon mango night ocean piano queen river stone table uncle voice water yellow zebra
cloud dream field glass heart light money paper quiet smile train world music green
	planet little garden window castle forest silver orange purple letter`)

// Reversal is the family "reversal": spell a word backwards ("stone" →
// "enots"). Its checker is exact and case-sensitive after trimming white
// space. The reasoning lists the letters, then the letters reversed.
func Reversal() Family {
	return Family{
		Name:        "reversal",
		Instruction: "Reverse the letters of the word.",
		Generate: func(rng *rand.Rand, n int) []Example {
			words := append([]string(nil), reversalWords...)
			rng.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
			var out []Example
			for _, w := range words[:min(n, len(words))] {
				r := Reverse(w)
				out = append(out, Example{Task: "reversal", Instruction: "Reverse the letters of the word.", Input: w, Answer: r,
					Reasoning: "letters " + strings.Join(strings.Split(w, ""), " ") + "; backwards " + strings.Join(strings.Split(r, ""), " ") + "."})
			}
			return out
		},
		Check: func(ex Example, answer string) bool {
			return strings.TrimSuffix(strings.TrimSpace(answer), ".") == ex.Answer
		},
	}
}

// Reverse returns s with its characters (runes) in reverse order.
func Reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}
