package lm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/lingo-nlp/lingo/plots"
)

// Sampling controls Generate. The zero value samples from the model's own
// distribution with seed 0.
//
//	temperature  p_i ∝ p_i^(1/T)                   T < 1 sharper, T > 1 flatter
//	greedy       the most probable token (the limit T → 0)
//	top-k        keep the K most probable tokens
//	top-p        keep the smallest set of most probable tokens whose
//	             probabilities sum to ≥ P (nucleus sampling, Holtzman et al. 2020)
//
// Negative, NaN and infinite values are errors (see Validate).
type Sampling struct {
	Temperature float64 // a finite number ≥ 0; 0 means 1
	Greedy      bool    // always take the most probable token; excludes Temperature
	TopK        int     // 0 keeps all
	TopP        float64 // 0 or ≥ 1 keeps all
	Seed        uint64
}

// Filter returns the distribution Generate samples from, given the model's
// p: temperature first, then top-k, then top-p, renormalised. With Greedy
// all mass goes to the most probable token. It returns nil if s is invalid
// (see Validate).
func (s Sampling) Filter(p []float64) []float64 {
	if s.Validate() != nil {
		return nil
	}
	q := slices.Clone(p)
	if len(q) == 0 {
		return q
	}
	if s.Greedy {
		best := argmax(q)
		clear(q)
		q[best] = 1
		return q
	}
	if t := s.Temperature; t > 0 && t != 1 {
		for i, v := range q {
			q[i] = math.Pow(v, 1/t)
		}
	}
	normalise(q)
	order := argsortDesc(q)
	keep := len(q)
	if s.TopK > 0 && s.TopK < keep {
		keep = s.TopK
	}
	if s.TopP > 0 && s.TopP < 1 {
		var cum float64
		for i, id := range order[:keep] {
			cum += q[id]
			if cum >= s.TopP {
				keep = i + 1
				break
			}
		}
	}
	for _, id := range order[keep:] {
		q[id] = 0
	}
	normalise(q)
	return q
}

func normalise(q []float64) {
	var s float64
	for _, v := range q {
		s += v
	}
	if s > 0 {
		for i := range q {
			q[i] /= s
		}
	}
}

func argmax(q []float64) int {
	best := 0
	for i, v := range q {
		if v > q[best] {
			best = i
		}
	}
	return best
}

// argsortDesc returns indices by decreasing value (ties by index).
func argsortDesc(q []float64) []int {
	idx := make([]int, len(q))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case q[a] > q[b]:
			return -1
		case q[a] < q[b]:
			return 1
		}
		return 0
	})
	return idx
}

// sample draws an index from q with u uniform in [0, 1).
func sample(q []float64, u float64) int {
	var cum float64
	last := 0
	for i, v := range q {
		if v == 0 {
			continue
		}
		cum += v
		last = i
		if u < cum {
			return i
		}
	}
	return last
}

// Generation is generated text with, for every token, the probability the
// model gave it (before temperature and filtering) and the top
// alternatives at that step. It displays as plots.HighlightedText.
type Generation struct {
	Vocab  *Vocab
	Prompt []int
	IDs    []int       // the generated tokens
	P      []float64   // P(IDs[i] | everything before)
	Alts   [][]int     // the 5 most probable tokens at each step
	AltP   [][]float64 // their probabilities
	// Err says why nothing was generated: the Sampling's error (see
	// Sampling.Validate).
	Err error
}

// Text returns the generated text (without the prompt).
func (g *Generation) Text() string { return g.Vocab.Decode(g.IDs) }

// String returns the prompt followed by the generated text.
func (g *Generation) String() string {
	if g.Err != nil {
		return g.Err.Error()
	}
	return g.Vocab.Decode(append(slices.Clone(g.Prompt), g.IDs...))
}

// Highlighted returns the prompt (probability 1) and the generated tokens
// coloured by probability, ready for plots.Display.
func (g *Generation) Highlighted() *plots.HighlightedText {
	h := &plots.HighlightedText{}
	if g.Vocab.Level == Words {
		h.Join = " "
	}
	for _, id := range g.Prompt {
		h.Tokens = append(h.Tokens, plots.Token{Text: g.Vocab.Token(id), P: 1})
	}
	for i, id := range g.IDs {
		t := plots.Token{Text: g.Vocab.Token(id), P: g.P[i]}
		for j, a := range g.Alts[i] {
			t.Alts = append(t.Alts, plots.Alternative{Text: g.Vocab.Token(a), P: g.AltP[i][j]})
		}
		h.Tokens = append(h.Tokens, t)
	}
	return h
}

// Render shows the highlighted text.
func (g *Generation) Render() plots.Bundle { return g.Highlighted().Render() }

// MeanSurprisal returns the average −log₂ P of the generated tokens, in bits.
func (g *Generation) MeanSurprisal() float64 {
	var s float64
	for _, p := range g.P {
		s -= math.Log2(p)
	}
	return s / float64(max(len(g.P), 1))
}

// generate is Model.Generate for every model.
func (b *base) Generate(prompt []int, n int, s Sampling) *Generation {
	prompt = clampIDs(prompt, b.vocab.Len())
	g := &Generation{Vocab: b.vocab, Prompt: slices.Clone(prompt)}
	if g.Err = s.Validate(); g.Err != nil {
		return g
	}
	rng := rand.New(rand.NewPCG(s.Seed, 0x6c6d))
	d := b.net.decoder()
	ctx := prompt
	if len(ctx) == 0 {
		ctx = []int{b.vocab.ID(Newline)}
	}
	var p []float64
	for _, t := range ctx {
		p = d.feed(t)
	}
	for range n {
		q := s.Filter(p)
		q[0] = 0 // never produce <unk>
		normalise(q)
		id := sample(q, rng.Float64())
		top := argsortDesc(p)[:min(5, len(p))]
		alts := make([]float64, len(top))
		for j, a := range top {
			alts[j] = p[a]
		}
		g.IDs, g.P = append(g.IDs, id), append(g.P, p[id])
		g.Alts, g.AltP = append(g.Alts, top), append(g.AltP, alts)
		p = d.feed(id)
	}
	return g
}

// NextTokens is the table of the most probable next tokens after a context.
type NextTokens struct {
	Vocab   *Vocab
	Context []int
	IDs     []int
	P       []float64
}

// NextTokens returns the k most probable next tokens after context (k ≤ 0:
// all), most probable first.
func (b *base) NextTokens(context []int, k int) *NextTokens {
	context = clampIDs(context, b.vocab.Len())
	p := b.dist(context)
	order := argsortDesc(p)
	if k > 0 && k < len(order) {
		order = order[:k]
	}
	nt := &NextTokens{Vocab: b.vocab, Context: slices.Clone(context), IDs: order}
	for _, id := range order {
		nt.P = append(nt.P, p[id])
	}
	return nt
}

// Tokens returns the tokens as text.
func (n *NextTokens) Tokens() []string {
	out := make([]string, len(n.IDs))
	for i, id := range n.IDs {
		out[i] = n.Vocab.Token(id)
	}
	return out
}

// Render shows the tokens and their probabilities as a table with bars.
func (n *NextTokens) Render() plots.Bundle {
	t := plots.NewTable("token", "P").Format("P", "%.4f").Bar("P").Limit(-1)
	for i, id := range n.IDs {
		t.Row(fmt.Sprintf("%q", n.Vocab.Token(id)), n.P[i])
	}
	ctx := n.Vocab.Decode(n.Context)
	if len(ctx) > 40 {
		ctx = "…" + string([]rune(ctx)[max(0, len([]rune(ctx))-40):])
	}
	t.Caption = fmt.Sprintf("next token after %q", strings.TrimLeft(ctx, ""))
	return t.Render()
}
