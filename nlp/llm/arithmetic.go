package llm

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Arithmetic is the family "arithmetic": the sum or difference of two
// one-digit numbers ("7 + 5" → "12", "9 - 4" → "5", never negative). Its
// checker parses the answer as an integer, so " 12." is right and
// "twelve" is not. The reasoning counts on (or back) from the first number.
//
// The numbers are kept to one digit because the miniature model has two
// layers of 64 dimensions: two-digit sums with carries (the lecture's
// examples) stay near 0% exact match for it, and a family must be
// learnable to show what instruction tuning does. The 100 sums and 55
// differences are a table small enough to learn from a few hundred
// examples, and held-out items still need the rule (a sum seen only as
// b + a, a difference near a known sum).
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
	a, b := rng.IntN(10), rng.IntN(10)
	if rng.IntN(3) < 2 {
		ex.Input = fmt.Sprintf("%d + %d", a, b)
		ex.Answer = strconv.Itoa(a + b)
		ex.Reasoning = countReasoning(a, b, 1)
		return ex
	}
	if b > a {
		a, b = b, a
	}
	ex.Input = fmt.Sprintf("%d - %d", a, b)
	ex.Answer = strconv.Itoa(a - b)
	ex.Reasoning = countReasoning(a, b, -1)
	return ex
}

// countReasoning counts on (dir +1) or back (dir −1) b steps from a:
// "7 + 3: 8, 9, 10." or "4 - 2: 3, 2."; "5 + 0: 5." when b is 0.
func countReasoning(a, b, dir int) string {
	op := "+"
	if dir < 0 {
		op = "-"
	}
	var steps []string
	for i := 1; i <= b; i++ {
		steps = append(steps, strconv.Itoa(a+dir*i))
	}
	if b == 0 {
		steps = []string{strconv.Itoa(a)}
	}
	return fmt.Sprintf("%d %s %d: %s.", a, op, b, strings.Join(steps, ", "))
}
