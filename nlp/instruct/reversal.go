package instruct

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// reversalWords are short English words to spell backwards.
var reversalWords = strings.Fields(`cat dog sun map cup pen box hat red bus fox owl egg ink jam
key leg net oak pig rat sky toy van web zip arm bag bed cow ear eye fan fig gum hen ice
jar kid lid mud nut pot rug sea tea tin war wax yak`)

// Reversal is the family "reversal": write the letters of a three-letter
// word backwards, letters joined by hyphens ("c-a-t" → "t-a-c"). The
// letters are separated because a BPE tokenizer hides the letters of a
// word inside its tokens (" cat" may be one id); with hyphens (which the
// miniature BPE never merges with a letter, unlike spaces) each letter is
// its own token and reversing is a copying task that a two-layer
// Transformer can learn. Three letters only: with one length the copy
// pattern is fixed. Words are drawn from the three-letter reversalWords
// and, for variety, from random strings of three letters. Its checker is
// exact and case-sensitive after trimming white space. The reasoning
// names the letters from the last.
func Reversal() Family {
	return Family{
		Name:        "reversal",
		Instruction: reversalInstruction,
		Generate: func(rng *rand.Rand, n int) []Example {
			return uniqueExamples(n, func() Example {
				var w string
				if rng.IntN(3) == 0 {
					w = reversalWords[rng.IntN(len(reversalWords))]
				} else {
					b := make([]byte, 3)
					for i := range b {
						b[i] = byte('a' + rng.IntN(26))
					}
					w = string(b)
				}
				in, r := hyphenated(w), hyphenated(Reverse(w))
				return Example{Task: "reversal", Instruction: reversalInstruction, Input: in, Answer: r,
					Reasoning: fmt.Sprintf("last %c, middle %c, first %c:", w[2], w[1], w[0])}
			})
		},
		Check: func(ex Example, answer string) bool {
			return strings.TrimSuffix(strings.TrimSpace(answer), ".") == ex.Answer
		},
	}
}

const reversalInstruction = "Reverse the letters."

// hyphenated writes the letters of w joined by hyphens.
func hyphenated(w string) string { return strings.Join(strings.Split(w, ""), "-") }

// Reverse returns s with its characters (runes) in reverse order.
func Reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}
