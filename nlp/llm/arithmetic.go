package llm

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Arithmetic is the family "arithmetic": the sum, difference or product of
// two small numbers ("17 + 25" → "42"). Its checker parses the answer as
// an integer, so " 42." is right and "forty-two" is not. The reasoning
// works column by column for sums and writes out the other two.
func Arithmetic() Family {
	return Family{
		Name:        "arithmetic",
		Instruction: "Compute the result.",
		Generate: func(rng *rand.Rand, n int) []Example {
			return uniqueExamples(n, func() Example { return arithmeticExample(rng) })
		},
		Check: func(ex Example, answer string) bool {
			got, err1 := strconv.Atoi(Normalize(answer))
			want, err2 := strconv.Atoi(ex.Answer)
			return err1 == nil && err2 == nil && got == want
		},
	}
}

func arithmeticExample(rng *rand.Rand) Example {
	ex := Example{Task: "arithmetic", Instruction: "Compute the result."}
	switch rng.IntN(3) {
	case 0:
		a, b := 10+rng.IntN(90), 10+rng.IntN(90)
		ex.Input = fmt.Sprintf("%d + %d", a, b)
		ex.Answer = strconv.Itoa(a + b)
		ex.Reasoning = sumReasoning(a, b)
	case 1:
		a, b := 10+rng.IntN(90), 1+rng.IntN(60)
		if b > a {
			a, b = b, a
		}
		ex.Input = fmt.Sprintf("%d - %d", a, b)
		ex.Answer = strconv.Itoa(a - b)
		ex.Reasoning = fmt.Sprintf("%d - %d = %d - %d - %d = %d - %d = %d.", a, b, a, b/10*10, b%10, a-b/10*10, b%10, a-b)
	default:
		a, b := 2+rng.IntN(11), 2+rng.IntN(11)
		ex.Input = fmt.Sprintf("%d * %d", a, b)
		ex.Answer = strconv.Itoa(a * b)
		ex.Reasoning = productReasoning(a, b)
	}
	return ex
}

// sumReasoning adds two 2-digit numbers column by column:
// "units 7 + 5 = 12, write 2 carry 1; tens 1 + 2 + 1 = 4; so 42."
func sumReasoning(a, b int) string {
	u := a%10 + b%10
	t := a/10 + b/10 + u/10
	return fmt.Sprintf("units %d + %d = %d, write %d carry %d; tens %d + %d + %d = %d; so %d.", a%10, b%10, u, u%10, u/10, a/10, b/10, u/10, t, a+b)
}

// productReasoning splits the second factor into tens and units when it
// has two digits ("7 * 12 = 7 * 10 + 7 * 2 = 70 + 14 = 84."), and
// otherwise writes the product as a repeated sum ("3 * 4 = 3 + 3 + 3 + 3 = 12.").
func productReasoning(a, b int) string {
	if b >= 10 {
		return fmt.Sprintf("%d * %d = %d * %d + %d * %d = %d + %d = %d.", a, b, a, b/10*10, a, b%10, a*(b/10*10), a*(b%10), a*b)
	}
	terms := make([]string, b)
	for i := range terms {
		terms[i] = strconv.Itoa(a)
	}
	return fmt.Sprintf("%d * %d = %s = %d.", a, b, strings.Join(terms, " + "), a*b)
}
