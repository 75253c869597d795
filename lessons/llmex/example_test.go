package llmex_test

import (
	"fmt"
	"math"

	"github.com/lingo-nlp/lingo/lessons/llmex"
)

// The package's usage: lesson 09's first exercise, answered.
func Example() {
	btLoss := func(rPos, rNeg float64) float64 {
		d := rPos - rNeg // −log σ(d), without overflowing e^{−d}
		if d < 0 {
			return -d + math.Log1p(math.Exp(d))
		}
		return math.Log1p(math.Exp(-d))
	}
	fmt.Println(llmex.CheckBradleyTerry(btLoss).OK)
	// Output: true
}

func ExampleCheckBradleyTerry() {
	// A first try: right for moderate rewards, but e^{800} overflows.
	naive := func(rPos, rNeg float64) float64 { return math.Log(1 + math.Exp(-(rPos - rNeg))) }
	fmt.Println(llmex.CheckBradleyTerry(naive).OK)
	stable := func(rPos, rNeg float64) float64 {
		d := rPos - rNeg
		if d >= 0 {
			return math.Log1p(math.Exp(-d))
		}
		return -d + math.Log1p(math.Exp(d))
	}
	fmt.Println(llmex.CheckBradleyTerry(stable))
	// Output:
	// false
	// ✓ Bradley–Terry loss: −log σ(r⁺ − r⁻) is right, and stable for margins of ±800
}

func ExampleCheckResponseMask() {
	mask := func(promptLen, responseLen int) []bool {
		m := make([]bool, promptLen+responseLen)
		for i := range m {
			m[i] = i < promptLen // inverted!
		}
		return m
	}
	fmt.Println(llmex.CheckResponseMask(mask).Message)
	// Output: mask(3, 2) = 11100, expected 00011: the mask is inverted — it trains on the prompt instead of the response
}
