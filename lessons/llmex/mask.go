package llmex

import (
	"fmt"
	"slices"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/instruct"
)

const maskName = "response-only loss mask"

var maskHints = []string{
	"the sequence is promptLen prompt tokens followed by responseLen response tokens",
	"mask[i] is true exactly when token i belongs to the response: promptLen ≤ i < promptLen+responseLen",
	"the result has promptLen+responseLen values; the model is trained only where it is true",
}

// CheckResponseMask checks mask(promptLen, responseLen), which must return
// the per-token loss mask of a prompt followed by a response: false on the
// prompt's tokens, true on the response's (instruct.ResponseMask).
func CheckResponseMask(mask func(promptLen, responseLen int) []bool) *lessons.Feedback {
	if mask == nil {
		return lessons.Fail(maskName, "no function to check", maskHints...)
	}
	for _, c := range [][2]int{{3, 2}, {5, 4}, {0, 3}, {4, 0}, {1, 1}} {
		p, r := c[0], c[1]
		var got []bool
		if msg := lessons.Call(func() { got = mask(p, r) }); msg != "" {
			return lessons.Fail(maskName, msg, maskHints...)
		}
		want := instruct.ResponseMask(p, r)
		if slices.Equal(got, want) {
			continue
		}
		what := fmt.Sprintf("mask(%d, %d) = %v, expected %v", p, r, bits(got), bits(want))
		switch {
		case len(got) != len(want):
			return lessons.Fail(maskName, what+fmt.Sprintf(": %d values, expected one per token (%d)", len(got), len(want)), maskHints...)
		case slices.Equal(got, invert(want)):
			return lessons.Fail(maskName, what+": the mask is inverted — it trains on the prompt instead of the response", maskHints...)
		case count(got) == len(got):
			return lessons.Fail(maskName, what+": every token counts — that is ordinary language-model training, not instruction tuning", maskHints...)
		case count(got) == count(want):
			return lessons.Fail(maskName, what+": the response is in the wrong place (off by one?)", maskHints...)
		}
		return lessons.Fail(maskName, what, maskHints...)
	}
	return lessons.Pass(maskName, "only the response tokens count in the loss")
}

func invert(m []bool) []bool {
	out := make([]bool, len(m))
	for i, b := range m {
		out[i] = !b
	}
	return out
}

func count(m []bool) int {
	n := 0
	for _, b := range m {
		if b {
			n++
		}
	}
	return n
}

// bits writes a mask as 0s and 1s: 00011.
func bits(m []bool) string {
	b := make([]byte, len(m))
	for i, v := range m {
		b[i] = '0'
		if v {
			b[i] = '1'
		}
	}
	return string(b)
}
