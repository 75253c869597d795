package ngram

import (
	"math"
	"strings"
	"testing"
)

func sents(lines ...string) [][]string {
	out := make([][]string, len(lines))
	for i, l := range lines {
		out[i] = strings.Fields(l)
	}
	return out
}

// toy is the corpus of the hand-computed modified Kneser–Ney tests.
//
//	<s> a b a b </s>
//	<s> a b c </s>
//	<s> a c </s>
//	<s> b a b </s>
var toy = sents("a b a b", "a b c", "a c", "b a b")

// TestModifiedKneserNeyByHand checks a trigram modified-KN model with fixed
// discounts against probabilities computed by hand from the counts below.
//
// Trigram counts (top order, raw):  <s>ab 2, aba 1, bab 2, ab</s> 2, abc 1,
// bc</s> 1, <s>ac 1, ac</s> 1, <s>ba 1.
// Bigram adjusted counts: those starting with <s> keep raw counts (<s>a 3,
// <s>b 1); the others count distinct left neighbours N1+(• x y):
// ab 2 (<s>, b), ba 2 (a, <s>), b</s> 1, bc 1, c</s> 2 (b, a), ac 1.
// Unigram adjusted counts: a, b, c, </s> each 2 (two distinct left
// neighbours); Σ = 8. |V| = 5 (<unk>, </s>, a, b, c; <s> is not predicted).
//
// Discounts (D1, D2, D3+): unigrams (0.5, 1.0, 1.5), bigrams (0.6, 1.1, 1.7),
// trigrams (0.7, 1.2, 1.8).
//
// Unigrams: γ0 = D2·4/8 = 0.5, P1(x) = (2 − 1.0)/8 + 0.5/5 = 0.225 for
// x ∈ {a, b, c, </s>}, P1(<unk>) = 0.5/5 = 0.1.
func TestModifiedKneserNeyByHand(t *testing.T) {
	m, err := Train(toy, Config{Order: 3, Smoothing: ModifiedKneserNey,
		Discounts: [][3]float64{{0.5, 1.0, 1.5}, {0.6, 1.1, 1.7}, {0.7, 1.2, 1.8}}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		word, ctx string
		want      float64
	}{
		{"a", "", 0.225},
		{"zebra", "", 0.1}, // <unk>
		// Context "a": ab 2, ac 1 → a(a •) = 3, N1 = 1, N2 = 1, γ = (0.6 + 1.1)/3.
		// P2(c|a) = (1 − 0.6)/3 + (1.7/3)·0.225 = 0.7825/3.
		{"c", "a", 0.7825 / 3},
		// P2(b|a) = (2 − 1.1)/3 + (1.7/3)·0.225 = 0.4275.
		{"b", "a", 0.4275},
		// Context "<s>" keeps raw counts: <s>a 3, <s>b 1 → Σ 4, N1 = 1, N3+ = 1,
		// γ = (0.6 + 1.7)/4 = 0.575; P(a|<s>) = (3 − 1.7)/4 + 0.575·0.225 = 0.454375.
		{"a", "<s>", 0.454375},
		// Context "<s> a": <s>ab 2, <s>ac 1 → Σ 3, N1 = 1, N2 = 1, γ = 1.9/3.
		// P(c|<s> a) = (1 − 0.7)/3 + (1.9/3)·P2(c|a) = 0.1 + 1.9·0.7825/9.
		{"c", "<s> a", 0.1 + 1.9*0.7825/9},
		// P(b|<s> a) = (2 − 1.2)/3 + (1.9/3)·0.4275 = 1.61225/3.
		{"b", "<s> a", 1.61225 / 3},
		// Context "b" (bigram level): ba 2, b</s> 1, bc 1 → Σ 4, N1 = 2, N2 = 1,
		// γ = (2·0.6 + 1.1)/4 = 0.575; P2(a|b) = (2 − 1.1)/4 + 0.575·0.225 = 0.354375.
		// Context "<s> b": <s>ba 1 → γ = 0.7; P(a|<s> b) = 0.3 + 0.7·0.354375.
		{"a", "<s> b", 0.3 + 0.7*0.354375},
		// Unseen word after "a b": γ(a b) = (2·0.7 + 1.2)/4 = 0.65 (aba 1,
		// abc 1, ab</s> 2), γ(b) = 0.575, P1(<unk>) = 0.1.
		{"zebra", "a b", 0.65 * 0.575 * 0.1},
		// Unseen context "c c" backs off to "c": c</s> 2 → γ = 1.1/2,
		// P2(</s>|c) = (2 − 1.1)/2 + 0.55·0.225 = 0.57375.
		{"</s>", "c c", 0.57375},
		// The context is cut to the last n−1 = 2 words.
		{"b", "b b <s> a", 1.61225 / 3},
		{"<s>", "a", 0}, // <s> is never predicted
	}
	for _, tc := range tests {
		t.Run(tc.word+"|"+tc.ctx, func(t *testing.T) {
			got := m.Prob(tc.word, strings.Fields(tc.ctx))
			if math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("P(%s | %s) = %.15g, want %.15g", tc.word, tc.ctx, got, tc.want)
			}
		})
	}
	// Perplexity of "a c": P(a|<s>) = 0.454375, P(c|<s> a) as above,
	// P(</s>|a c) = 0.3 + 0.7·0.57375 (context "a c": ac</s> 1 → γ = 0.7).
	probs := []float64{0.454375, 0.1 + 1.9*0.7825/9, 0.3 + 0.7*0.57375}
	want := math.Pow(probs[0]*probs[1]*probs[2], -1.0/3)
	if got := m.Perplexity(sents("a c")); math.Abs(got-want) > 1e-12 {
		t.Errorf("perplexity = %.15g, want %.15g", got, want)
	}
}

// TestModifiedDiscountsByHand checks Chen & Goodman's discount estimates.
// A unigram model of one sentence with four words seen once, three twice,
// two three times and one four times, plus one </s>: n1 = 5, n2 = 3,
// n3 = 2, n4 = 1. Y = 5/(5 + 2·3) = 5/11;
// D1 = 1 − 2Y·3/5 = 5/11, D2 = 2 − 3Y·2/3 = 12/11, D3+ = 3 − 4Y·1/2 = 23/11.
// P(z) with c(z) = 4 and N = 21 tokens: (4 − 23/11)/21 + γ/|V| with
// γ = (5·D1 + 3·D2 + 3·D3+)/21 = 130/231 and |V| = 12.
func TestModifiedDiscountsByHand(t *testing.T) {
	s := sents("w1 w2 w3 w4 x1 x1 x2 x2 x3 x3 y1 y1 y1 y2 y2 y2 z z z z")
	m, err := Train(s, Config{Order: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, d := m.Discounts(1)
	want := [3]float64{5.0 / 11, 12.0 / 11, 23.0 / 11}
	for i := range d {
		if math.Abs(d[i]-want[i]) > 1e-15 {
			t.Errorf("D%d = %v, want %v", i+1, d[i], want[i])
		}
	}
	if got, want := m.Prob("z", nil), (4-23.0/11)/21+130.0/231/12; math.Abs(got-want) > 1e-15 {
		t.Errorf("P(z) = %v, want %v", got, want)
	}
	kn, _ := m.WithSmoothing(KneserNey)
	if d, _ := kn.Discounts(1); d != 5.0/11 {
		t.Errorf("KN D = %v, want Y = 5/11", d)
	}
}

// lecture is a small corpus for property tests.
var lecture = sents(
	"today the price of oil rose",
	"today the company said the price of gold fell",
	"the students opened their books",
	"the students opened their exams today",
	"the bank said the price of the shares rose today",
	"today the bank opened",
	"the company opened the books",
	"students read their books today",
	"the price rose and the price fell",
	"today the students said the exams were hard",
)

var allSmoothings = []Smoothing{ModifiedKneserNey, KneserNey, MLE, Laplace, Lidstone, StupidBackoff, WittenBell, AbsoluteDiscount}

// TestSumsToOne: every estimator but Stupid Backoff is a distribution over
// the vocabulary (without <s>) for seen, partly seen and unseen contexts.
func TestSumsToOne(t *testing.T) {
	contexts := [][]string{nil, {"<s>"}, {"today", "the"}, {"the", "price"}, {"price", "of"}, {"zebra", "the"}, {"the", "zebra"}, {"</s>", "</s>"}}
	for _, n := range []int{1, 2, 3, 4} {
		for _, s := range allSmoothings {
			if s == StupidBackoff {
				continue
			}
			for _, nltk := range []bool{false, true} {
				if nltk && s != Laplace && s != Lidstone && s != WittenBell {
					continue // NLTK's KN and discounting are not normalised
				}
				m, err := Train(lecture, Config{Order: n, Smoothing: s, NLTK: nltk})
				if err != nil {
					t.Fatal(err)
				}
				for _, ctx := range contexts {
					sum := 0.0
					for _, p := range m.Dist(ctx) {
						sum += p
					}
					if s == MLE && m.Prob("the", ctx) == 0 && sum == 0 {
						continue // MLE has no distribution after an unseen context
					}
					if math.Abs(sum-1) > 1e-12 {
						t.Errorf("n=%d %v nltk=%v: Σ P(• | %v) = %.15g", n, s, nltk, ctx, sum)
					}
				}
			}
		}
	}
}

// TestUnkPolicy: perplexity on unseen words is finite for every estimator
// but MLE, which reports +Inf and counts the zero-probability tokens.
func TestUnkPolicy(t *testing.T) {
	test := sents("the zebra opened their books", "today the price of gold rose")
	for _, s := range allSmoothings {
		m, err := Train(lecture, Config{Order: 3, Smoothing: s})
		if err != nil {
			t.Fatal(err)
		}
		e := m.Evaluate(test)
		if e.OOV != 1 || e.Tokens != 13 || e.Sentences != 2 {
			t.Errorf("%v: %+v", s, e)
		}
		if s == MLE {
			if !math.IsInf(e.Perplexity, 1) || e.Zero == 0 {
				t.Errorf("MLE: perplexity %v with %d zeros, want +Inf", e.Perplexity, e.Zero)
			}
			continue
		}
		if e.Zero != 0 || math.IsInf(e.Perplexity, 0) || !(e.Perplexity > 1) {
			t.Errorf("%v: perplexity %v, zeros %d", s, e.Perplexity, e.Zero)
		}
	}
	// With MinCount 2 the rare training words become <unk>, which then has counts.
	m, _ := Train(lecture, Config{Order: 3, Smoothing: MLE, MinCount: 2})
	if m.Count([]string{"<unk>"}) == 0 || m.Prob("zebra", nil) == 0 {
		t.Errorf("MinCount 2: <unk> count %d", m.Count([]string{"<unk>"}))
	}
}

func TestConfigErrors(t *testing.T) {
	for _, c := range []Config{
		{Order: -1}, {Order: 300}, {Smoothing: Lidstone, K: -1}, {Smoothing: Backoff},
		{Discount: 1.5}, {Alpha: 2}, {MinCount: -3}, {Order: 2, Discounts: [][3]float64{{1, 1, 1}}},
		{Order: 1, Discounts: [][3]float64{{2, 1, 1}}}, {Order: 1, Smoothing: KneserNey, NLTK: true},
	} {
		if _, err := Train(lecture, c); err == nil || !strings.HasPrefix(err.Error(), "ngram: ") {
			t.Errorf("%+v: err = %v", c, err)
		}
	}
}

// TestEvaluateMatchesProb: Evaluate's running state (probNext) gives the
// same numbers as scoring every token with Prob.
func TestEvaluateMatchesProb(t *testing.T) {
	test := append(sents("the zebra opened their books", "today the price of gold rose", "a <s> b", ""), lecture...)
	for _, n := range []int{1, 2, 3, 5} {
		for _, s := range allSmoothings {
			for _, nltk := range []bool{false, true} {
				m, err := Train(lecture, Config{Order: n, Smoothing: s, NLTK: nltk})
				if err != nil {
					continue
				}
				want := 0.0
				for _, sent := range test {
					if nltk {
						p := append(append(make([]string, 0), repeat(BOS, n-1)...), sent...)
						p = append(p, repeat(EOS, n-1)...)
						for i := 0; i+n <= len(p); i++ {
							want += math.Log(m.Prob(p[i+n-1], p[i:i+n-1]))
						}
						continue
					}
					p := append(append([]string{BOS}, sent...), EOS)
					for i := 1; i < len(p); i++ {
						want += math.Log(m.Prob(p[i], p[max(0, i-n+1):i]))
					}
				}
				if got := m.Evaluate(test).LogProb; got != want && !(math.IsInf(got, -1) && math.IsInf(want, -1)) {
					t.Errorf("n=%d %v nltk=%v: Evaluate %v, Σ log Prob %v", n, s, nltk, got, want)
				}
			}
		}
	}
}

func repeat(s string, n int) []string {
	out := make([]string, max(0, n))
	for i := range out {
		out[i] = s
	}
	return out
}
