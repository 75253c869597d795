package parallelex

import (
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/lessons"
)

func expect(t *testing.T, name string, f *lessons.Feedback, ok bool, want string) {
	t.Helper()
	if f.OK != ok || !strings.Contains(f.Message, want) {
		t.Errorf("%s: OK = %v, message %q; want OK = %v and a message containing %q", name, f.OK, f.Message, ok, want)
	}
}

func matmul(a, b [][]float64) [][]float64 {
	out := make([][]float64, len(a))
	for i := range a {
		out[i] = make([]float64, len(b[0]))
		for k := range b {
			for j := range b[0] {
				out[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return out
}

func apply(m [][]float64, f func(float64) float64) [][]float64 {
	for _, r := range m {
		for j := range r {
			r[j] = f(r[j])
		}
	}
	return m
}

func TestCheckTensorWorker(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func(x, a, b [][]float64) [][]float64
		ok   bool
		want string
	}{
		{"right", func(x, a, b [][]float64) [][]float64 { return matmul(apply(matmul(x, a), GeLU), b) }, true, "add up"},
		{"no GeLU", func(x, a, b [][]float64) [][]float64 { return matmul(matmul(x, a), b) }, false, "GeLU is missing"},
		{"GeLU after", func(x, a, b [][]float64) [][]float64 { return apply(matmul(matmul(x, a), b), GeLU) }, false, "between the two products"},
		{"hidden only", func(x, a, b [][]float64) [][]float64 { return apply(matmul(x, a), GeLU) }, false, "expected"},
		{"panics", func(x, a, b [][]float64) [][]float64 { return [][]float64{x[9]} }, false, "panicked"},
		{"nil", nil, false, "no function"},
	} {
		expect(t, tc.name, CheckTensorWorker(tc.f), tc.ok, tc.want)
	}
}

func TestCheckGPipe(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func(s, j, S, M int) (int, int)
		ok   bool
		want string
	}{
		{"right", func(s, j, S, M int) (int, int) { return s + j, S - 1 + M + 2*(S-1-s) + 2*j }, true, "bubble"},
		{"no fill", func(s, j, S, M int) (int, int) { return j, S - 1 + M + 2*(S-1-s) + 2*j }, false, "the fill"},
		{"no drain", func(s, j, S, M int) (int, int) { return s + j, S - 1 + M + 2*j }, false, "after it"},
		{"panics", func(s, j, S, M int) (int, int) { return []int{}[s], 0 }, false, "panicked"},
		{"nil", nil, false, "no function"},
	} {
		expect(t, tc.name, CheckGPipe(tc.f), tc.ok, tc.want)
	}
}
