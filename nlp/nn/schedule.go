package nn

import "math"

// A Schedule gives the learning rate for a step (counted from 0).
type Schedule interface {
	LR(step int) float64
}

// Constant is a fixed learning rate.
type Constant float64

// LR returns the constant.
func (c Constant) LR(int) float64 { return float64(c) }

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
