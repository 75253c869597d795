package seq2seqex_test

import (
	"fmt"

	"github.com/lingo-nlp/lingo/lessons/seq2seqex"
)

// The package's usage: BLEU's clipped n-gram matches, answered.
func Example() {
	clipped := func(hyp, ref []string, n int) (matches, total int) {
		refCounts := map[string]int{}
		for i := 0; i+n <= len(ref); i++ {
			refCounts[fmt.Sprint(ref[i:i+n])]++
		}
		for i := 0; i+n <= len(hyp); i++ {
			total++
			if g := fmt.Sprint(hyp[i : i+n]); refCounts[g] > 0 {
				refCounts[g]--
				matches++
			}
		}
		return matches, total
	}
	fmt.Println(seq2seqex.CheckClippedPrecision(clipped).OK)
	// Output: true
}
