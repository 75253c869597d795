package metrics

import (
	"math"
	"strings"
	"testing"
)

// The README example of sacreBLEU 2.x: three hypotheses, two reference
// streams. sacreBLEU takes refs[stream][segment]; we take refs[segment].
var (
	readmeHyps = []string{"The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."}
	readmeRefs = [][]string{
		{"The dog bit the man.", "The dog had bit the man."},
		{"It was not unexpected.", "No one was surprised."},
		{"The man bit him first.", "The man had bitten the dog."},
	}
)

// Expected scores are sacreBLEU's own, from the repository mjpost/sacrebleu
// at commit f615c72 (2.x): README.md ("Using SacreBLEU from Python") and
// test/test_bleu.py, whose tolerance (1e-8) we keep.
func TestCorpusBLEUSacreBLEU(t *testing.T) {
	tests := []struct {
		name string
		b    BLEU
		hyps []string
		want float64
	}{
		{"README default", BLEU{}, readmeHyps, 48.530827},                 // test_corpus_bleu_cases
		{"tokenize none", BLEU{Tokenize: "none"}, readmeHyps, 49.1919566}, // same table
		{"tokenize 13a", BLEU{Tokenize: "13a"}, readmeHyps, 48.530827},    // same table
		{"smooth none", BLEU{Smooth: SmoothNone}, readmeHyps, 48.530827},  // same table
		{"empty hypotheses", BLEU{}, []string{"", "", ""}, 0},             // same table
		{"max order 1", BLEU{MaxOrder: 1}, readmeHyps, 77.65},             // test_bleu_max_order, 2 decimals
		{"max order 2", BLEU{MaxOrder: 2}, readmeHyps, 60.50},
		{"max order 3", BLEU{MaxOrder: 3}, readmeHyps, 53.93},
		{"max order 5", BLEU{MaxOrder: 5}, readmeHyps, 46.14},
		{"max order 6", BLEU{MaxOrder: 6}, readmeHyps, 43.28},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.b.Corpus(tt.hyps, readmeRefs)
			if err != nil {
				t.Fatal(err)
			}
			tol := 1e-8
			if tt.b.MaxOrder != 0 {
				tol = 0.005 // compared as "%.2f"
			}
			if math.Abs(s.Score-tt.want) > tol {
				t.Errorf("BLEU = %.8f, want %.8f", s.Score, tt.want)
			}
		})
	}
}

// README.md of sacreBLEU prints the score and the signature of the example.
func TestBLEUStringAndSignature(t *testing.T) {
	s, err := CorpusBLEU(readmeHyps, readmeRefs)
	if err != nil {
		t.Fatal(err)
	}
	want := "BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)"
	if s.String() != want {
		t.Errorf("String() = %q, want %q", s.String(), want)
	}
	// README: nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.0.0, with our version.
	if want := "BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:" + Version; s.Signature != want {
		t.Errorf("Signature = %q, want %q", s.Signature, want)
	}
	// README, "Variable Number of References": nrefs:var.
	s, err = CorpusBLEU(readmeHyps[:2], [][]string{readmeRefs[0][1:], readmeRefs[1]})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.Signature, "BLEU|nrefs:var|") {
		t.Errorf("Signature = %q, want nrefs:var", s.Signature)
	}
}

// sacreBLEU's raw_corpus_bleu: no tokenisation, floor smoothing, effective
// order. Expected values from test/test_bleu.py (test_raw_bleu_cases,
// test_case_effective_order, test_case_offset, test_case_statistics).
func TestRawBLEUSacreBLEU(t *testing.T) {
	raw := func(v float64) BLEU {
		return BLEU{Tokenize: "none", Smooth: SmoothFloor, SmoothValue: v, EffectiveOrder: true}
	}
	tests := []struct {
		name       string
		b          BLEU
		hyps, refs []string
		want       float64 // fraction, as the test divides by 100
	}{
		{"no match", raw(0.01), []string{"this is a test", "another test"}, []string{"ref1", "ref2"}, 0},
		{"identical", raw(0.01), []string{"this is a test"}, []string{"this is a test"}, 1},
		{"one word", raw(0.01), []string{"this is a fest"}, []string{"this is a test"}, 0.223606797749979},
		{"effective order 1", raw(0.01), []string{"test"}, []string{"a test"}, 0.3678794411714425},
		{"effective order 2", raw(0.01), []string{"a test"}, []string{"a test"}, 1},
		{"effective order 3", raw(0.01), []string{"a little test"}, []string{"a test"}, 0.03218297948685433},
		{"offset default 0.1", raw(0), []string{"am I am a character sequence"}, []string{"I am a symbol string sequence a a"}, 0.1555722182},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			refs := make([][]string, len(tt.refs))
			for i, r := range tt.refs {
				refs[i] = []string{r}
			}
			s, err := tt.b.Corpus(tt.hyps, refs)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(s.Score/100-tt.want) > 1e-8 {
				t.Errorf("BLEU = %.10f, want %.10f", s.Score/100, tt.want)
			}
		})
	}
	s, _ := raw(0).Sentence("am I am a character sequence", "I am a symbol string sequence a a")
	if want := []int{4, 2, 1, 0}; !equalSeq(s.Counts, want) {
		t.Errorf("counts %v, want %v", s.Counts, want)
	}
	if want := []int{6, 5, 4, 3}; !equalSeq(s.Totals, want) {
		t.Errorf("totals %v, want %v", s.Totals, want)
	}
}

// sacreBLEU's test/test_sentence_bleu.py (issue #98's Romanian example),
// tolerance 1e-3 as there.
func TestSentenceBLEUSacreBLEU(t *testing.T) {
	const (
		ref = "producţia de zahăr brut se exprimă în zahăr alb;"
		sys = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;"
	)
	tests := []struct {
		name string
		b    BLEU
		want float64
	}{
		{"exp", BLEU{}, 8.493},
		{"none", BLEU{Smooth: SmoothNone}, 0},
		{"floor default", BLEU{Smooth: SmoothFloor}, 4.51688},
		{"floor 0.5", BLEU{Smooth: SmoothFloor, SmoothValue: 0.5}, 10.10},
		{"add-k default", BLEU{Smooth: SmoothAddK}, 14.882},
		{"add-k 2", BLEU{Smooth: SmoothAddK, SmoothValue: 2}, 21.389},
		{"tokenize none", BLEU{Tokenize: "none"}, 7.347},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.b.EffectiveOrder = true
			s, err := tt.b.Sentence(sys, ref)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(s.Score-tt.want) > 1e-3 {
				t.Errorf("BLEU = %.5f, want %.5f", s.Score, tt.want)
			}
		})
	}
	// Issue #141: no match at all scores 0 with every smoothing.
	for _, sm := range []Smoothing{SmoothExp, SmoothNone, SmoothFloor, SmoothAddK} {
		s, _ := BLEU{Smooth: sm, EffectiveOrder: true}.Sentence("this is a cat", "okay thanks")
		if s.Score != 0 {
			t.Errorf("%v: BLEU = %v, want 0", sm, s.Score)
		}
	}
	s, _ := SentenceBLEU(sys, ref)
	if math.Abs(s.Score-8.493) > 1e-3 || !strings.Contains(s.Signature, "eff:yes") {
		t.Errorf("SentenceBLEU = %v %q", s.Score, s.Signature)
	}
}

// The signature has the fields of sacreBLEU 2.x's BLEUSignature and
// nothing else: nrefs, case, eff, tok, smooth (add-k's value in brackets,
// two decimals) and version; the n-gram order is not one of them.
func TestBLEUSignatureFieldsAreSacreBLEUs(t *testing.T) {
	s, err := BLEU{Smooth: SmoothAddK, MaxOrder: 2}.Corpus([]string{"the cat sat"}, [][]string{{"the cat sat down"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:add-k[1.00]|version:" + Version; s.Signature != want {
		t.Errorf("Signature = %q, want %q", s.Signature, want)
	}
}

func TestBLEUErrors(t *testing.T) {
	if _, err := CorpusBLEU([]string{"a"}, nil); err == nil {
		t.Error("no error for missing references")
	}
	if _, err := CorpusBLEU([]string{"a"}, [][]string{{}}); err == nil {
		t.Error("no error for an empty reference list")
	}
	if _, err := (BLEU{Tokenize: "intl"}).Corpus(nil, nil); err == nil {
		t.Error("no error for an unknown tokeniser")
	}
}
