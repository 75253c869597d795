package llm

import (
	"strings"
	"testing"
)

// A TrainLog charts each metric in a panel of its own (a reward, a KL and
// an accuracy have different units), the members of an ensemble together,
// against the step each value was recorded at, accuracies in percent.
func TestTrainLogChart(t *testing.T) {
	l := newTrainLog("run", "PPO round")
	for step := 1; step <= 4; step++ {
		l.at(step)
		l.add("reward", float64(step))
		l.add("KL", 0.1*float64(step))
		if step%2 == 0 {
			l.add("validation accuracy, member 1", 0.6)
			l.add("validation accuracy, member 2", 0.7)
		}
	}
	p := l.Chart()
	if len(p.Charts) != 3 {
		t.Fatalf("%d panels, want 3 (reward, KL, validation accuracy)", len(p.Charts))
	}
	acc := p.Charts[2]
	if acc.YLabel != "validation accuracy" || len(acc.Series) != 2 || !acc.Percent {
		t.Errorf("accuracy panel: %q, %d series, percent %v", acc.YLabel, len(acc.Series), acc.Percent)
	}
	if x := acc.Series[0].X; len(x) != 2 || x[0] != 2 || x[1] != 4 {
		t.Errorf("accuracy x = %v, want the steps [2 4]", x)
	}
	if p.Charts[0].XLabel != "PPO round" {
		t.Errorf("x label %q, want the log's unit", p.Charts[0].XLabel)
	}
	if s := l.String(); !strings.HasPrefix(s, "run: 4 PPO rounds") {
		t.Errorf("String() = %q", s)
	}
	if b := l.Render(); b["image/svg+xml"] == "" || b["image/png"] == "" {
		t.Error("Render gives no SVG and PNG")
	}
}
