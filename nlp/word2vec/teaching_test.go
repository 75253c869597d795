package word2vec

import (
	"math"
	"strings"
	"testing"
)

// The lecture's toy corpus.
var toy = [][]string{
	strings.Fields("i like deep learning"),
	strings.Fields("i like nlp"),
	strings.Fields("i enjoy flying"),
}

func TestCountCooccurrence(t *testing.T) {
	c, err := CountCooccurrence(toy, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Counts by hand from the three sentences, window 1 (the classic
	// Stanford CS224N example).
	for _, tc := range []struct {
		a, b string
		want float64
	}{
		{"i", "like", 2}, {"like", "i", 2}, {"i", "enjoy", 1}, {"like", "deep", 1},
		{"like", "nlp", 1}, {"deep", "learning", 1}, {"enjoy", "flying", 1},
		{"i", "deep", 0}, {"i", "i", 0}, {"unknown", "i", 0},
	} {
		if got := c.Count(tc.a, tc.b); got != tc.want {
			t.Errorf("X[%s][%s] = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	if len(c.Words) != 7 || c.Words[0] != "i" || c.Words[1] != "like" {
		t.Errorf("vocabulary %v, want 7 words, i and like first", c.Words)
	}
	if !strings.Contains(c.Render()["text/html"], "<table") || !strings.Contains(c.String(), "learning") {
		t.Error("render lacks the table")
	}
	if _, err := CountCooccurrence(toy, 0, 0); err == nil {
		t.Error("window 0: no error")
	}
	if _, err := CountCooccurrence(nil, 1, 0); err == nil {
		t.Error("empty corpus: no error")
	}
}

func TestSVDEmbedding(t *testing.T) {
	c, _ := CountCooccurrence(toy, 1, 0)
	full, err := c.SVDEmbedding(len(c.Words), false)
	if err != nil {
		t.Fatal(err)
	}
	// With all components, U Σ Vᵀ = X, so ‖U Σ row‖ = ‖X row‖ (V orthogonal).
	for i, w := range c.Words {
		var want float64
		for j := range c.Words {
			want += c.X.At(i, j) * c.X.At(i, j)
		}
		v, _ := full.Vector(w)
		var got float64
		for _, x := range v {
			got += float64(x) * float64(x)
		}
		if math.Abs(math.Sqrt(got)-math.Sqrt(want)) > 1e-4 {
			t.Errorf("‖%s‖ = %v, want %v", w, math.Sqrt(got), math.Sqrt(want))
		}
	}
	three, err := c.SVDEmbedding(3, true)
	if err != nil || three.Dim != 3 || three.Len() != 7 {
		t.Fatalf("3-d embedding: %v, %v", three, err)
	}
	// "deep" and "nlp" share the context "like": closer than "deep" and "flying".
	a, _ := three.Similarity("deep", "nlp")
	b, _ := three.Similarity("deep", "flying")
	if !(a > b) {
		t.Errorf("sim(deep,nlp) = %v not above sim(deep,flying) = %v", a, b)
	}
	if _, err := c.SVDEmbedding(0, false); err == nil {
		t.Error("k = 0: no error")
	}
}

func TestKWIC(t *testing.T) {
	corpus := [][]string{
		strings.Fields("government debt problems turning into banking crises as happened in 2009"),
		strings.Fields("saying that europe needs unified banking regulation to replace the hodgepodge"),
		strings.Fields("india has just given its banking system a shot in the arm"),
	}
	c := KWIC(corpus, "banking", 3, 2)
	if c.Total != 3 || len(c.Lines) != 2 {
		t.Fatalf("%d lines of %d occurrences, want 2 of 3", len(c.Lines), c.Total)
	}
	if got := strings.Join(c.Lines[0].Left, " ") + "|" + strings.Join(c.Lines[0].Right, " "); got != "problems turning into|crises as happened" {
		t.Errorf("first line %q", got)
	}
	text := c.String()
	if !strings.Contains(text, "problems turning into  banking  crises as happened") || !strings.Contains(text, "2 of 3") {
		t.Errorf("text view:\n%s", text)
	}
	if h := c.Render()["text/html"]; !strings.Contains(h, "<b>banking</b>") {
		t.Errorf("HTML view lacks the keyword: %s", h)
	}
}
