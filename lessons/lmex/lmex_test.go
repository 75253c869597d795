package lmex

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/lm"
	"github.com/lingo-nlp/lingo/nlp/ngram"
)

// forward is a right answer to the window exercise; tanh and softmax
// switch on typical mistakes.
func forward(tanh, softmax bool) func(m *lm.FixedWindow, window []int) []float32 {
	return func(m *lm.FixedWindow, window []int) []float32 {
		d, H, V := m.Cfg.Dim, m.Cfg.Hidden, m.Vocab().Len()
		var x []float64
		for _, id := range window {
			for k := range d {
				x = append(x, float64(m.Emb.W.At(id, k)))
			}
		}
		h := make([]float64, H)
		for j := range H {
			s := float64(m.Hidden.B.At(j))
			for i := range x {
				s += x[i] * float64(m.Hidden.W.At(i, j))
			}
			if tanh {
				s = math.Tanh(s)
			}
			h[j] = s
		}
		y := make([]float32, V)
		var z float64
		for o := range V {
			s := float64(m.Out.B.At(o))
			for j := range H {
				s += h[j] * float64(m.Out.W.At(j, o))
			}
			y[o] = float32(s)
			z += math.Exp(s)
		}
		if softmax {
			for o := range y {
				y[o] = float32(math.Exp(float64(y[o])) / z)
			}
		}
		return y
	}
}

func rnnStep(tanh bool) func(x, h []float64, Wx, Wh [][]float64, b []float64) []float64 {
	return func(x, h []float64, Wx, Wh [][]float64, b []float64) []float64 {
		out := make([]float64, len(b))
		for j := range out {
			s := b[j]
			for i := range x {
				s += x[i] * Wx[i][j]
			}
			for k := range h {
				s += h[k] * Wh[k][j]
			}
			if tanh {
				s = math.Tanh(s)
			}
			out[j] = s
		}
		return out
	}
}

func attend(scale, mask bool) func(q, k [][]float64) [][]float64 {
	return func(q, k [][]float64) [][]float64 {
		T, d := len(q), len(q[0])
		out := make([][]float64, T)
		for i := range T {
			out[i] = make([]float64, T)
			last := T - 1
			if mask {
				last = i
			}
			var z float64
			for j := 0; j <= last; j++ {
				var s float64
				for c := range d {
					s += q[i][c] * k[j][c]
				}
				if scale {
					s /= math.Sqrt(float64(d))
				}
				out[i][j] = math.Exp(s)
				z += out[i][j]
			}
			for j := range out[i] {
				out[i][j] /= z
			}
		}
		return out
	}
}

func topP(includeLast bool) func(p []float64, top float64) []float64 {
	return func(p []float64, top float64) []float64 {
		ids := make([]int, len(p))
		for i := range ids {
			ids[i] = i
		}
		slices.SortFunc(ids, func(a, b int) int {
			if p[a] > p[b] {
				return -1
			} else if p[a] < p[b] {
				return 1
			}
			return 0
		})
		out := make([]float64, len(p))
		var cum float64
		for _, id := range ids {
			if !includeLast && cum+p[id] >= top {
				break
			}
			out[id] = p[id]
			cum += p[id]
			if cum >= top {
				break
			}
		}
		for i := range out {
			out[i] /= cum
		}
		return out
	}
}

// topPOneMore keeps the token after the nucleus too (tests the sum before
// adding instead of after).
func topPOneMore(p []float64, top float64) []float64 {
	ids := make([]int, len(p))
	for i := range ids {
		ids[i] = i
	}
	slices.SortStableFunc(ids, func(a, b int) int {
		if p[a] > p[b] {
			return -1
		} else if p[a] < p[b] {
			return 1
		}
		return 0
	})
	out := make([]float64, len(p))
	var cum float64
	for _, id := range ids {
		if cum > top {
			break
		}
		out[id] = p[id]
		cum += p[id]
	}
	for i := range out {
		out[i] /= cum
	}
	return out
}

func TestCheckers(t *testing.T) {
	tests := []struct {
		name    string
		ok      bool
		message string // a piece of the expected message
		run     func() (bool, string)
	}{
		{"window right", true, "equal", wrap(CheckWindowForward(forward(true, false)))},
		{"window no tanh", false, "without the tanh", wrap(CheckWindowForward(forward(false, false)))},
		{"window softmax", false, "probabilities", wrap(CheckWindowForward(forward(true, true)))},
		{"window nil", false, "no function", wrap(CheckWindowForward(nil))},
		{"window panics", false, "panicked", wrap(CheckWindowForward(func(m *lm.FixedWindow, w []int) []float32 { return []float32{float32(w[10])} }))},
		{"rnn right", true, "equal", wrap(CheckRNNStep(rnnStep(true)))},
		{"rnn no tanh", false, "pre-activation", wrap(CheckRNNStep(rnnStep(false)))},
		{"attention right", true, "equal", wrap(CheckCausalAttention(attend(true, true)))},
		{"attention no mask", false, "future", wrap(CheckCausalAttention(attend(true, false)))},
		{"attention no scale", false, "row 1", wrap(CheckCausalAttention(attend(false, true)))},
		{"top-p right", true, "agrees", wrap(CheckTopP(topP(true)))},
		{"top-p drops the crossing token", false, "makes the running sum reach topP", wrap(CheckTopP(topP(false)))},
		{"top-p keeps one too many", false, "one past the nucleus", wrap(CheckTopP(topPOneMore))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ok, msg := tc.run()
			if ok != tc.ok || !strings.Contains(msg, tc.message) {
				t.Errorf("ok=%v %q; want ok=%v containing %q", ok, msg, tc.ok, tc.message)
			}
		})
	}
}

func wrap(f interface {
	String() string
}) func() (bool, string) {
	s := f.String()
	return func() (bool, string) { return strings.HasPrefix(s, "✓"), s }
}

func TestCheckContextWindow(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func(ids []int, block int) []int
		ok   bool
		want string
	}{
		{"right", func(ids []int, block int) []int { return ids[max(0, len(ids)-block):] }, true, "same distribution"},
		{"first", func(ids []int, block int) []int { return ids[:min(block, len(ids))] }, false, "first block tokens"},
		{"off by one", func(ids []int, block int) []int { return ids[max(0, len(ids)-block+1):] }, false, "off by one"},
		{"everything", func(ids []int, block int) []int { return ids }, false, "no position embedding"},
		{"panics", func(ids []int, block int) []int { return ids[len(ids)-block:] }, false, "panicked"},
		{"nil", nil, false, "no function"},
	} {
		f := CheckContextWindow(tc.f)
		if f.OK != tc.ok || !strings.Contains(f.Message, tc.want) {
			t.Errorf("%s: OK %v, %q; want OK %v and %q", tc.name, f.OK, f.Message, tc.ok, tc.want)
		}
	}
}

// The n-gram baseline on its own training text: a low perplexity, and a
// parameter count that is the number of stored n-grams.
func TestNGram(t *testing.T) {
	text := "the cat sat on the mat.\nthe dog ate the bone.\n"
	v := lm.NewVocab(text, lm.Chars, 1)
	ids := v.Encode(text)
	ng, ppl, err := NGram(v, ids, ids, ngram.Config{Order: 3})
	if err != nil || !(ppl > 1 && ppl < 5) {
		t.Fatalf("3-gram on its own training text: ppl %v, %v", ppl, err)
	}
	if n := NGramParams(ng); n != ng.NumNGrams(1)+ng.NumNGrams(2)+ng.NumNGrams(3) {
		t.Errorf("NGramParams = %d", n)
	}
}

func TestCheckWindowParams(t *testing.T) {
	right := func(V, d, n, H int) int { return (V+1)*d + n*d*H + H + H*V + V }
	for _, tc := range []struct {
		name string
		f    func(V, d, n, H int) int
		ok   bool
		want string
	}{
		{"right", right, true, "only the n·d·H"},
		{"no padding", func(V, d, n, H int) int { return right(V, d, n, H) - d }, false, "padding row"},
		{"no biases", func(V, d, n, H int) int { return right(V, d, n, H) - H - V }, false, "bias"},
		{"n not n·d", func(V, d, n, H int) int { return right(V, d, n, H) - n*d*H + n*H }, false, "n·d numbers"},
		{"panics", func(V, d, n, H int) int { return []int{}[V] }, false, "panicked"},
		{"nil", nil, false, "no function"},
	} {
		f := CheckWindowParams(tc.f)
		if f.OK != tc.ok || !strings.Contains(f.Message, tc.want) {
			t.Errorf("%s: OK %v, %q; want OK %v and %q", tc.name, f.OK, f.Message, tc.ok, tc.want)
		}
	}
}
