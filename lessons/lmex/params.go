package lmex

import (
	"fmt"
	"strings"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/lm"
)

const paramsName = "parameters of the fixed-window model"

var paramsHints = []string{
	"the embedding table has a row per token plus one padding row: (V+1)·d",
	"the hidden layer reads the n embeddings side by side: W is (n·d) × H, plus H biases",
	"the output layer: U is H × V, plus V biases",
}

// CheckWindowParams checks params(V, d, n, H), which must return the number
// of parameters of a fixed-window language model over V tokens with
// embeddings of size d, a window of n tokens and H hidden units, counted as
// lm.NewFixedWindow(…).Params().Count() counts them. Only W grows with the
// window: the lecture's first drawback of the model.
func CheckWindowParams(params func(V, d, n, H int) int) *lessons.Feedback {
	if params == nil {
		return lessons.Fail(paramsName, "no function to check", paramsHints...)
	}
	for _, c := range [][4]int{{10, 4, 2, 8}, {30, 8, 4, 16}, {30, 8, 8, 16}, {57, 3, 1, 5}} {
		V, d, n, H := c[0], c[1], c[2], c[3]
		var b strings.Builder
		for i := range V - 1 { // V−1 distinct characters and <unk>
			b.WriteRune(rune('一' + i))
		}
		voc := lm.NewVocab(b.String(), lm.Chars, 1)
		m, err := lm.NewFixedWindow(voc, lm.WindowConfig{Context: n, Dim: d, Hidden: H})
		if err != nil {
			return lessons.Fail(paramsName, err.Error())
		}
		want := m.Params().Count()
		var got int
		if msg := lessons.Call(func() { got = params(voc.Len(), d, n, H) }); msg != "" {
			return lessons.Fail(paramsName, msg, paramsHints...)
		}
		if got == want {
			continue
		}
		what := fmt.Sprintf("V=%d, d=%d, n=%d, H=%d: you count %d, the model has %d", voc.Len(), d, n, H, got, want)
		switch got - want {
		case -d:
			what += ": the padding row of the embedding table is missing"
		case -H - V, -H, -V:
			what += ": a bias is missing"
		case n*H - n*d*H:
			what += ": W reads n·d numbers, not n"
		}
		return lessons.Fail(paramsName, what, paramsHints...)
	}
	return lessons.Pass(paramsName, "(V+1)·d + n·d·H + H + H·V + V, as the model counts them: only the n·d·H of W grows with the window")
}
