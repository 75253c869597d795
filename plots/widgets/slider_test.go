package widgets

import (
	"math"
	"testing"
	"time"

	"github.com/lingo-nlp/lingo/plots"
)

// A logarithmic slider starts on a step of its exponent, where front ends
// put the handle (html-manager shows 0.5 on a 0.1-decade grid as 0.501).
func TestLogSliderStartsOnAStep(t *testing.T) {
	session(t, Protocol2)
	s := NewFloatSlider(Float{Min: 0.001, Max: 1, Value: 0.5, Log: true})
	defer s.Close()
	if v := s.Value(); math.Abs(v-math.Pow(10, -0.3)) > 1e-12 {
		t.Errorf("Value() = %v, want 10^-0.3", v)
	}
}

// Settings that mean nothing are refused, naming the field and the value:
// the widget displays the error instead of itself. They used to be taken:
// a negative Step meant the default, a NaN bound or value made a slider
// whose state could not be sent (JSON has no NaN), and a fine Step on a
// logarithmic slider listed millions of positions for a protocol-1 front
// end.
func TestSliderSettingsReject(t *testing.T) {
	session(t, Protocol1)
	for _, tc := range []struct {
		name string
		w    Widget
		want string
	}{
		{"Int negative Step", NewIntSlider(Int{Step: -1}), "widgets: Int.Step must be ≥ 0 (0: 1), got -1"},
		{"Float NaN Min", NewFloatSlider(Float{Min: math.NaN()}), "widgets: Float.Min must be a finite number, got NaN"},
		{"Float Inf Max", NewFloatSlider(Float{Max: math.Inf(1)}), "widgets: Float.Max must be a finite number, got +Inf"},
		{"Float NaN Value", NewFloatSlider(Float{Value: math.NaN()}), "widgets: Float.Value must be a finite number, got NaN"},
		{"Float NaN Step", NewFloatSlider(Float{Step: math.NaN()}), "widgets: Float.Step must be a finite number, got NaN"},
		{"Float negative Step", NewFloatSlider(Float{Step: -0.5}), "widgets: Float.Step must be ≥ 0 (0: 0.1), got -0.5"},
		{"Float log Step too fine", NewFloatSlider(Float{Min: 1e-4, Max: 1, Step: 1e-9, Log: true}), "widgets: Float.Step 1e-09 gives 4000000000 positions from 0.0001 to 1, more than 10000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer tc.w.Close()
			b := tc.w.Render()
			if b[plots.MIMEText] != tc.want || b[ViewMIME] != "" {
				t.Errorf("Render = %v, want the error %q alone", b, tc.want)
			}
		})
	}
	// Valid settings still make a slider.
	s := NewFloatSlider(Float{Min: 1e-4, Max: 1, Step: 0.1, Log: true})
	defer s.Close()
	if b := s.Render(); b[ViewMIME] == "" {
		t.Errorf("a valid slider renders %v", b)
	}
}

// Interact with a negative Debounce shows the error where f's result
// would be and never runs f.
func TestInteractOptionsReject(t *testing.T) {
	session(t, Protocol2)
	k := NewIntSlider(Int{})
	defer k.Close()
	ran := false
	ia := InteractWith(Options{Debounce: -time.Second}, func(k int) int { ran = true; return k }, k)
	defer ia.Close()
	ia.Run()
	err, _ := ia.Result().(error)
	if ran || err == nil || err.Error() != "widgets: Options.Debounce must be ≥ 0 (0: 25ms), got -1s" {
		t.Errorf("ran %v, Result() = %v", ran, ia.Result())
	}
}
