package nn

import (
	"fmt"
	"math"
)

// A Schedule gives the learning rate for a step (counted from 0). The
// schedules here also have a Validate method, which a trainer calls before
// the first step if a schedule has one.
type Schedule interface {
	LR(step int) float64
}

// Constant is a fixed learning rate.
type Constant float64

// LR returns the constant.
func (c Constant) LR(int) float64 { return float64(c) }

// Validate returns an error unless c is a finite number > 0.
func (c Constant) Validate() error {
	if v := float64(c); !(v > 0) || math.IsInf(v, 0) {
		return fmt.Errorf("nn: Constant learning rate must be a finite number > 0, got %g", v)
	}
	return nil
}

// WarmupCosine rises linearly from 0 to Peak over Warmup steps, then
// follows half a cosine from Peak down to Min at step Total, and stays at
// Min afterwards — the schedule of nanoGPT (after Loshchilov & Hutter's
// SGDR, 2017):
//
//	η(t) = Peak·(t+1)/Warmup                                  t < Warmup
//	η(t) = Min + ½(Peak − Min)(1 + cos(π·(t−Warmup)/(Total−Warmup)))
type WarmupCosine struct {
	Peak, Min     float64
	Warmup, Total int
}

// Validate returns an error naming the first meaningless field: Peak
// must be a finite number > 0, Min one in [0, Peak], Warmup ≥ 0 and Total
// > Warmup (the cosine needs at least one step).
func (s WarmupCosine) Validate() error {
	switch {
	case !(s.Peak > 0) || math.IsInf(s.Peak, 0):
		return fmt.Errorf("nn: WarmupCosine.Peak must be a finite number > 0, got %g", s.Peak)
	case !(s.Min >= 0) || s.Min > s.Peak:
		return fmt.Errorf("nn: WarmupCosine.Min must be in [0, Peak %g], got %g", s.Peak, s.Min)
	case s.Warmup < 0:
		return fmt.Errorf("nn: WarmupCosine.Warmup must be ≥ 0, got %d", s.Warmup)
	case s.Total <= s.Warmup:
		return fmt.Errorf("nn: WarmupCosine.Total must be more than Warmup %d, got %d", s.Warmup, s.Total)
	}
	return nil
}

// LR returns η at step t.
func (s WarmupCosine) LR(t int) float64 {
	if t < s.Warmup {
		return s.Peak * float64(t+1) / float64(s.Warmup)
	}
	if t >= s.Total || s.Total <= s.Warmup {
		return s.Min
	}
	progress := float64(t-s.Warmup) / float64(s.Total-s.Warmup)
	return s.Min + 0.5*(s.Peak-s.Min)*(1+math.Cos(math.Pi*progress))
}
