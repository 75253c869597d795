package autograd

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// GradCheckOptions tunes GradCheck. Zero fields take the defaults noted;
// the floats must be finite numbers ≥ 0 (see Validate).
type GradCheckOptions struct {
	Eps  float64 // finite-difference step; default 1e-6
	RTol float64 // relative tolerance; default 1e-5
	ATol float64 // absolute tolerance; default 1e-7
	Seed uint64  // seed of the random output weights; default 1
}

// Validate returns an error naming the first of Eps, RTol and ATol that is
// negative, NaN or infinite.
func (o GradCheckOptions) Validate() error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"Eps", o.Eps}, {"RTol", o.RTol}, {"ATol", o.ATol}} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) || f.v < 0 {
			return fmt.Errorf("autograd: GradCheckOptions.%s must be a finite number ≥ 0 (0: the default), got %g", f.name, f.v)
		}
	}
	return nil
}

// GradCheck verifies backpropagation against the definition of the
// derivative. f must compute a tensor from inputs (and nothing random that
// changes between calls). GradCheck reduces f's output to the scalar
// L = Σᵢ wᵢ·yᵢ with fixed random weights w (so that, for example, the rows
// of a softmax, which always sum to 1, still have a gradient to check),
// runs Backward, and compares every input gradient with the central
// difference (L(x + ε) − L(x − ε)) / 2ε.
//
// It returns the largest relative error seen and an error describing the
// first element outside |analytic − numeric| ≤ ATol + RTol·|numeric|.
// Run it in float64: float32 differences are too coarse to be conclusive.
// Invalid options are an error.
func GradCheck(f func() *Tensor[float64], inputs []*Tensor[float64], opt *GradCheckOptions) (maxRelErr float64, err error) {
	o := GradCheckOptions{Eps: 1e-6, RTol: 1e-5, ATol: 1e-7, Seed: 1}
	if opt != nil {
		if err := opt.Validate(); err != nil {
			return 0, err
		}
		if opt.Eps > 0 {
			o.Eps = opt.Eps
		}
		if opt.RTol > 0 {
			o.RTol = opt.RTol
		}
		if opt.ATol > 0 {
			o.ATol = opt.ATol
		}
		if opt.Seed != 0 {
			o.Seed = opt.Seed
		}
	}
	prevMode := SetGradEnabled(true)
	defer SetGradEnabled(prevMode)
	for _, x := range inputs {
		x.RequiresGrad = true
		x.Grad = make([]float64, len(x.Data))
	}

	// Analytic gradients: backward through L = Σ w ⊙ f().
	y := f()
	rng := rand.New(rand.NewPCG(o.Seed, 0))
	w := New[float64](y.shape...)
	for i := range w.Data {
		w.Data[i] = rng.Float64()*2 - 1
	}
	L := Sum(Mul(y, w))
	L.Backward()
	analytic := make([][]float64, len(inputs))
	for k, x := range inputs {
		analytic[k] = append([]float64(nil), x.Grad...)
	}
	L.Release()

	// Numeric gradients, one element at a time.
	loss := func() float64 {
		var s float64
		NoGrad(func() {
			for i, v := range f().Data {
				s += v * w.Data[i]
			}
		})
		return s
	}
	for k, x := range inputs {
		for i := range x.Data {
			orig := x.Data[i]
			x.Data[i] = orig + o.Eps
			plus := loss()
			x.Data[i] = orig - o.Eps
			minus := loss()
			x.Data[i] = orig
			num, ana := (plus-minus)/(2*o.Eps), analytic[k][i]
			diff := math.Abs(num - ana)
			if rel := diff / math.Max(math.Abs(num), 1e-12); diff > o.ATol && rel > maxRelErr {
				maxRelErr = rel
			}
			if (diff > o.ATol+o.RTol*math.Abs(num) || math.IsNaN(ana)) && err == nil {
				err = fmt.Errorf("autograd: gradient check: input %d %v element %d: backward gives %.8g, finite difference %.8g", k, x.shape, i, ana, num)
			}
		}
	}
	return maxRelErr, err
}
