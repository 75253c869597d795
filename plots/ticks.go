package plots

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// niceTicks places about five labelled ticks at multiples of 1, 2 or 5
// times a power of ten, with unlabelled minor ticks between them, and
// writes each label with just the decimals the step needs: "1000", not
// "1000.00"; "0.25", not "0.250". An axis reaching 10,000 or more counts
// in thousands or millions ("20k", "2.5M"), so labels stay short enough
// not to run into each other. Percent labels the values, fractions, as
// percentages ("25%").
type niceTicks struct{ percent bool }

var _ plot.Ticker = niceTicks{}

// niceStep returns the 1-2-5 step that cuts span into the number of
// intervals closest to n (by ratio).
func niceStep(span float64, n int) float64 {
	mag := math.Pow(10, math.Floor(math.Log10(span/float64(n))))
	best, bestErr := mag, math.Inf(1)
	for _, m := range []float64{1, 2, 5, 10} {
		if e := math.Abs(math.Log(span / (m * mag) / float64(n))); e < bestErr {
			best, bestErr = m*mag, e
		}
	}
	return best
}

// Ticks returns the major and minor ticks in [min, max].
func (t niceTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(max-min, 0) {
		return []plot.Tick{{Value: min, Label: t.label(min, 0)}}
	}
	step := niceStep(max-min, 5)
	minor := step / 2 // between 1s or 2s: halves
	if m := step / math.Pow(10, math.Floor(math.Log10(step))); math.Abs(m-5) < 1e-9 {
		minor = step / 5 // between 5s: units
	}
	extent := math.Max(math.Abs(min), math.Abs(max))
	big := !t.percent && extent >= 1e4
	var ticks []plot.Tick
	for v := math.Ceil(min/minor-1e-9) * minor; v <= max+minor*1e-9; v += minor {
		v = math.Round(v/minor) * minor // no drift from repeated addition
		if math.Abs(v) < minor*1e-9 {
			v = 0
		}
		tk := plot.Tick{Value: v}
		if r := v / step; math.Abs(r-math.Round(r)) < 1e-6 {
			tk.Label = t.label(v, step)
			if big {
				tk.Label = shortCount(v, step, extent)
			}
		}
		ticks = append(ticks, tk)
	}
	return ticks
}

// label formats v with the decimals a tick step needs.
func (t niceTicks) label(v, step float64) string {
	if t.percent {
		v, step = 100*v, 100*step
	}
	dec := 0
	if step > 0 && step < 1 {
		dec = int(math.Ceil(-math.Log10(step) - 1e-9))
		if s := step * math.Pow(10, float64(dec)); math.Abs(s-math.Round(s)) > 1e-6 {
			dec++ // a step of 0.25 needs two decimals
		}
	}
	s := strconv.FormatFloat(v, 'f', dec, 64)
	if s == "-0" {
		s = "0"
	}
	if t.percent {
		s += "%"
	}
	return s
}

// logTicks labels 1, 2 and 5 times the powers of ten in range (only the
// powers of ten when the range spans more than three decades), with minor
// ticks at the other integer multiples.
type logTicks struct{}

var _ plot.Ticker = logTicks{}

// Ticks returns the ticks of a base-10 log axis over [min, max].
func (logTicks) Ticks(min, max float64) []plot.Tick {
	if min <= 0 || !(max > min) {
		return nil
	}
	lo, hi := math.Floor(math.Log10(min)), math.Ceil(math.Log10(max))
	labelled := []float64{1, 2, 5}
	if hi-lo > 3 {
		labelled = []float64{1}
	}
	var ticks []plot.Tick
	for e := lo; e <= hi; e++ {
		p := math.Pow(10, e)
		for m := 1.0; m < 10; m++ {
			v := m * p
			if v < min*(1-1e-9) || v > max*(1+1e-9) {
				continue
			}
			tk := plot.Tick{Value: v}
			for _, l := range labelled {
				if m == l {
					tk.Label = strconv.FormatFloat(v, 'g', -1, 64)
				}
			}
			ticks = append(ticks, tk)
		}
	}
	return ticks
}

// valueTicks labels exactly the given values: the orders n = 1…6 of an
// n-gram chart, not 1, 2.5, 4, 5.5.
type valueTicks []float64

// Ticks returns the values in [min, max], labelled.
func (t valueTicks) Ticks(min, max float64) []plot.Tick {
	var ticks []plot.Tick
	for _, v := range t {
		if v >= min && v <= max {
			ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', -1, 64)})
		}
	}
	return ticks
}

// integerTicks returns valueTicks for xs when they are 3 to 12 distinct
// integers (epochs, orders, beam sizes), and nil otherwise.
func integerTicks(xs []float64) valueTicks {
	seen := map[float64]bool{}
	var t valueTicks
	for _, x := range xs {
		if x != math.Trunc(x) || math.IsInf(x, 0) {
			return nil
		}
		if !seen[x] {
			seen[x] = true
			t = append(t, x)
		}
		if len(t) > 12 {
			return nil
		}
	}
	if len(t) < 3 {
		return nil
	}
	return t
}

// roundOut widens [min, max] to the nearest major ticks of niceTicks, so
// the axis ends on a labelled value (a share axis ends at 100%, not 98%).
func roundOut(min, max float64) (float64, float64) {
	if !(max > min) || math.IsInf(max-min, 0) {
		return min, max
	}
	step := niceStep(max-min, 5)
	return math.Floor(min/step+1e-9) * step, math.Ceil(max/step-1e-9) * step
}

// shortCount writes v in thousands, or in millions on an axis reaching a
// million, with the decimals the tick step needs there: 2000000 → "2M",
// 2500000 → "2.5M", 20000 → "20k".
func shortCount(v, step, extent float64) string {
	unit, suffix := 1e3, "k"
	if extent >= 1e6 {
		unit, suffix = 1e6, "M"
	}
	if v == 0 {
		return "0"
	}
	return niceTicks{}.label(v/unit, step/unit) + suffix
}
