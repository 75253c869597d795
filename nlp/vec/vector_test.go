package vec

import (
	"math"
	"strings"
	"testing"
)

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }

func TestVectorMath(t *testing.T) {
	// Expected values worked out by hand.
	for _, tc := range []struct {
		name     string
		u, v     []float32
		dot, cos float64
	}{
		{"orthogonal one-hots", OneHot(0, 3), OneHot(2, 3), 0, 0},
		{"same one-hot", OneHot(1, 3), OneHot(1, 3), 1, 1},
		{"3-4-5", []float32{3, 4}, []float32{4, 3}, 24, 24.0 / 25},
		{"opposite", []float32{1, 2, 3, 4, 5}, []float32{-1, -2, -3, -4, -5}, -55, -1},
		{"zero", []float32{0, 0}, []float32{1, 1}, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Dot(tc.u, tc.v); math.Abs(got-tc.dot) > 1e-9 {
				t.Errorf("Dot = %v, want %v", got, tc.dot)
			}
			if got := Cosine(tc.u, tc.v); math.Abs(got-tc.cos) > 1e-9 {
				t.Errorf("Cosine = %v, want %v", got, tc.cos)
			}
		})
	}
	if n := Norm(Unit([]float32{3, 4})); math.Abs(n-1) > 1e-7 {
		t.Errorf("‖Unit‖ = %v", n)
	}
}

func TestOneHotEncoding(t *testing.T) {
	e := NewOneHot(strings.Fields("the cat sat on the mat"))
	if len(e.Words) != 5 {
		t.Fatalf("vocabulary %v, want 5 distinct words", e.Words)
	}
	v, err := e.Encode("sat")
	if err != nil || len(v) != 5 || v[2] != 1 {
		t.Errorf("Encode(sat) = %v, %v", v, err)
	}
	if _, err := e.Encode("dog"); err == nil {
		t.Error("no error for an unknown word")
	}
}

func TestKeyedVectorsErrors(t *testing.T) {
	if _, err := New(0); err == nil {
		t.Error("New(0): no error")
	}
	kv, _ := New(2)
	if err := kv.Add("a", []float32{1}); err == nil {
		t.Error("Add with the wrong length: no error")
	}
	_ = kv.Add("a", []float32{1, 0})
	if err := kv.Add("a", []float32{0, 1}); err == nil {
		t.Error("duplicate Add: no error")
	}
	if _, err := kv.MostSimilar([]string{"b"}, nil, 3); err == nil {
		t.Error("MostSimilar of an unknown word: no error")
	}
	if _, err := kv.MostSimilar(nil, nil, 3); err == nil {
		t.Error("MostSimilar of nothing: no error")
	}
	if _, err := kv.DoesntMatch([]string{"x"}); err == nil {
		t.Error("DoesntMatch of unknown words: no error")
	}
	if _, err := FromMatrix([]string{"a"}, []float32{1}, 2); err == nil {
		t.Error("FromMatrix with a short matrix: no error")
	}
}
