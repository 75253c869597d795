package parallel

import (
	"math"
	"strings"
	"testing"
)

func TestLayout(t *testing.T) {
	l := BLOOMLayout
	if err := l.Check(); err != nil {
		t.Fatal(err)
	}
	if l.GPUs() != 384 { // 48 nodes × 8 A100s (BigScience 2022)
		t.Errorf("BLOOM: %d GPUs, want 384", l.GPUs())
	}
	seen := map[int]bool{}
	for d := range l.Data {
		for p := range l.Pipeline {
			for tp := range l.Tensor {
				r := l.Rank(d, p, tp)
				if seen[r] {
					t.Fatalf("rank %d twice", r)
				}
				seen[r] = true
				if d2, p2, t2 := l.Coords(r); d2 != d || p2 != p || t2 != tp {
					t.Fatalf("Coords(Rank(%d,%d,%d)) = %d,%d,%d", d, p, tp, d2, p2, t2)
				}
				// A tensor group never crosses a node.
				if r/8 != l.Rank(d, p, 0)/8 {
					t.Fatalf("tensor group of replica %d stage %d crosses nodes", d, p)
				}
			}
		}
	}
	// 16 bytes per parameter over the 48 GPUs of one copy: 176e9·16/48 = 58.67e9;
	// ZeRO-1 over 8 replicas: (4 + 12/8)·176e9/48 = 20.17e9.
	if got := l.ModelStateBytes(176e9, false); math.Abs(got-58.667e9) > 0.01e9 {
		t.Errorf("model states without ZeRO: %.4g bytes", got)
	}
	if got := l.ModelStateBytes(176e9, true); math.Abs(got-20.167e9) > 0.01e9 {
		t.Errorf("model states with ZeRO-1: %.4g bytes", got)
	}
	s := l.Table(2).String()
	// Node 0 holds stage 0 of replicas 0 and 1, as two tensor groups.
	for _, want := range []string{"0–7", "0, 1", "{0–3} {4–7}"} {
		if !strings.Contains(s, want) {
			t.Errorf("table lacks %q:\n%s", want, s)
		}
	}
	if err := (Layout{Data: 1, Tensor: 3, Pipeline: 1}).Check(); err == nil {
		t.Error("tensor group of 3 on 8-GPU nodes: no error")
	}
}
