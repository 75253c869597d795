package nn

import (
	"fmt"
	"math"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
)

// CheckFinite reports a NaN or ±Inf in the loss, a gradient or a
// parameter after the backward pass of a training step, naming the step
// and the first parameter (layer) affected, e.g.
//
//	nn: step 120: loss is NaN; first non-finite gradient in blocks.2.fc.weight (17 of 65536 values)
//
// When the loss itself is not finite the message also names the first op
// of the forward pass that produced a non-finite value (see
// autograd.FirstNonFinite), e.g. "first produced by Log (graph node %57,
// shape [12 64])".
//
// It returns nil when everything is finite. Call it between Backward and
// the optimizer step so that the weights are not corrupted, and before
// Release.
func CheckFinite(step int, loss *Tensor, params Params) error {
	lossBad := !allFinite(loss.Data)
	origin := ""
	if lossBad {
		switch n, i := ag.FirstNonFinite(loss); {
		case n == nil:
		case n.Op() == "leaf":
			origin = fmt.Sprintf(" (an input already holds one: graph node %%%d, shape %v)", i, n.Shape())
		default:
			origin = fmt.Sprintf(" (first produced by %s, graph node %%%d, shape %v)", n.Op(), i, n.Shape())
		}
	}
	for _, kind := range []string{"gradient", "value"} {
		for _, p := range params {
			vals := p.T.Grad
			if kind == "value" {
				vals = p.T.Data
			}
			if allFinite(vals) {
				continue
			}
			bad := 0
			for _, v := range vals {
				if !finite(v) {
					bad++
				}
			}
			if bad > 0 {
				return fmt.Errorf("nn: step %d: loss is %v%s; first non-finite %s in %s (%d of %d values)", step, lossString(loss), origin, kind, p.Name, bad, len(vals))
			}
		}
	}
	if lossBad {
		return fmt.Errorf("nn: step %d: loss is %v%s but every parameter and gradient is finite", step, lossString(loss), origin)
	}
	return nil
}

func finite(v float32) bool { return !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0) }

// allFiniteScalar reports whether every x is finite: x·0 is 0 for finite
// x and NaN for ±Inf and NaN, and a sum of zeros stays 0.
func allFiniteScalar(xs []float32) bool {
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(xs); i += 4 {
		s0 += xs[i] * 0
		s1 += xs[i+1] * 0
		s2 += xs[i+2] * 0
		s3 += xs[i+3] * 0
	}
	for ; i < len(xs); i++ {
		s0 += xs[i] * 0
	}
	return s0+s1+s2+s3 == 0
}

func lossString(loss *Tensor) string {
	if loss.Size() == 1 {
		return fmt.Sprint(loss.Data[0])
	}
	return fmt.Sprintf("a tensor of shape %v", loss.Shape())
}
