package lmex

import (
	"fmt"
	"math"
	"sort"

	"github.com/lingo-nlp/lingo/lessons"
	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/lm"
	"github.com/lingo-nlp/lingo/nlp/nn"
)

const attnName = "causal attention weights"

var attnHints = []string{
	"score s[i][j] = (q[i]·k[j]) / √d, with d = len(q[i])",
	"the mask: position i may only look at j ≤ i, so row i's weights for j > i are 0",
	"softmax over j ≤ i only: w[i][j] = exp(s[i][j] − max) / Σ_{j' ≤ i} exp(s[i][j'] − max)",
}

// CheckCausalAttention checks attention weights for one head:
// attend(q, k) with q, k (T × d) must return the T × T matrix
// softmax(mask(q·kᵀ/√d)), where the mask hides j > i. It is compared with
// autograd.CausalSoftmax(autograd.MatMulT(q, k), 1/√d) in float64.
func CheckCausalAttention(attend func(q, k [][]float64) [][]float64) *lessons.Feedback {
	if attend == nil {
		return lessons.Fail(attnName, "no function to check", attnHints...)
	}
	rng := nn.NewRand(11)
	T, d := 5, 4
	q, k := make([]float64, T*d), make([]float64, T*d)
	for i := range q {
		q[i], k[i] = 2*rng.NormFloat64(), 2*rng.NormFloat64()
	}
	var want []float64
	ag.NoGrad(func() {
		s := ag.CausalSoftmax(ag.MatMulT(ag.FromSlice(q, T, d), ag.FromSlice(k, T, d)), 1/math.Sqrt(float64(d)))
		want = s.Data
	})
	var got [][]float64
	if msg := lessons.Call(func() { got = attend(split(q, d), split(k, d)) }); msg != "" {
		return lessons.Fail(attnName, msg, attnHints...)
	}
	if len(got) != T {
		return lessons.Fail(attnName, fmt.Sprintf("%d rows, expected %d (one per position)", len(got), T), attnHints...)
	}
	for i, row := range got {
		if len(row) != T {
			return lessons.Fail(attnName, fmt.Sprintf("row %d has %d weights, expected %d", i, len(row), T), attnHints...)
		}
		for j := i + 1; j < T; j++ {
			if row[j] != 0 {
				return lessons.Fail(attnName, fmt.Sprintf("position %d attends to the future position %d (weight %.3g): apply the causal mask", i, j, row[j]), attnHints...)
			}
		}
		if msg := compare(fmt.Sprintf("row %d", i), row, want[i*T:(i+1)*T], 1e-6); msg != "" {
			var s float64
			for _, w := range row {
				s += w
			}
			if math.Abs(s-1) > 1e-6 {
				msg += fmt.Sprintf("; the row sums to %.4f, not 1", s)
			}
			return lessons.Fail(attnName, msg, attnHints...)
		}
	}
	return lessons.Pass(attnName, "your %d×%d weights equal autograd.CausalSoftmax's", T, T)
}

func split(xs []float64, d int) [][]float64 {
	var out [][]float64
	for i := 0; i < len(xs); i += d {
		out = append(out, append([]float64(nil), xs[i:i+d]...))
	}
	return out
}

const topPName = "top-p (nucleus) filter"

var topPHints = []string{
	"sort the token ids by decreasing probability",
	"keep tokens while the running sum is below topP; the token that makes the sum reach topP is kept too",
	"set every other probability to 0 and divide the kept ones by their sum",
}

// CheckTopP checks nucleus truncation: filter(p, topP) must keep the
// smallest set of most probable tokens whose probabilities sum to ≥ topP,
// zero the rest and renormalise, as lm.Sampling{TopP: topP}.Filter does.
func CheckTopP(filter func(p []float64, topP float64) []float64) *lessons.Feedback {
	if filter == nil {
		return lessons.Fail(topPName, "no function to check", topPHints...)
	}
	cases := []struct {
		p    []float64
		topP float64
	}{
		{[]float64{0.1, 0.5, 0.05, 0.3, 0.05}, 0.75},
		{[]float64{0.1, 0.5, 0.05, 0.3, 0.05}, 0.8},
		{[]float64{0.2, 0.4, 0.1, 0.3}, 0.6},
		{[]float64{0.9, 0.05, 0.05}, 0.5},
	}
	for _, c := range cases {
		want := lm.Sampling{TopP: c.topP}.Filter(c.p)
		var got []float64
		in := append([]float64(nil), c.p...)
		msg := lessons.Call(func() { got = filter(in, c.topP) })
		if msg == "" {
			msg = compare("filtered p", got, want, 1e-9)
			if msg != "" {
				msg += topPDiagnosis(c.p, c.topP, got)
			}
		}
		if msg != "" {
			return lessons.Fail(topPName, fmt.Sprintf("for p = %v, topP = %v: %s", c.p, c.topP, msg), topPHints...)
		}
	}
	return lessons.Pass(topPName, "your filter agrees with lm.Sampling.Filter on 4 distributions")
}

// topPDiagnosis names an off-by-one in the nucleus when got is the
// filter that keeps one token too few or one too many ("" otherwise).
func topPDiagnosis(p []float64, top float64, got []float64) string {
	ids := make([]int, len(p))
	for i := range ids {
		ids[i] = i
	}
	sort.SliceStable(ids, func(a, b int) bool { return p[ids[a]] > p[ids[b]] })
	// n is the nucleus size: the fewest most probable tokens summing to ≥ top.
	n, cum := 0, 0.0
	for n < len(ids) && cum < top {
		cum += p[ids[n]]
		n++
	}
	keep := func(k int) []float64 {
		out := make([]float64, len(p))
		var z float64
		for _, id := range ids[:k] {
			out[id] = p[id]
			z += p[id]
		}
		for i := range out {
			out[i] /= z
		}
		return out
	}
	crossing := ids[n-1]
	switch {
	case n > 1 && compare("", got, keep(n-1), 1e-9) == "":
		const format = "; you left out token %d (p = %v), the one whose probability makes the running sum reach topP: the nucleus is the smallest set whose sum is ≥ topP, so that token belongs to it (test the sum after adding, not before)"
		return fmt.Sprintf(format, crossing, p[crossing])
	case n < len(p) && compare("", got, keep(n+1), 1e-9) == "":
		return fmt.Sprintf("; you kept token %d (p = %v) as well, one past the nucleus: stop as soon as the running sum reaches topP", ids[n], p[ids[n]])
	}
	return ""
}
