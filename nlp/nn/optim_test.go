package nn

import (
	"math"
	"strings"
	"testing"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
)

// Every optimizer and schedule setting rejects what means nothing (a
// negative, NaN or infinite rate, a beta of 1 or more, a schedule that
// never reaches its end) with an error naming the field and the value.
// The constructors used to accept them: NewAdam with LR NaN made every
// weight NaN at the first step.
func TestOptimizerConfigsReject(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	ps := Params{{"w", ag.Param[float32](2)}}
	adam := func(c AdamConfig) error { _, err := NewAdam(ps, c); return err }
	adamW := func(c AdamConfig) error { _, err := NewAdamW(ps, c); return err }
	sgd := func(c SGDConfig) error { _, err := NewSGD(ps, c); return err }
	tests := []struct {
		name string
		err  error
		want []string // substrings: the field and the value
	}{
		{"Adam negative LR", adam(AdamConfig{LR: -1e-3}), []string{"AdamConfig.LR", "-0.001"}},
		{"Adam NaN LR", adam(AdamConfig{LR: nan}), []string{"AdamConfig.LR", "NaN"}},
		{"Adam Inf LR", adam(AdamConfig{LR: inf}), []string{"AdamConfig.LR", "+Inf"}},
		{"Adam negative Beta1", adam(AdamConfig{Beta1: -0.9}), []string{"AdamConfig.Beta1", "-0.9"}},
		{"Adam Beta1 1", adam(AdamConfig{Beta1: 1}), []string{"AdamConfig.Beta1", "got 1"}},
		{"Adam NaN Beta2", adam(AdamConfig{Beta2: nan}), []string{"AdamConfig.Beta2", "NaN"}},
		{"Adam Beta2 above 1", adam(AdamConfig{Beta2: 1.5}), []string{"AdamConfig.Beta2", "1.5"}},
		{"Adam negative Eps", adam(AdamConfig{Eps: -1e-8}), []string{"AdamConfig.Eps", "-1e-08"}},
		{"Adam Inf Eps", adam(AdamConfig{Eps: inf}), []string{"AdamConfig.Eps", "+Inf"}},
		{"Adam negative WeightDecay", adam(AdamConfig{WeightDecay: -0.1}), []string{"AdamConfig.WeightDecay", "-0.1"}},
		{"AdamW NaN WeightDecay", adamW(AdamConfig{WeightDecay: nan}), []string{"AdamConfig.WeightDecay", "NaN"}},
		{"AdamW -Inf LR", adamW(AdamConfig{LR: -inf}), []string{"AdamConfig.LR", "-Inf"}},
		{"SGD negative LR", sgd(SGDConfig{LR: -0.1}), []string{"SGDConfig.LR", "-0.1"}},
		{"SGD NaN LR", sgd(SGDConfig{LR: nan}), []string{"SGDConfig.LR", "NaN"}},
		{"SGD negative Momentum", sgd(SGDConfig{Momentum: -0.9}), []string{"SGDConfig.Momentum", "-0.9"}},
		{"SGD Inf Momentum", sgd(SGDConfig{Momentum: inf}), []string{"SGDConfig.Momentum", "+Inf"}},
		{"SGD negative WeightDecay", sgd(SGDConfig{WeightDecay: -1}), []string{"SGDConfig.WeightDecay", "-1"}},
		{"SGD NaN WeightDecay", sgd(SGDConfig{WeightDecay: nan}), []string{"SGDConfig.WeightDecay", "NaN"}},
		{"Constant zero", Constant(0).Validate(), []string{"Constant", "got 0"}},
		{"Constant negative", Constant(-0.1).Validate(), []string{"Constant", "-0.1"}},
		{"Constant NaN", Constant(nan).Validate(), []string{"Constant", "NaN"}},
		{"Constant Inf", Constant(inf).Validate(), []string{"Constant", "+Inf"}},
		{"WarmupCosine zero", WarmupCosine{}.Validate(), []string{"WarmupCosine.Peak", "got 0"}},
		{"WarmupCosine NaN Peak", WarmupCosine{Peak: nan, Total: 10}.Validate(), []string{"WarmupCosine.Peak", "NaN"}},
		{"WarmupCosine negative Min", WarmupCosine{Peak: 1, Min: -1, Total: 10}.Validate(), []string{"WarmupCosine.Min", "-1"}},
		{"WarmupCosine Min above Peak", WarmupCosine{Peak: 1, Min: 2, Total: 10}.Validate(), []string{"WarmupCosine.Min", "got 2"}},
		{"WarmupCosine NaN Min", WarmupCosine{Peak: 1, Min: nan, Total: 10}.Validate(), []string{"WarmupCosine.Min", "NaN"}},
		{"WarmupCosine negative Warmup", WarmupCosine{Peak: 1, Warmup: -5, Total: 10}.Validate(), []string{"WarmupCosine.Warmup", "-5"}},
		{"WarmupCosine Total not after Warmup", WarmupCosine{Peak: 1, Warmup: 10, Total: 10}.Validate(), []string{"WarmupCosine.Total", "got 10"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tc.want {
				if !strings.Contains(tc.err.Error(), w) {
					t.Errorf("error %q does not say %q", tc.err, w)
				}
			}
		})
	}
	for _, err := range []error{adam(AdamConfig{}), adamW(AdamConfig{}), sgd(SGDConfig{}), Constant(1e-3).Validate(),
		WarmupCosine{Peak: 1e-3, Min: 1e-4, Warmup: 10, Total: 110}.Validate(), WarmupCosine{Peak: 1, Total: 1}.Validate()} {
		if err != nil {
			t.Errorf("a valid setting was refused: %v", err)
		}
	}
}
