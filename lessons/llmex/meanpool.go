package llmex

import (
	"fmt"

	"github.com/lingo-nlp/lingo/lessons"
)

const poolName = "mean pooling over padded texts"

var poolHints = []string{
	"texts are padded on the right to T tokens and stacked: text b's token t is row b·T+t of the hidden states",
	"row b of the pooling matrix has 1/len[b] at columns b·T … b·T+len[b]−1 and 0 elsewhere, padding included",
	"the result has len(lens) rows and len(lens)·T columns; S·H is then each text's mean hidden state",
}

// CheckMeanPool checks pool(lens, T), which must return the matrix S
// (B × B·T, B = len(lens)) that averages the hidden states of B texts
// padded to T tokens, S·H with H the (B·T × C) stacked states: row b holds
// 1/lens[b] at the real tokens of text b and 0 at its padding and at the
// other texts — the pooling of llm.Classifier and of the reward model.
func CheckMeanPool(pool func(lens []int, T int) [][]float64) *lessons.Feedback {
	if pool == nil {
		return lessons.Fail(poolName, "no function to check", poolHints...)
	}
	for _, c := range []struct {
		lens []int
		T    int
	}{{[]int{2}, 2}, {[]int{3, 1}, 3}, {[]int{1, 4, 2}, 4}} {
		B := len(c.lens)
		var got [][]float64
		if msg := lessons.Call(func() { got = pool(append([]int(nil), c.lens...), c.T) }); msg != "" {
			return lessons.Fail(poolName, msg, poolHints...)
		}
		if len(got) != B {
			return lessons.Fail(poolName, fmt.Sprintf("lens %v, T=%d: %d rows, expected %d (one per text)", c.lens, c.T, len(got), B), poolHints...)
		}
		for b, row := range got {
			if len(row) != B*c.T {
				return lessons.Fail(poolName, fmt.Sprintf("lens %v, T=%d: row %d has %d columns, expected B·T = %d", c.lens, c.T, b, len(row), B*c.T), poolHints...)
			}
			for col, v := range row {
				want := 0.0
				if col >= b*c.T && col < b*c.T+c.lens[b] {
					want = 1 / float64(c.lens[b])
				}
				if near(v, want, 1e-12) {
					continue
				}
				what := fmt.Sprintf("lens %v, T=%d: S[%d][%d] = %.4g, expected %.4g", c.lens, c.T, b, col, v, want)
				switch {
				case col >= b*c.T && col < (b+1)*c.T && near(v, 1/float64(c.T), 1e-12):
					what += ": divide by the text's own length, and leave its padding at 0"
				case want == 0 && v != 0 && (col < b*c.T || col >= (b+1)*c.T):
					what += ": row b must only read text b's rows"
				}
				return lessons.Fail(poolName, what, poolHints...)
			}
		}
	}
	return lessons.Pass(poolName, "S·H averages each text's real tokens and ignores the padding")
}
