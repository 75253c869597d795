package metrics

import (
	"math"
	"testing"
)

// sacreBLEU's README ("Using SacreBLEU from Python", commit f615c72):
// CHRF().corpus_score(sys, refs) on the README example is "chrF2 = 59.73".
func TestCHRFReadme(t *testing.T) {
	s, err := CorpusCHRF(readmeHyps, readmeRefs)
	if err != nil {
		t.Fatal(err)
	}
	if s.String() != "chrF2 = 59.73" {
		t.Errorf("got %q, want chrF2 = 59.73", s.String())
	}
	// README: chrF2|nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.0.0
	if want := "chrF2|nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no|version:" + Version; s.Signature != want {
		t.Errorf("signature %q, want %q", s.Signature, want)
	}
}

// Expected values from sacreBLEU's test/test_chrf.py (commit f615c72),
// tolerance 1e-4 as there. Those tests use β = 3.
func TestCHRFSacreBLEU(t *testing.T) {
	eff := CHRF{Beta: 3}
	eps := CHRF{Beta: 3, EpsSmoothing: true}
	space := CHRF{Beta: 3, Whitespace: true}
	tests := []struct {
		name string
		c    CHRF
		hyps []string
		refs []string
		want float64
	}{
		// test_cases_effective_order (sacreBLEU's default averaging)
		{"eff a/a", eff, []string{"a"}, []string{"a"}, 100},
		{"eff empty", eff, []string{""}, []string{"reference"}, 0},
		{"eff a b c", eff, []string{"a b c"}, []string{"a b c"}, 100},
		{"eff spaces removed", eff, []string{"a b c"}, []string{"abc"}, 100},
		{"eff empty c", eff, []string{""}, []string{"c"}, 0},
		{"eff two segments", eff, []string{"a", "b"}, []string{"a", "c"}, 50},
		{"eff aa/ab", eff, []string{"aa"}, []string{"ab"}, 25},
		// test_cases (eps smoothing)
		{"eps disjoint", eps, []string{"abcdefg"}, []string{"hijklmnop"}, 0},
		{"eps a/b", eps, []string{"a"}, []string{"b"}, 0},
		{"eps aa/ab", eps, []string{"aa"}, []string{"ab"}, 8.3333},
		{"eps two segments", eps, []string{"a", "b"}, []string{"a", "c"}, 8.3333},
		{"eps a/a", eps, []string{"a"}, []string{"a"}, 16.6667},
		{"eps a b c", eps, []string{"a b c"}, []string{"a b c"}, 50},
		{"eps risk", eps, []string{" risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists ."},
			[]string{"risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists ."}, 63.361730},
		{"eps Obama", eps, []string{" Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. "},
			[]string{"Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich."}, 64.1302698},
		{"eps identical", eps, []string{"Niemand hat die Absicht, eine Mauer zu errichten"}, []string{"Niemand hat die Absicht, eine Mauer zu errichten"}, 100},
		// test_cases_keep_whitespace
		{"space Obama", space, []string{"Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich."},
			[]string{"Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich."}, 67.3481606},
		{"space risk", space, []string{"risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists ."},
			[]string{"risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists ."}, 65.2414427},
		// test_sentence_level_chrf: sentence_chrf(eps_smoothing=True), β = 2
		{"sentence 1", CHRF{EpsSmoothing: true}, []string{"Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře."},
			[]string{"Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře."}, 39.14078509},
		{"sentence 2", CHRF{EpsSmoothing: true}, []string{"Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři."},
			[]string{"A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři."}, 31.22557079},
		{"sentence 3", CHRF{EpsSmoothing: true}, []string{"Lapali po dechu, jejich životy skončily dřív, než skutečně začaly."},
			[]string{"Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli."}, 57.15704367},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			refs := make([][]string, len(tt.refs))
			for i, r := range tt.refs {
				refs[i] = []string{r}
			}
			s, err := tt.c.Corpus(tt.hyps, refs)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(s.Score-tt.want) > 1e-4 {
				t.Errorf("chrF = %.7f, want %.7f", s.Score, tt.want)
			}
		})
	}
}

func TestCHRFPlusPlus(t *testing.T) {
	s, err := CHRF{WordOrder: 2}.Sentence("The cat sat.", "The cat sat.")
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "chrF2++" || math.Abs(s.Score-100) > 1e-9 {
		t.Errorf("got %v (%s), want chrF2++ = 100", s.Score, s.Name)
	}
	// "(hi)" loses only its last character to punctuation splitting (sacreBLEU issue #124).
	if got := splitPunct("(hi) a, b"); !equalSeq(got, []string{"(hi", ")", "a", ",", "b"}) {
		t.Errorf("splitPunct = %q", got)
	}
}
