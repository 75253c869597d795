package lessons_test

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/lessons/llmex"
	"github.com/lingo-nlp/lingo/lessons/lmex"
	"github.com/lingo-nlp/lingo/lessons/parallelex"
	"github.com/lingo-nlp/lingo/lessons/seq2seqex"
	"github.com/lingo-nlp/lingo/lessons/vecex"
	"github.com/lingo-nlp/lingo/lessons/word2vecex"
	"github.com/lingo-nlp/lingo/nlp/instruct"
	"github.com/lingo-nlp/lingo/nlp/lm"
)

// englishRun is three English words in a row outside code: prose that was
// not translated.
var englishRun = regexp.MustCompile(`(^|[\s，。：；（])[a-z]{3,} [a-z]{2,} [a-z]{3,}([\s，。：；）]|$)`)

var quoted = regexp.MustCompile(`"[^"]*"`)

// TestCheckersSpeakChinese runs the checkers, with the skeleton answers of
// the notebooks and with typical wrong answers, after SetLanguage("zh"):
// every exercise name and message must be Chinese, and no name, message
// or hint may keep a run of English prose (formulas and quoted data may
// stay as they are).
func TestCheckersSpeakChinese(t *testing.T) {
	if err := lessons.SetLanguage("zh"); err != nil {
		t.Fatal(err)
	}
	defer lessons.SetLanguage("en")
	zero2 := func([]float64, float64) []float64 { return nil }
	fbs := map[string]*lessons.Feedback{
		"cosine 0": vecex.CheckCosine(func(u, v []float32) float64 { return 0 }),
		"cosine dot": vecex.CheckCosine(func(u, v []float32) float64 {
			s := 0.0
			for i := range u {
				s += float64(u[i] * v[i])
			}
			return s
		}),
		"softmax":       vecex.CheckSoftmax(func(vc []float64, U [][]float64) []float64 { return make([]float64, len(U)) }),
		"grad":          vecex.CheckGradVc(func(vc []float64, U [][]float64, o int) []float64 { return make([]float64, len(vc)) }),
		"neg sampling":  word2vecex.CheckNegSamplingLoss(func(vc []float64, U [][]float64, o int, negs []int) float64 { return 0 }),
		"noise":         word2vecex.CheckNoiseDistribution(func(c []int64) []float64 { return make([]float64, len(c)) }),
		"keep":          word2vecex.CheckKeepProbability(func(c, n int64, s float64) float64 { return 1 }),
		"bradley-terry": llmex.CheckBradleyTerry(func(a, b float64) float64 { return 0 }),
		"dpo":           llmex.CheckDPO(func(a, b, c, d, e float64) float64 { return 0 }),
		"gae":           llmex.CheckGAE(func(r, v []float64, g, l float64) []float64 { return make([]float64, len(r)) }),
		"mask inverted": llmex.CheckResponseMask(func(p, r int) []bool {
			m := make([]bool, p+r)
			for i := range p {
				m[i] = true
			}
			return m
		}),
		"attention":      lmex.CheckCausalAttention(func(q, k [][]float64) [][]float64 { return nil }),
		"top-p":          lmex.CheckTopP(zero2),
		"rnn":            lmex.CheckRNNStep(func(x, h []float64, Wx, Wh [][]float64, b []float64) []float64 { return make([]float64, len(b)) }),
		"window":         lmex.CheckWindowForward(func(m *lm.FixedWindow, w []int) []float32 { return nil }),
		"precision":      seq2seqex.CheckClippedPrecision(func(h, r []string, n int) (int, int) { return 0, 0 }),
		"brevity":        seq2seqex.CheckBrevityPenalty(func(c, r int) float64 { return 0.5 }),
		"masked softmax": seq2seqex.CheckMaskedSoftmax(func(s []float64, p []bool) []float64 { return make([]float64, len(s)) }),
		"length penalty": seq2seqex.CheckLengthPenalty(func(l float64, n int, a float64) float64 { return l }),
		"window params":  lmex.CheckWindowParams(func(V, d, n, H int) int { return 0 }),
		"context first":  lmex.CheckContextWindow(func(ids []int, block int) []int { return ids[:min(block, len(ids))] }),
		"chat last turn": llmex.CheckChatPrompt(func(turns []instruct.Message) string { return turns[len(turns)-1].Content }),
		"answer whole":   llmex.CheckAnswer(func(r string) string { return r }),
		"epochs 0":       llmex.CheckEpochs(func(w, tok []float64, n float64) []float64 { return make([]float64, len(w)) }),
		"mean pool nil":  llmex.CheckMeanPool(func(lens []int, T int) [][]float64 { return nil }),
		"gpipe no fill":  parallelex.CheckGPipe(func(s, j, S, M int) (int, int) { return j, S - 1 + M + 2*j }),
		"tensor nil":     parallelex.CheckTensorWorker(func(x, aP, bP [][]float64) [][]float64 { return nil }),
		"decoder zeros": seq2seqex.CheckMonotoneDecoder(func(o [][]string, tm [][]float64, lm func(p, w string) float64) []int {
			return make([]int, len(o))
		}),
		"panicking answer": vecex.CheckCosine(func(u, v []float32) float64 { return float64(u[99]) }),
		// the specific diagnoses of typical wrong answers
		"rnn without tanh": lmex.CheckRNNStep(func(x, h []float64, Wx, Wh [][]float64, b []float64) []float64 {
			out := slices.Clone(b)
			for j := range out {
				for i := range x {
					out[j] += x[i] * Wx[i][j]
				}
				for i := range h {
					out[j] += h[i] * Wh[i][j]
				}
			}
			return out
		}),
		"top-p drops the crossing token": lmex.CheckTopP(func(p []float64, top float64) []float64 { return nucleus(p, top, -1) }),
		"top-p keeps one more":           lmex.CheckTopP(func(p []float64, top float64) []float64 { return nucleus(p, top, +1) }),
		"brevity swapped":                seq2seqex.CheckBrevityPenalty(func(c, r int) float64 { return bp(r, c) }),
		"brevity upside down":            seq2seqex.CheckBrevityPenalty(func(c, r int) float64 { return upsideDown(c, r) }),
	}
	isHan := func(r rune) bool { return unicode.Is(unicode.Han, r) }
	for name, fb := range fbs {
		for i, s := range append([]string{fb.Exercise, fb.Message}, fb.Hints...) {
			// data is shown as it is: quoted sentences, and what a panic said
			s = quoted.ReplaceAllString(s, `""`)
			if j := strings.Index(s, "panic："); j >= 0 {
				s = s[:j]
			}
			if i < 2 && !strings.ContainsFunc(s, isHan) || englishRun.MatchString(s) {
				t.Errorf("%s: not translated: %q\n%s", name, s, fb)
			}
		}
		if !strings.Contains(fb.Render()["text/html"], "提示") && len(fb.Hints) > 0 && !strings.Contains(fb.String(), "提示") {
			t.Errorf("%s: the hints are not labelled in Chinese:\n%s", name, fb)
		}
	}
	t.Log(fbs["cosine dot"])
	// The diagnoses themselves reach the student in Chinese.
	for k, want := range map[string]string{"rnn without tanh": "激活前的值", "top-p drops the crossing token": "你漏掉了词元 3",
		"top-p keeps one more": "你还保留了词元 0", "brevity swapped": "c 和 r 弄反了", "brevity upside down": "比值颠倒了"} {
		if !strings.Contains(fbs[k].Message, want) {
			t.Errorf("%s: the diagnosis %q is missing: %s", k, want, fbs[k].Message)
		}
	}
}

// nucleus is a top-p filter off by one token: shift −1 leaves out the token
// whose probability makes the running sum reach top, +1 keeps one more.
func nucleus(p []float64, top float64, shift int) []float64 {
	ids := make([]int, len(p))
	for i := range ids {
		ids[i] = i
	}
	sort.SliceStable(ids, func(a, b int) bool { return p[ids[a]] > p[ids[b]] })
	n, sum := 0, 0.0
	for n < len(ids) && sum < top {
		sum += p[ids[n]]
		n++
	}
	n = min(max(n+shift, 1), len(ids))
	out, z := make([]float64, len(p)), 0.0
	for _, id := range ids[:n] {
		out[id] = p[id]
		z += p[id]
	}
	for i := range out {
		out[i] /= z
	}
	return out
}

// bp is the brevity penalty of a c-word hypothesis against an r-word
// reference; upsideDown has its ratio the wrong way up.
func bp(c, r int) float64 {
	if c > r {
		return 1
	}
	return math.Exp(1 - float64(r)/float64(c))
}

func upsideDown(c, r int) float64 {
	if c > r {
		return 1
	}
	return math.Exp(1 - float64(c)/float64(r))
}
