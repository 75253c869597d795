package smt

import (
	"math"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/ngram"
)

// toy is a small dictionary and an English language model in which "i saw
// him yesterday" is common and "yesterday i saw him" unseen.
func toy(t *testing.T) (*Table, *ngram.Model) {
	t.Helper()
	pairs := []PhrasePair{
		{[]string{"我"}, []string{"i"}}, {[]string{"我"}, []string{"me"}},
		{[]string{"昨天"}, []string{"yesterday"}},
		{[]string{"见"}, []string{"saw"}}, {[]string{"见"}, []string{"see"}}, {[]string{"看"}, []string{"see"}},
		{[]string{"他"}, []string{"him"}}, {[]string{"他"}, []string{"he"}},
		{[]string{"了"}, nil},
	}
	var english [][]string
	for range 20 {
		english = append(english, strings.Fields("i saw him yesterday"))
	}
	english = append(english, strings.Fields("he saw me"), strings.Fields("i see him"))
	lm, err := ngram.Train(english, ngram.Config{Order: 3})
	if err != nil {
		t.Fatal(err)
	}
	return NewTable(pairs, 0), lm
}

func TestNewTableChannelProbability(t *testing.T) {
	tab, _ := toy(t)
	// "see" is listed for 见 and 看: P(见 | see) = 1/2; "saw" only for 见: 1.
	for _, o := range tab.Options([]string{"见"}) {
		want := 0.0
		if o.Target[0] == "see" {
			want = math.Log(0.5)
		}
		if math.Abs(o.LogTM-want) > 1e-12 {
			t.Errorf("log P(见 | %v) = %v, want %v", o.Target, o.LogTM, want)
		}
	}
	if got := tab.Options([]string{"了"}); len(got) != 1 || got[0].Target != nil {
		t.Errorf("了: options %v, want the empty translation", got)
	}
}

func TestMonotoneKeepsSourceOrderReorderingFixesIt(t *testing.T) {
	tab, lm := toy(t)
	src := strings.Fields("昨天 我 见 了 他")
	mono, err := (&Decoder{Table: tab, LM: lm}).Translate(src)
	if err != nil {
		t.Fatal(err)
	}
	// Monotone: the phrases come in the source's order, so "yesterday" first
	// (which phrase the sparse toy model then prefers does not matter here).
	if got := mono.Order(); got != "0 | 1 | 2 | 3 | 4" || mono.Words[0] != "yesterday" || mono.Jumps != 0 {
		t.Errorf("monotone: %q in source order %q with %d jumps, want 0 | 1 | 2 | 3 | 4 starting with yesterday", mono, got, mono.Jumps)
	}
	re, err := (&Decoder{Table: tab, LM: lm, Config: Config{DistortionLimit: 5}}).Translate(src)
	if err != nil {
		t.Fatal(err)
	}
	if got := re.String(); got != "i saw him yesterday" {
		t.Errorf("reordering: %q, want %q", got, "i saw him yesterday")
	}
	if re.Jumps == 0 {
		t.Error("reordered translation reports no jumps")
	}
	// The score is the sum of its parts (weights 1, no distortion cost).
	if math.Abs(re.Score-(re.TM+re.LM)) > 1e-9 {
		t.Errorf("score %v ≠ TM %v + LM %v", re.Score, re.TM, re.LM)
	}
	if re.Score < mono.Score {
		t.Errorf("reordering may only find better scores: %v < %v", re.Score, mono.Score)
	}
}

// With an unlimited distortion and a wide beam the search finds the best of
// all orders and option choices, enumerated here.
func TestTranslateFindsTheBest(t *testing.T) {
	tab, lm := toy(t)
	src := strings.Fields("他 见 我 昨天")
	d := &Decoder{Table: tab, LM: lm, Config: Config{DistortionLimit: -1, Beam: 1000}}
	got, err := d.Translate(src)
	if err != nil {
		t.Fatal(err)
	}
	best := math.Inf(-1)
	var rec func(used []bool, words []string, tm float64)
	rec = func(used []bool, words []string, tm float64) {
		done := true
		for i, u := range used {
			if u {
				continue
			}
			done = false
			used[i] = true
			for _, o := range tab.Options(src[i : i+1]) {
				rec(used, append(append([]string(nil), words...), o.Target...), tm+o.LogTM)
			}
			used[i] = false
		}
		if done {
			ctx := []string{ngram.BOS}
			s := tm
			for _, w := range append(words, ngram.EOS) {
				s += lm.LogProb(w, ctx)
				ctx = append(ctx, w)
			}
			best = math.Max(best, s)
		}
	}
	rec(make([]bool, len(src)), nil, 0)
	if math.Abs(got.Score-best) > 1e-9 {
		t.Errorf("decoder's best %v (%q), exhaustive search's %v", got.Score, got, best)
	}
}

func TestPrepareAndGloss(t *testing.T) {
	tab, _ := toy(t)
	// 我见 is not a word of the table: it is cut into 我 见; 1519 passes.
	if got := strings.Join(tab.Prepare([]string{"我见", "1519", "他"}), " "); got != "我 见 1519 他" {
		t.Errorf("Prepare: %q", got)
	}
	if got := strings.Join(tab.Gloss(strings.Fields("昨天 我 见 他 x")), " "); got != "yesterday i saw him x" {
		t.Errorf("Gloss: %q", got)
	}
}

func TestTranslateErrors(t *testing.T) {
	tab, lm := toy(t)
	if _, err := (&Decoder{Table: tab}).Translate([]string{"我"}); err == nil {
		t.Error("no language model: no error")
	}
	if _, err := (&Decoder{Table: tab, LM: lm}).Translate(make([]string, 65)); err == nil {
		t.Error("65 words: no error")
	}
	tr, err := (&Decoder{Table: tab, LM: lm}).Translate(nil)
	if err != nil || tr.String() != "" {
		t.Errorf("empty source: %q, %v", tr, err)
	}
}

func TestScoreAgreesWithTranslate(t *testing.T) {
	tab, lm := toy(t)
	src := strings.Fields("昨天 我 见 了 他")
	d := &Decoder{Table: tab, LM: lm, Config: Config{DistortionLimit: 5, Distortion: 0.1}}
	tr, err := d.Translate(src)
	if err != nil {
		t.Fatal(err)
	}
	s, err := d.Score(src, tr.Steps)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(s.Score-tr.Score) > 1e-9 || math.Abs(s.LM-tr.LM) > 1e-9 || s.Jumps != tr.Jumps {
		t.Errorf("Score %v (LM %v, %d jumps) ≠ Translate's %v (LM %v, %d jumps)", s.Score, s.LM, s.Jumps, tr.Score, tr.LM, tr.Jumps)
	}
	// The same phrases in the source's order: the same log P(x|y), a worse log P(y).
	mono := []Step{{0, 1, []string{"yesterday"}, 0}, {1, 2, []string{"i"}, 0}, {2, 3, []string{"saw"}, 0}, {3, 4, nil, 0}, {4, 5, []string{"him"}, 0}}
	m, err := d.Score(src, mono)
	if err != nil {
		t.Fatal(err)
	}
	if tr.String() != "i saw him yesterday" || math.Abs(m.TM-tr.TM) > 1e-12 || m.LM >= tr.LM {
		t.Errorf("%q: TM %v LM %v; source order %q: TM %v LM %v", tr, tr.TM, tr.LM, m, m.TM, m.LM)
	}
	for _, bad := range [][]Step{
		{{0, 1, []string{"yesterday"}, 0}},                                   // not everything
		{{0, 1, []string{"tomorrow"}, 0}},                                    // not an option
		{{0, 1, []string{"yesterday"}, 0}, {0, 1, []string{"yesterday"}, 0}}, // twice
		{{4, 9, []string{"him"}, 0}},                                         // outside
	} {
		if _, err := d.Score(src, bad); err == nil {
			t.Errorf("Score(%v): no error", bad)
		}
	}
}
