package seq2seqex

import (
	"math"
	"strings"
	"testing"
)

// viterbi is a right answer.
func viterbi(options [][]string, logTM [][]float64, logLM func(prev, w string) float64) []int {
	n := len(options)
	best := make([][]float64, n)
	back := make([][]int, n)
	for i := range n {
		best[i] = make([]float64, len(options[i]))
		back[i] = make([]int, len(options[i]))
		for k, w := range options[i] {
			if i == 0 {
				best[i][k] = logTM[i][k] + logLM("<s>", w)
				continue
			}
			best[i][k] = math.Inf(-1)
			for j, p := range options[i-1] {
				if s := best[i-1][j] + logLM(p, w) + logTM[i][k]; s > best[i][k] {
					best[i][k], back[i][k] = s, j
				}
			}
		}
	}
	k, bs := 0, math.Inf(-1)
	for j, w := range options[n-1] {
		if s := best[n-1][j] + logLM(w, "</s>"); s > bs {
			k, bs = j, s
		}
	}
	out := make([]int, n)
	for i := n - 1; i >= 0; i-- {
		out[i] = k
		k = back[i][k]
	}
	return out
}

func TestCheckMonotoneDecoder(t *testing.T) {
	// greedy picks, word by word, the option best given the previous word.
	greedy := func(options [][]string, logTM [][]float64, logLM func(prev, w string) float64) []int {
		var out []int
		prev := "<s>"
		for i := range options {
			bk := 0
			for k, w := range options[i] {
				if logTM[i][k]+logLM(prev, w) > logTM[i][bk]+logLM(prev, options[i][bk]) {
					bk = k
				}
			}
			out = append(out, bk)
			prev = options[i][bk]
		}
		return out
	}
	tmOnly := func(o [][]string, tm [][]float64, _ func(string, string) float64) []int {
		return channelCase{options: o, logTM: tm}.tmOnly()
	}
	for _, tc := range []struct {
		name string
		f    func([][]string, [][]float64, func(string, string) float64) []int
		ok   bool
		want string
	}{
		{"viterbi", viterbi, true, "best-scoring"},
		{"greedy", greedy, false, "greedy"},
		{"TM only", tmOnly, false, "language model is missing"},
		{"short", func(o [][]string, _ [][]float64, _ func(string, string) float64) []int { return nil }, false, "returned 0 choices"},
		{"out of range", func(o [][]string, _ [][]float64, _ func(string, string) float64) []int {
			out := make([]int, len(o))
			out[0] = 7
			return out
		}, false, "not an option index"},
		{"panics", func(o [][]string, _ [][]float64, _ func(string, string) float64) []int { return []int{len(o[9])} }, false, "panicked"},
		{"nil", nil, false, "no function"},
	} {
		f := CheckMonotoneDecoder(tc.f)
		if f.OK != tc.ok || !strings.Contains(f.Message, tc.want) {
			t.Errorf("%s: OK %v, %q; want OK %v and %q", tc.name, f.OK, f.Message, tc.ok, tc.want)
		}
	}
}
