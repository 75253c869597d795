package instruct

import (
	"math"
	"slices"
	"testing"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
)

func TestResponseMask(t *testing.T) {
	got := ResponseMask(3, 2)
	if want := []bool{false, false, false, true, true}; !slices.Equal(got, want) {
		t.Errorf("ResponseMask(3, 2) = %v, want %v", got, want)
	}
	m, err := SpanMask(8, Span{2, 4}, Span{6, 8})
	if want := []bool{false, false, true, true, false, false, true, true}; err != nil || !slices.Equal(m, want) {
		t.Errorf("SpanMask = %v, %v; want %v", m, err, want)
	}
	for _, bad := range [][]Span{{{-1, 2}}, {{2, 9}}, {{3, 2}}, {{0, 3}, {2, 4}}} {
		if _, err := SpanMask(8, bad...); err == nil {
			t.Errorf("SpanMask(8, %v): no error", bad)
		}
	}
}

func TestNextTokenTargets(t *testing.T) {
	// Prompt "a b c" (ids 1 2 3), response "d e" (ids 4 5): positions 0..3
	// predict 2 3 4 5; only the predictions of 4 and 5 (positions 2, 3) count.
	in, tgt := NextTokenTargets([]int{1, 2, 3, 4, 5}, ResponseMask(3, 2))
	if !slices.Equal(in, []int{1, 2, 3, 4}) || !slices.Equal(tgt, []int{-1, -1, 4, 5}) {
		t.Errorf("inputs %v targets %v", in, tgt)
	}
}

// TestMaskCountsOnlyResponseTokens: the masked loss equals the mean
// −log softmax over the response rows alone (computed by hand below), it
// does not change when prompt-row logits change, and prompt rows get no
// gradient.
func TestMaskCountsOnlyResponseTokens(t *testing.T) {
	const T, V = 5, 4
	data := make([]float64, T*V)
	for i := range data {
		data[i] = math.Sin(float64(i)) * 2
	}
	targets := []int{0, 1, 2, 3, 1}
	mask := ResponseMask(3, 2) // rows 3 and 4 are the response
	loss := func(d []float64) (float64, []float64) {
		x := ag.FromSlice(append([]float64(nil), d...), T, V)
		x.RequiresGrad = true
		l := MaskedCrossEntropy(x, targets, mask)
		l.Backward()
		return l.Data[0], x.Grad
	}
	got, grad := loss(data)
	var want float64
	for _, r := range []int{3, 4} {
		row := data[r*V : (r+1)*V]
		var z float64
		for _, v := range row {
			z += math.Exp(v)
		}
		want += -(row[targets[r]] - math.Log(z)) / 2
	}
	if math.Abs(got-want) > 1e-12 {
		t.Errorf("masked loss %.12f, hand-computed %.12f", got, want)
	}
	for i := 0; i < 3*V; i++ {
		if grad[i] != 0 {
			t.Fatalf("prompt logit %d has gradient %g", i, grad[i])
		}
	}
	changed := append([]float64(nil), data...)
	for i := 0; i < 3*V; i++ {
		changed[i] += 10 * math.Cos(float64(i))
	}
	if got2, _ := loss(changed); got2 != got {
		t.Errorf("changing prompt logits changed the loss: %g → %g", got, got2)
	}
	if m := MaskedMean([]float64{9, 9, 9, 1, 3}, mask); m != 2 {
		t.Errorf("MaskedMean = %g, want (1+3)/2 = 2", m)
	}
}
