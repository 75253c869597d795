package widgets

import (
	"math"
	"testing"
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
