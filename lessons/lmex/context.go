package lmex

import (
	"fmt"
	"math"
	"slices"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/lm"
)

const contextName = "the context window"

var contextHints = []string{
	"the Transformer has position embeddings for positions 0 … block−1 only, so it reads at most block tokens",
	"to predict the next token it keeps the most recent tokens: the last block of them",
	"a context shorter than block is read whole; ids[len(ids)-block:] are the last block tokens",
}

// CheckContextWindow checks window(ids, block), which must return the
// tokens a Transformer with a context of block positions reads when it
// predicts the token after ids: the last block of them, or all if there
// are fewer. The checker also asks a small lm.Transformer (block 8) for its
// next-token distribution after a long context and after the student's
// window: they must be the same, bit for bit.
func CheckContextWindow(window func(ids []int, block int) []int) *lessons.Feedback {
	if window == nil {
		return lessons.Fail(contextName, "no function to check", contextHints...)
	}
	for _, c := range []struct{ n, block int }{{20, 8}, {8, 8}, {5, 8}, {9, 8}, {100, 64}, {0, 4}} {
		ids := make([]int, c.n)
		for i := range ids {
			ids[i] = 1 + i%7
		}
		var got []int
		if msg := lessons.Call(func() { got = window(slices.Clone(ids), c.block) }); msg != "" {
			return lessons.Fail(contextName, msg, contextHints...)
		}
		want := ids[max(0, c.n-c.block):]
		if slices.Equal(got, want) {
			continue
		}
		what := fmt.Sprintf("%d tokens, block %d: you kept %d tokens, expected the last %d", c.n, c.block, len(got), len(want))
		switch {
		case c.n > c.block && slices.Equal(got, ids[:c.block]):
			what += ": those are the first block tokens — the model keeps the most recent ones"
		case len(got) == len(want)-1 || len(got) == len(want)+1:
			what += ": off by one"
		case len(got) > c.block:
			what += ": more than block tokens — there is no position embedding for them"
		}
		return lessons.Fail(contextName, what, contextHints...)
	}
	// The model itself: the distribution after 30 tokens equals the one after the window.
	v := lm.NewVocab("abcdefg", lm.Chars, 1)
	tr, err := lm.NewTransformer(v, lm.TransformerConfig{Block: 8, Dim: 16, Heads: 2, Layers: 1, Seed: 3})
	if err != nil {
		return lessons.Fail(contextName, err.Error())
	}
	ids := v.Encode("abcdefgabcdefgfedcbagfedcbaabcd")
	full := tr.NextTokens(ids, 0)
	var w []int
	if msg := lessons.Call(func() { w = window(slices.Clone(ids), 8) }); msg != "" {
		return lessons.Fail(contextName, msg, contextHints...)
	}
	short := tr.NextTokens(w, 0)
	if !sameDist(full, short) {
		return lessons.Fail(contextName, "the model's next-token distribution after your window differs from the one after the whole context", contextHints...)
	}
	return lessons.Pass(contextName, "you keep the last block tokens; a Transformer with block 8 predicts the same distribution from them as from a context of %d tokens — the rest is invisible to it", len(ids))
}

// sameDist reports whether two next-token tables give every token the same
// probability, to 1e-6: the model reads the same tokens, but a context
// longer than the block is re-run as a window while a short one goes
// through the key/value cache, which rounds differently (about 1e-8).
func sameDist(a, b *lm.NextTokens) bool {
	if len(a.IDs) != len(b.IDs) {
		return false
	}
	p := make(map[int]float64, len(b.IDs))
	for i, id := range b.IDs {
		p[id] = b.P[i]
	}
	for i, id := range a.IDs {
		q, ok := p[id]
		if !ok || math.Abs(a.P[i]-q) > 1e-6 {
			return false
		}
	}
	return true
}
