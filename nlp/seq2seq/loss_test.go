package seq2seq

import (
	"math"
	"testing"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
)

// smoothedCrossEntropy and its gradient against the definition computed in
// float64:
// L = mean over non-padding rows of (1 − ε)(−log pₜ) + ε·(1/V)Σⱼ(−log pⱼ).
func TestSmoothedCrossEntropy(t *testing.T) {
	logits := []float32{
		1, 2, 0.5, -1, 0,
		0, 0, 0, 0, 0,
		3, -2, 1, 0.25, 2, // padding row: ignored
		-0.5, 4, 1, 1, -3,
	}
	targets := []int{1, 4, -1, 0}
	const V = 5
	for _, eps := range []float64{0, 0.1, 0.5} {
		want, n := 0.0, 0
		for r, y := range targets {
			if y < 0 {
				continue
			}
			row := logits[r*V : (r+1)*V]
			lse := 0.0
			for _, v := range row {
				lse += math.Exp(float64(v))
			}
			lse = math.Log(lse)
			u := 0.0
			for _, v := range row {
				u += lse - float64(v)
			}
			want += (1-eps)*(lse-float64(row[y])) + eps*u/V
			n++
		}
		want /= float64(n)
		x := ag.FromSlice(logits, 4, V)
		x.RequiresGrad = true
		l := smoothedCrossEntropy(x, targets, eps)
		if got := float64(l.Item()); math.Abs(got-want) > 1e-5 {
			t.Errorf("ε = %g: loss %.6f, want %.6f", eps, got, want)
		}
		l.Backward()
		// ∂L/∂x = (softmax(x) − q)/n for each counted row, 0 for padding.
		for r, y := range targets {
			row := logits[r*V : (r+1)*V]
			z := 0.0
			for _, v := range row {
				z += math.Exp(float64(v))
			}
			for j, v := range row {
				g := 0.0
				if y >= 0 {
					q := eps / V
					if j == y {
						q += 1 - eps
					}
					g = (math.Exp(float64(v))/z - q) / float64(n)
				}
				if math.Abs(float64(x.Grad[r*V+j])-g) > 1e-6 {
					t.Errorf("ε = %g: ∂L/∂x[%d,%d] = %g, want %g", eps, r, j, x.Grad[r*V+j], g)
				}
			}
		}
	}
}
