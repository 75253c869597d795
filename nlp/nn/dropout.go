package nn

import (
	"math/rand/v2"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
)

// Dropout zeroes a fraction P of its inputs during training and scales the
// rest by 1/(1 − P); with Train false (evaluation) it passes x through.
type Dropout struct {
	P     float64
	Train bool
	Rng   *rand.Rand
}

// NewDropout returns a Dropout layer in training mode drawing from rng.
func NewDropout(rng *rand.Rand, p float64) *Dropout { return &Dropout{P: p, Train: true, Rng: rng} }

// Forward applies dropout to x. It panics if P is outside [0, 1).
func (d *Dropout) Forward(x *Tensor) *Tensor {
	if !d.Train || d.P == 0 {
		return x
	}
	return ag.Dropout(x, d.P, d.Rng)
}

// Params returns nothing: dropout has no parameters.
func (d *Dropout) Params() Params { return nil }
