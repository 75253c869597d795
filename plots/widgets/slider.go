package widgets

import (
	"fmt"
	"math"
	"strconv"
)

// Int configures an IntSlider. Its zero value is a slider from 0 to 100
// in steps of 1, at 0, without a label. A negative Step is an error (see
// Validate).
type Int struct {
	// Label is shown before the slider.
	Label string
	// Min and Max bound the value; both zero means 0 and 100. If Max <
	// Min they are swapped.
	Min, Max int
	// Step is the distance between positions; zero means 1.
	Step int
	// Value is the initial value, moved into [Min, Max].
	Value int
}

// Validate returns an error if Step is negative.
func (c Int) Validate() error {
	if c.Step < 0 {
		return fmt.Errorf("widgets: Int.Step must be ≥ 0 (0: 1), got %d", c.Step)
	}
	return nil
}

// IntSlider is a slider over integers.
type IntSlider struct {
	base
	min, max int
	w        watch[int]
}

// NewIntSlider opens an integer slider. If c is invalid (see Validate),
// the slider has the zero Int's settings and displays the error instead of
// itself.
func NewIntSlider(c Int) *IntSlider {
	err := c.Validate()
	if err != nil {
		c = Int{Label: c.Label}
	}
	if c.Min == 0 && c.Max == 0 {
		c.Max = 100
	}
	if c.Max < c.Min {
		c.Min, c.Max = c.Max, c.Min
	}
	if c.Step <= 0 {
		c.Step = 1
	}
	c.Value = min(max(c.Value, c.Min), c.Max)
	p := CurrentProtocol()
	s := header(p, modControls, "IntSliderModel", "IntSliderView")
	s, parts := domState(p, s, "SliderStyleModel", true, c.Label, nil)
	merge(s, map[string]any{"continuous_update": true, "disabled": false, "max": c.Max, "min": c.Min,
		"orientation": "horizontal", "readout": true, "readout_format": "d", "step": c.Step, "value": c.Value})
	if p == Protocol2 {
		s["behavior"] = "drag-tap"
	} else {
		s["_range"] = false
	}
	sl := &IntSlider{min: c.Min, max: c.Max}
	sl.w.value = sl.Value
	sl.base = base{m: newModel(p, s, parts...), name: "IntSlider", err: err,
		args: func() string { return args("value", sl.Value(), "min", sl.min, "max", sl.max, "description", c.Label) }}
	sl.m.changed = func(keys []string) {
		if !has(keys, "value") {
			return
		}
		raw, _ := toFloat(sl.m.get("value"))
		v, _ := toInt(raw)
		v = min(max(v, sl.min), sl.max)
		sl.m.mu.Lock()
		sl.m.state["value"] = v // kept as an int, not the float64 JSON gave
		sl.m.mu.Unlock()
		if float64(v) != raw {
			sl.m.sendState(map[string]any{"value": v}, nil)
		}
		sl.w.fire()
	}
	sl.m.closed = sl.w.stop
	return sl
}

// Value returns the slider's value.
func (s *IntSlider) Value() int {
	v, _ := toInt(s.m.get("value"))
	return v
}

// SetValue moves the slider (the value is moved into its range) and, if
// that changes the value, calls the callbacks.
func (s *IntSlider) SetValue(v int) {
	v = min(max(v, s.min), s.max)
	if v == s.Value() {
		return
	}
	s.m.set(map[string]any{"value": v})
	s.w.fire()
}

// OnChange calls f with the new value after it changes.
func (s *IntSlider) OnChange(f func(int)) { s.w.add(f) }

// Changes returns a channel that receives the newest value after each
// change; a value not yet received is replaced by a newer one. The
// channel is closed when the slider closes.
func (s *IntSlider) Changes() <-chan int { return s.w.channel() }

// Float configures a FloatSlider. Its zero value is a slider from 0 to
// 100 in steps of 0.1, at 0, without a label, showing two decimals. NaN,
// infinite values and a negative Step are errors (see Validate).
type Float struct {
	// Label is shown before the slider.
	Label string
	// Min and Max bound the value; both zero means 0 and 100. With Log
	// both must be positive (a zero or negative Min means Max/10⁴).
	Min, Max float64
	// Step is the distance between positions: in the value, or with Log
	// in log10 of the value (decades). Zero means 0.1.
	Step float64
	// Value is the initial value, moved into [Min, Max].
	Value float64
	// Log spaces positions evenly in log10 of the value, for quantities
	// that range over decades such as learning rates.
	Log bool
	// Format is how the value is shown beside the slider, a d3-format
	// specifier like Python's (".2f", ".3g", ".1e"); empty means ".2f",
	// or ".3g" with Log.
	Format string
}

// maxLogPositions bounds the positions of a logarithmic slider, which a
// protocol-1 front end is sent one by one.
const maxLogPositions = 10000

// Validate returns an error naming the first meaningless field: Min, Max,
// Step or Value NaN or infinite, a negative Step, or a logarithmic slider
// with more than 10,000 positions.
func (c Float) Validate() error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"Min", c.Min}, {"Max", c.Max}, {"Step", c.Step}, {"Value", c.Value}} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			return fmt.Errorf("widgets: Float.%s must be a finite number, got %g", f.name, f.v)
		}
	}
	if c.Step < 0 {
		return fmt.Errorf("widgets: Float.Step must be ≥ 0 (0: 0.1), got %g", c.Step)
	}
	if d := c.withDefaults(); d.Log {
		if n := (math.Log10(d.Max) - math.Log10(d.Min)) / d.Step; n > maxLogPositions {
			return fmt.Errorf("widgets: Float.Step %g gives %.0f positions from %g to %g, more than %d", c.Step, n, d.Min, d.Max, maxLogPositions)
		}
	}
	return nil
}

// withDefaults fills in the zero fields and orders Min and Max.
func (c Float) withDefaults() Float {
	if c.Min == 0 && c.Max == 0 {
		c.Max = 100
	}
	if c.Max < c.Min {
		c.Min, c.Max = c.Max, c.Min
	}
	if c.Log {
		if c.Max <= 0 {
			c.Max = 1
		}
		if c.Min <= 0 {
			c.Min = c.Max / 1e4
		}
	}
	if c.Step <= 0 {
		c.Step = 0.1
	}
	if c.Format == "" {
		c.Format = ".2f"
		if c.Log {
			c.Format = ".3g"
		}
	}
	return c
}

// FloatSlider is a slider over float64 values, linear or logarithmic.
// With a protocol-1 front end (ipywidgets 6 has no logarithmic slider) a
// logarithmic slider is a SelectionSlider over its positions.
type FloatSlider struct {
	base
	c      Float
	labels []string // protocol-1 logarithmic slider: the positions' labels
	w      watch[float64]
}

// NewFloatSlider opens a slider over float64 values. If c is invalid (see
// Validate), the slider has the zero Float's settings (with c's Log) and
// displays the error instead of itself.
func NewFloatSlider(c Float) *FloatSlider {
	err := c.Validate()
	if err != nil {
		c = Float{Label: c.Label, Log: c.Log}
	}
	c = c.withDefaults()
	c.Value = math.Min(math.Max(c.Value, c.Min), c.Max)
	if c.Log {
		// Front ends put a logarithmic slider's handle on a step of the
		// exponent and show the value there: start on one.
		lo := math.Log10(c.Min)
		e := lo + math.Round((math.Log10(c.Value)-lo)/c.Step)*c.Step
		c.Value = math.Min(math.Max(math.Pow(10, e), c.Min), c.Max)
	}
	p := CurrentProtocol()
	sl := &FloatSlider{c: c}
	sl.w.value = sl.Value
	var s map[string]any
	var parts []*model
	switch {
	case c.Log && p == Protocol1:
		lo, hi := math.Log10(c.Min), math.Log10(c.Max)
		for e := lo; e <= hi+c.Step/2; e += c.Step {
			sl.labels = append(sl.labels, strconv.FormatFloat(math.Pow(10, e), 'g', 3, 64))
		}
		s = header(p, modControls, "SelectionSliderModel", "SelectionSliderView")
		s, parts = domState(p, s, "", true, c.Label, nil)
		merge(s, map[string]any{"_options_labels": sl.labels, "continuous_update": true, "disabled": false,
			"orientation": "horizontal", "readout": true, "value": sl.nearest(c.Value)})
	case c.Log:
		s = header(p, modControls, "FloatLogSliderModel", "FloatLogSliderView")
		s, parts = domState(p, s, "SliderStyleModel", true, c.Label, nil)
		merge(s, map[string]any{"base": 10.0, "behavior": "drag-tap", "continuous_update": true, "disabled": false,
			"max": math.Log10(c.Max), "min": math.Log10(c.Min), "orientation": "horizontal", "readout": true,
			"readout_format": c.Format, "step": c.Step, "value": c.Value})
	default:
		style := "SliderStyleModel"
		if p == Protocol1 {
			style = "" // ipywidgets 6's FloatSlider has slider_color instead
		}
		s = header(p, modControls, "FloatSliderModel", "FloatSliderView")
		s, parts = domState(p, s, style, true, c.Label, nil)
		merge(s, map[string]any{"continuous_update": true, "disabled": false, "max": c.Max, "min": c.Min,
			"orientation": "horizontal", "readout": true, "readout_format": c.Format, "step": c.Step, "value": c.Value})
		if p == Protocol2 {
			s["behavior"] = "drag-tap"
		} else {
			s["_range"] = false
			s["slider_color"] = nil
		}
	}
	name := "FloatSlider"
	if c.Log {
		name = "FloatLogSlider"
	}
	sl.base = base{m: newModel(p, s, parts...), name: name, err: err,
		args: func() string { return args("value", sl.Value(), "min", c.Min, "max", c.Max, "description", c.Label) }}
	sl.m.changed = func(keys []string) {
		if !has(keys, "value") {
			return
		}
		if sl.labels == nil {
			v, _ := toFloat(sl.m.get("value"))
			if w := math.Min(math.Max(v, c.Min), c.Max); w != v {
				sl.m.set(map[string]any{"value": w})
			}
		}
		sl.w.fire()
	}
	sl.m.closed = sl.w.stop
	return sl
}

// nearest returns the label of the protocol-1 logarithmic position
// nearest to v.
func (s *FloatSlider) nearest(v float64) string {
	best, bd := s.labels[0], math.Inf(1)
	for _, l := range s.labels {
		x, _ := strconv.ParseFloat(l, 64)
		if d := math.Abs(math.Log10(x) - math.Log10(v)); d < bd {
			best, bd = l, d
		}
	}
	return best
}

// Value returns the slider's value.
func (s *FloatSlider) Value() float64 {
	v := s.m.get("value")
	if s.labels != nil {
		x, err := strconv.ParseFloat(toString(v), 64)
		if err != nil {
			return s.c.Min
		}
		return x
	}
	f, _ := toFloat(v)
	return f
}

// SetValue moves the slider (the value is moved into its range; a
// protocol-1 logarithmic slider goes to the nearest position) and, if
// that changes the value, calls the callbacks.
func (s *FloatSlider) SetValue(v float64) {
	v = math.Min(math.Max(v, s.c.Min), s.c.Max)
	old := s.Value()
	if s.labels != nil {
		s.m.set(map[string]any{"value": s.nearest(v)})
	} else {
		s.m.set(map[string]any{"value": v})
	}
	if s.Value() != old {
		s.w.fire()
	}
}

// OnChange calls f with the new value after it changes.
func (s *FloatSlider) OnChange(f func(float64)) { s.w.add(f) }

// Changes returns a channel that receives the newest value after each
// change; it is closed when the slider closes.
func (s *FloatSlider) Changes() <-chan float64 { return s.w.channel() }
