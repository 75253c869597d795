package training

import (
	"math"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/nn"
)

// Every field of Config rejects what means nothing with an error that
// names the field and the value.
func TestConfigRejects(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name string
		cfg  Config
		want []string // substrings of the error: the field and the value
	}{
		{"negative Steps", Config{Steps: -1}, []string{"Steps", "-1"}},
		{"negative Epochs", Config{Epochs: -2}, []string{"Epochs", "-2"}},
		{"Steps and Epochs", Config{Steps: 10, Epochs: 2}, []string{"Steps 10", "Epochs 2"}},
		{"negative Batch", Config{Batch: -4}, []string{"Batch", "-4"}},
		{"huge Batch", Config{Batch: 1 << 40}, []string{"Batch must be at most 65536", "1099511627776"}},
		{"negative EvalEvery", Config{EvalEvery: -1}, []string{"EvalEvery", "-1"}},
		{"negative Patience", Config{Patience: -3}, []string{"Patience", "-3"}},
		{"negative LR", Config{LR: -1e-3}, []string{"LR", "-0.001"}},
		{"NaN LR", Config{LR: nan}, []string{"LR", "NaN"}},
		{"+Inf LR", Config{LR: inf}, []string{"LR", "+Inf"}},
		{"-Inf LR", Config{LR: -inf}, []string{"LR", "-Inf"}},
		{"negative WeightDecay", Config{WeightDecay: -1}, []string{"WeightDecay", "-1"}},
		{"NaN WeightDecay", Config{WeightDecay: nan}, []string{"WeightDecay", "NaN"}},
		{"Inf WeightDecay", Config{WeightDecay: inf}, []string{"WeightDecay", "+Inf"}},
		{"negative Clip", Config{Clip: -1}, []string{"Clip", "-1"}},
		{"NaN Clip", Config{Clip: nan}, []string{"Clip", "NaN"}},
		{"Inf Clip", Config{Clip: inf}, []string{"Clip", "+Inf"}},
		{"Clip and NoClip", Config{Clip: 2, NoClip: true}, []string{"NoClip", "Clip 2"}},
		{"negative PlateauDecay", Config{PlateauDecay: -0.5}, []string{"PlateauDecay", "-0.5"}},
		{"PlateauDecay above 1", Config{PlateauDecay: 2}, []string{"PlateauDecay", "2"}},
		{"NaN PlateauDecay", Config{PlateauDecay: nan}, []string{"PlateauDecay", "NaN"}},
		{"unknown Optimizer", Config{Optimizer: 7}, []string{"Optimizer", "7"}},
		{"negative Constant schedule", Config{Schedule: nn.Constant(-0.01)}, []string{"Schedule", "Constant", "-0.01"}},
		{"NaN Constant schedule", Config{Schedule: nn.Constant(nan)}, []string{"Schedule", "Constant", "NaN"}},
		{"WarmupCosine without Total", Config{Schedule: nn.WarmupCosine{Peak: 1e-3, Warmup: 10}}, []string{"Schedule", "WarmupCosine.Total", "got 0"}},
		{"WarmupCosine Inf Peak", Config{Schedule: nn.WarmupCosine{Peak: inf, Total: 10}}, []string{"Schedule", "WarmupCosine.Peak", "+Inf"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			if err == nil {
				t.Fatalf("Validate(%+v) = nil", tc.cfg)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if _, err := Run(t.Context(), newLine(1), tc.cfg); err == nil {
				t.Errorf("Run accepted %+v", tc.cfg)
			}
		})
	}
	if err := (Config{}).Validate(); err != nil {
		t.Errorf("the zero Config is invalid: %v", err)
	}
}

// defaultsTask is a task with defaults of its own.
type defaultsTask struct {
	*line
	d Config
}

func (t defaultsTask) Defaults() Config { return t.d }

// Zero fields take the task's defaults, then the package's; set fields
// are kept.
func TestConfigDefaults(t *testing.T) {
	task := Config{Steps: 300, Batch: 8, LR: 5e-4, Optimizer: Adam, NoClip: true, Seed: 9, EvalEvery: 50, PlateauDecay: 0.5}
	tests := []struct {
		name      string
		cfg, task Config
		want      Config
	}{
		{"package defaults", Config{}, Config{},
			Config{Steps: 1000, Batch: 16, LR: 1e-3, Optimizer: AdamW, WeightDecay: 0.01, Clip: 1}},
		{"task defaults", Config{}, task,
			Config{Steps: 300, Batch: 8, LR: 5e-4, Optimizer: Adam, NoClip: true, Seed: 9, EvalEvery: 50, PlateauDecay: 0.5}},
		{"set fields win", Config{Epochs: 2, Batch: 4, LR: 1e-2, Optimizer: AdamW, Clip: 3, Seed: 1, EvalEvery: 7}, task,
			Config{Epochs: 2, Batch: 4, LR: 1e-2, Optimizer: AdamW, WeightDecay: 0.01, Clip: 3, Seed: 1, EvalEvery: 7, PlateauDecay: 0.5}},
		{"Adam has no decay by default", Config{Optimizer: Adam}, Config{}, Config{Steps: 1000, Batch: 16, LR: 1e-3, Optimizer: Adam, Clip: 1}},
		{"the task's decay goes with its optimizer", Config{}, Config{Optimizer: AdamW, WeightDecay: 0.1},
			Config{Steps: 1000, Batch: 16, LR: 1e-3, Optimizer: AdamW, WeightDecay: 0.1, Clip: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.cfg.withDefaults(tc.task)
			if got != tc.want {
				t.Errorf("withDefaults\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
	// Run applies them: 300 steps of the task's, evaluated every 50.
	h, err := Run(t.Context(), defaultsTask{newLine(1), Config{Steps: 30, EvalEvery: 10, Schedule: nn.Constant(0.01)}}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if got := h.StepsOf("val loss"); len(h.Values("loss")) != 30 || len(got) != 3 || got[0] != 10 {
		t.Errorf("%d steps, evaluations at %v; want 30 steps, evaluations at 10, 20, 30", len(h.Values("loss")), got)
	}
}

// A task's defaults are validated too.
func TestBadTaskDefaults(t *testing.T) {
	_, err := Run(t.Context(), defaultsTask{newLine(1), Config{LR: -1}}, Config{})
	if err == nil || !strings.Contains(err.Error(), "LR") || !strings.Contains(err.Error(), "default of the task") {
		t.Errorf("Run with a task default LR −1: %v", err)
	}
}

// badSchedule gives a NaN learning rate from step 2 on.
type badSchedule struct{}

func (badSchedule) LR(step int) float64 {
	if step >= 2 {
		return math.NaN()
	}
	return 0.01
}

// A schedule without a Validate method is checked at every step: its NaN
// rate used to reach the optimizer and turn every weight into NaN.
func TestScheduleRateChecked(t *testing.T) {
	l := newLine(1)
	_, err := Run(t.Context(), l, Config{Steps: 5, Schedule: badSchedule{}})
	if err == nil || !strings.Contains(err.Error(), "step 2 is NaN") {
		t.Fatalf("Run with a NaN rate at step 2: %v", err)
	}
	if w := l.w.Data[0]; math.IsNaN(float64(w)) {
		t.Errorf("weight %g after the bad rate", w)
	}
}
