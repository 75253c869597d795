package word2vec

import (
	"math"
	"strings"
	"testing"
)

func TestReadCorpus(t *testing.T) {
	long := strings.Repeat("w ", 25000)
	got, err := ReadCorpus(strings.NewReader("a b  c\n\n  \nd\r\n" + long))
	if err != nil {
		t.Fatal(err)
	}
	// gensim's LineSentence splits lines at 10,000 tokens: 25,000 → 10k, 10k, 5k.
	lens := []int{3, 1, 10000, 10000, 5000}
	if len(got) != len(lens) {
		t.Fatalf("%d sentences, want %d", len(got), len(lens))
	}
	for i, n := range lens {
		if len(got[i]) != n {
			t.Errorf("sentence %d has %d tokens, want %d", i, len(got[i]), n)
		}
	}
}

func TestBuildVocab(t *testing.T) {
	corpus := [][]string{strings.Fields("b a c a b a d"), strings.Fields("e b")}
	v, raw := buildVocab(corpus, 1, 0)
	if raw != 9 || strings.Join(v.words, " ") != "b a c d e" || v.total != 9 {
		t.Errorf("raw %d, words %v, total %d", raw, v.words, v.total)
	}
	v, _ = buildVocab(corpus, 2, 0)
	if strings.Join(v.words, " ") != "b a" || v.total != 6 {
		t.Errorf("MinCount 2: words %v, total %d", v.words, v.total)
	}
	v, _ = buildVocab(corpus, 1, 3)
	if strings.Join(v.words, " ") != "b a c" {
		t.Errorf("MaxVocab 3: words %v", v.words)
	}
	ids, starts := v.encode(corpus)
	if len(ids) != 7 || len(starts) != 3 || starts[1] != 6 {
		t.Errorf("encode: %v %v", ids, starts)
	}
	// (b and a tie at 3; b came first.) Subsampling: keep probability
	// (√(f/t) + 1)·t/f with t = 0.1·7 = 0.7 (7 tokens of b, a, c);
	// for b (f = 3): (√(3/0.7) + 1)·0.7/3 = 0.7164 (by hand).
	v.setSample(0.1)
	if p := float64(v.keep[0]) / math.MaxUint32; math.Abs(p-0.7164) > 1e-3 {
		t.Errorf("keep probability of b = %.4f, want 0.7164", p)
	}
	v.setSample(-1)
	if v.keep[0] != math.MaxUint32 {
		t.Error("Sample < 0 must keep every word")
	}
}

// FuzzReadCorpus: ReadCorpus never panics, keeps every token in order
// (those of strings.Fields), and yields no empty sentence and none longer
// than maxSentence.
func FuzzReadCorpus(f *testing.F) {
	f.Add("a b  c\n\n  \nd\r\n")
	f.Add("no newline")
	f.Add(strings.Repeat("w ", 2*maxSentence+1))
	f.Add("\x00\xff\xfe \u00a0 \u2028x\n")
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ReadCorpus(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		var toks []string
		for _, s := range got {
			if len(s) == 0 || len(s) > maxSentence {
				t.Fatalf("sentence of %d tokens", len(s))
			}
			toks = append(toks, s...)
		}
		if want := strings.Fields(in); strings.Join(toks, " ") != strings.Join(want, " ") {
			t.Fatalf("tokens %q, want %q", toks, want)
		}
	})
}
