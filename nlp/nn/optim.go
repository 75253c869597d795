package nn

import (
	"fmt"
	"math"
)

// An Optimizer updates parameters from their gradients.
type Optimizer interface {
	Step()            // θ ← θ − update(∂L/∂θ)
	ZeroGrad()        // clear every gradient before the next backward pass
	SetLR(lr float64) // for schedules
	LR() float64
}

// SGDConfig configures SGD; zero fields mean the default noted. Every
// field must be a finite number ≥ 0 (see Validate).
type SGDConfig struct {
	LR          float64 // learning rate η; default 0.01
	Momentum    float64 // μ; 0 is plain gradient descent
	WeightDecay float64 // λ, added to the gradient as λθ (L2 penalty)
}

// Validate returns an error naming the first field that is negative, NaN
// or infinite.
func (c SGDConfig) Validate() error {
	return firstBad("SGDConfig", field{"LR", c.LR}, field{"Momentum", c.Momentum}, field{"WeightDecay", c.WeightDecay})
}

// SGD is stochastic gradient descent with optional (heavy-ball) momentum,
// as in PyTorch: v ← μv + g, θ ← θ − ηv.
type SGD struct {
	cfg    SGDConfig
	params Params
	vel    [][]float32
}

// NewSGD returns an SGD optimizer over params, or an error if cfg is
// invalid (see SGDConfig.Validate).
func NewSGD(params Params, cfg SGDConfig) (*SGD, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.LR == 0 {
		cfg.LR = 0.01
	}
	s := &SGD{cfg: cfg, params: params}
	if cfg.Momentum != 0 {
		for _, p := range params {
			s.vel = append(s.vel, make([]float32, p.T.Size()))
		}
	}
	return s, nil
}

// Step applies one update.
func (s *SGD) Step() {
	lr, mu, wd := float32(s.cfg.LR), float32(s.cfg.Momentum), float32(s.cfg.WeightDecay)
	for k, p := range s.params {
		theta, g := p.T.Data, p.T.Grad
		for i := range theta {
			gi := g[i] + wd*theta[i]
			if s.vel != nil {
				s.vel[k][i] = mu*s.vel[k][i] + gi
				gi = s.vel[k][i]
			}
			theta[i] -= lr * gi
		}
	}
}

func (s *SGD) ZeroGrad()        { s.params.ZeroGrad() }
func (s *SGD) SetLR(lr float64) { s.cfg.LR = lr }
func (s *SGD) LR() float64      { return s.cfg.LR }

// AdamConfig configures Adam and AdamW; zero fields mean the default noted
// (PyTorch's defaults). Every field must be a finite number ≥ 0, and the
// betas less than 1 (see Validate).
type AdamConfig struct {
	LR          float64 // default 1e-3
	Beta1       float64 // default 0.9
	Beta2       float64 // default 0.999
	Eps         float64 // default 1e-8
	WeightDecay float64 // Adam: L2 added to the gradient (default 0); AdamW: decoupled decay (default 0.01)
}

// Validate returns an error naming the first field that is negative, NaN
// or infinite, or a beta that is not below 1 (β = 1 would never forget a
// gradient, and the bias correction 1/(1−βᵗ) would divide by zero).
func (c AdamConfig) Validate() error {
	if err := firstBad("AdamConfig", field{"LR", c.LR}, field{"Beta1", c.Beta1}, field{"Beta2", c.Beta2},
		field{"Eps", c.Eps}, field{"WeightDecay", c.WeightDecay}); err != nil {
		return err
	}
	for _, f := range []field{{"Beta1", c.Beta1}, {"Beta2", c.Beta2}} {
		if f.v >= 1 {
			return fmt.Errorf("nn: AdamConfig.%s must be in [0, 1) (0: the default), got %g", f.name, f.v)
		}
	}
	return nil
}

// Adam is the Adam optimizer (Kingma & Ba 2015):
//
//	m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²
//	θ ← θ − η · m̂/(√v̂ + ε),  m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ)
//
// AdamW (Loshchilov & Hutter 2019) decays the weights directly,
// θ ← θ(1 − ηλ), instead of adding λθ to the gradient.
type Adam struct {
	cfg       AdamConfig
	decoupled bool
	params    Params
	m, v      [][]float32
	t         int
}

// NewAdam returns Adam over params, or an error if cfg is invalid (see
// AdamConfig.Validate).
func NewAdam(params Params, cfg AdamConfig) (*Adam, error) { return newAdam(params, cfg, false) }

// NewAdamW returns AdamW over params (weight decay 0.01 unless set), or an
// error if cfg is invalid (see AdamConfig.Validate).
func NewAdamW(params Params, cfg AdamConfig) (*Adam, error) {
	if cfg.WeightDecay == 0 {
		cfg.WeightDecay = 0.01
	}
	return newAdam(params, cfg, true)
}

func newAdam(params Params, cfg AdamConfig, decoupled bool) (*Adam, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	def := func(x *float64, d float64) {
		if *x == 0 {
			*x = d
		}
	}
	def(&cfg.LR, 1e-3)
	def(&cfg.Beta1, 0.9)
	def(&cfg.Beta2, 0.999)
	def(&cfg.Eps, 1e-8)
	a := &Adam{cfg: cfg, decoupled: decoupled, params: params}
	for _, p := range params {
		a.m = append(a.m, make([]float32, p.T.Size()))
		a.v = append(a.v, make([]float32, p.T.Size()))
	}
	return a, nil
}

// Step applies one update.
func (a *Adam) Step() {
	a.t++
	c := a.cfg
	b1, b2 := float32(c.Beta1), float32(c.Beta2)
	// Fold the bias corrections into the step size and ε (as PyTorch does).
	bc1 := 1 - math.Pow(c.Beta1, float64(a.t))
	bc2 := 1 - math.Pow(c.Beta2, float64(a.t))
	step := float32(c.LR / bc1)
	sqrtBC2 := float32(math.Sqrt(bc2))
	eps := float32(c.Eps)
	decay := float32(1 - c.LR*c.WeightDecay)
	l2 := float32(c.WeightDecay)
	if !a.decoupled {
		decay = 1
	} else {
		l2 = 0
	}
	for k, p := range a.params {
		adamUpdate(p.T.Data, p.T.Grad, a.m[k], a.v[k], adamCoef{b1, b2, step, 1 / sqrtBC2, eps, decay, l2})
	}
}

// adamCoef are the per-step constants of the Adam update.
type adamCoef struct{ b1, b2, step, invSqrtBC2, eps, decay, l2 float32 }

// adamScalar applies the update to every element:
//
//	g ← g + λθ (Adam's L2),  θ ← θ·decay (AdamW's decoupled decay)
//	m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  θ ← θ − step·m/(√v/√(1−β₂ᵗ) + ε)
func adamScalar(theta, g, m, v []float32, c adamCoef) {
	for i := range theta {
		gi := g[i] + c.l2*theta[i]
		theta[i] *= c.decay
		m[i] = c.b1*m[i] + (1-c.b1)*gi
		v[i] = c.b2*v[i] + (1-c.b2)*gi*gi
		theta[i] -= c.step * m[i] / (float32(math.Sqrt(float64(v[i])))*c.invSqrtBC2 + c.eps)
	}
}

func (a *Adam) ZeroGrad()        { a.params.ZeroGrad() }
func (a *Adam) SetLR(lr float64) { a.cfg.LR = lr }
func (a *Adam) LR() float64      { return a.cfg.LR }

// Steps returns how many updates have been applied.
func (a *Adam) Steps() int { return a.t }

// field is a named setting, for error messages.
type field struct {
	name string
	v    float64
}

// firstBad returns an error naming the first field of config that is not
// a finite number ≥ 0.
func firstBad(config string, fs ...field) error {
	for _, f := range fs {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) || f.v < 0 {
			return fmt.Errorf("nn: %s.%s must be a finite number ≥ 0, got %g", config, f.name, f.v)
		}
	}
	return nil
}
