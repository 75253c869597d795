package ngram

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
)

// TestARPARoundTrip: writing an interpolated model as ARPA and reading it
// back gives the same probability for every word after every context (seen
// or not), and writing the read model reproduces the file byte for byte.
func TestARPARoundTrip(t *testing.T) {
	contexts := [][]string{nil, {"<s>"}, {"today", "the"}, {"the", "price"}, {"<s>", "today"}, {"zebra", "the"}, {"the", "zebra"}, {"price", "of", "oil"}}
	for _, n := range []int{1, 2, 3, 4} {
		for _, s := range []Smoothing{ModifiedKneserNey, KneserNey, WittenBell, AbsoluteDiscount} {
			m, err := Train(lecture, Config{Order: n, Smoothing: s})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := m.WriteARPA(&buf); err != nil {
				t.Fatal(err)
			}
			text := buf.String()
			a, err := ReadARPA(strings.NewReader(text))
			if err != nil {
				t.Fatalf("n=%d %v: %v", n, s, err)
			}
			for _, ctx := range contexts {
				for _, w := range append(m.Vocab().Words(), "zebra") {
					if w == BOS {
						continue
					}
					p, q := m.Prob(w, ctx), a.Prob(w, ctx)
					if math.Abs(p-q) > 1e-14*math.Max(1, p) {
						t.Fatalf("n=%d %v: P(%s | %v) = %v, from ARPA %v", n, s, w, ctx, p, q)
					}
				}
			}
			if pm, pa := m.Perplexity(lecture), a.Perplexity(lecture); math.Abs(pm-pa) > 1e-9*pm {
				t.Errorf("n=%d %v: perplexity %v vs ARPA %v", n, s, pm, pa)
			}
			var again bytes.Buffer
			if err := a.WriteARPA(&again); err != nil {
				t.Fatal(err)
			}
			if again.String() != text {
				t.Errorf("n=%d %v: re-written ARPA differs", n, s)
			}
		}
	}
	m, _ := Train(lecture, Config{Smoothing: Laplace})
	if err := m.WriteARPA(&bytes.Buffer{}); err == nil {
		t.Error("Laplace written as ARPA")
	}
}

// The words of an n-gram are separated by spaces and the fields by tabs,
// as SRILM and KenLM write them: a reader that splits lines at tabs sees
// the log probability, the n-gram and the backoff weight.
func TestARPALayout(t *testing.T) {
	m, _ := Train(lecture, Config{Order: 3})
	var buf bytes.Buffer
	if err := m.WriteARPA(&buf); err != nil {
		t.Fatal(err)
	}
	order := 0
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.HasPrefix(line, "\\") && strings.HasSuffix(line, "-grams:") {
			order = int(line[1] - '0')
			continue
		}
		if order == 0 || line == "" || line == "\\end\\" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f) > 3 || len(strings.Fields(f[1])) != order || strings.Contains(f[1], "  ") {
			t.Fatalf("%d-gram line %q: want log10 P, a tab, %d words separated by spaces[, a tab, the backoff]", order, line, order)
		}
	}
	if order != 3 {
		t.Errorf("last section %d-grams, want 3", order)
	}
}

// A hand-written ARPA file in the SRILM/KenLM layout: header text, blank
// lines, backoff weights omitted on some lines, -99 for <s>.
const smallARPA = `This header text is ignored.

\data\
ngram 1=5
ngram 2=3

\1-grams:
-1.0	<unk>	0
-99	<s>	-0.30103
-0.5	a	-0.2
-0.6	b
-0.7	</s>

\2-grams:
-0.1	<s> a
-0.2	a b
-0.3	b </s>

\end\
`

func TestReadARPA(t *testing.T) {
	m, err := ReadARPA(strings.NewReader(smallARPA))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		w, ctx string
		log10  float64
	}{
		{"a", "<s>", -0.1},               // listed bigram
		{"b", "<s>", -0.30103 - 0.6},     // β(<s>) · P(b)
		{"b", "a", -0.2},                 //
		{"</s>", "a", -0.2 - 0.7},        // β(a) · P(</s>)
		{"a", "b", -0.5},                 // b has no backoff weight: β = 1
		{"zebra", "a", -0.2 - 1.0},       // unknown word → <unk>
		{"a", "zebra", -0.5},             // unknown context
		{"b", "x <s> a", -0.2},           // context cut to n−1 = 1 word
		{"</s>", "b", -0.3},              //
		{"<s>", "a", math.Inf(-1)},       // -99 means zero
		{"b", "", -0.6},                  //
		{"</s>", "zebra", -0.7},          //
		{"<unk>", "<s>", -0.30103 - 1.0}, //
	}
	for _, tc := range tests {
		got := math.Log10(m.Prob(tc.w, strings.Fields(tc.ctx)))
		if math.IsInf(tc.log10, -1) {
			if got > -98 {
				t.Errorf("log10 P(%s | %s) = %v, want −∞", tc.w, tc.ctx, got)
			}
			continue
		}
		if math.Abs(got-tc.log10) > 1e-12 {
			t.Errorf("log10 P(%s | %s) = %v, want %v", tc.w, tc.ctx, got, tc.log10)
		}
	}
	if m.NumNGrams(1) != 5 || m.NumNGrams(2) != 3 || m.Order() != 2 {
		t.Errorf("sizes %d %d order %d", m.NumNGrams(1), m.NumNGrams(2), m.Order())
	}
}

// TestReadARPAErrors: each broken file fails with a ParseError naming the
// line at fault (lines counted from 1 in smallARPA's layout).
func TestReadARPAErrors(t *testing.T) {
	tests := []struct {
		name, from, to string
		line           int
		msg            string
	}{
		{"count too high", "ngram 2=3", "ngram 2=4", 19, "has 3 entries, \\data\\ announced 4"},
		{"count too low", "ngram 2=3", "ngram 2=2", 17, "more 2-grams than the 2 announced"},
		{"bad float", "-0.2\ta b", "-0.2x\ta b", 16, `bad log10 value "-0.2x"`},
		{"too many fields", "-0.6\tb\n", "-0.6\tb\t0\t1\n", 11, "needs 2 or 3 fields"},
		{"unknown word", "-0.3\tb </s>", "-0.3\tb c", 17, `word "c" is not a listed unigram`},
		{"duplicate", "-0.3\tb </s>", "-0.3\ta b", 17, "duplicate 2-gram (also on line 16)"},
		{"missing suffix", "-0.3\tb </s>\n\n\\end\\", "-0.3\tb </s>\n\n\\3-grams:\n-0.1\t<s> a </s>\n\\end\\", 21, `suffix "a </s>" of this 3-gram is not listed`},
		{"bad count line", "ngram 1=5", "ngram 1=five", 4, "malformed count line"},
		{"wrong section", `\2-grams:`, `\3-grams:`, 14, `expected \2-grams:`},
		{"no end", `\end\`, `\the end`, 19, `expected \end\`},
		{"truncated", "\n\\end\\\n", "", 17, "unexpected end of file"},
		{"nan", "-0.5\ta", "NaN\ta", 10, "bad log10 value"},
		{"duplicate unigram", "-0.6\tb", "-0.6\ta", 11, `duplicate unigram "a"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(smallARPA, tc.from) {
				t.Fatalf("fixture lacks %q", tc.from)
			}
			text := strings.Replace(smallARPA, tc.from, tc.to, 1)
			if tc.name == "missing suffix" {
				text = strings.Replace(text, "ngram 2=3\n", "ngram 2=3\nngram 3=1\n", 1)
			}
			_, err := ReadARPA(strings.NewReader(text))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a ParseError", err)
			}
			if pe.Line != tc.line || !strings.Contains(pe.Msg, tc.msg) || !strings.HasPrefix(err.Error(), "ngram: line ") {
				t.Errorf("err = %v, want line %d and %q", err, tc.line, tc.msg)
			}
		})
	}
	if _, err := ReadARPA(strings.NewReader("")); err == nil {
		t.Error("empty file accepted")
	}
}

func FuzzReadARPA(f *testing.F) {
	f.Add(smallARPA)
	m, _ := Train(toy, Config{Order: 3})
	var buf bytes.Buffer
	m.WriteARPA(&buf)
	f.Add(buf.String())
	f.Add("\\data\\\nngram 1=1\n\n\\1-grams:\n-1 a\n\\end\\\n")
	// nasty cases: counts far beyond the file, NaN and infinite log
	// probabilities and back-off weights, a file cut inside a section
	f.Add("\\data\\\nngram 1=4294967291\nngram 2=4294967291\n\n\\1-grams:\n-1 a\n\\end\\\n")
	f.Add("\\data\\\nngram 1=9223372036854775807\n\n\\1-grams:\n-1 a\n\\end\\\n")
	f.Add("\\data\\\nngram 1=2\n\n\\1-grams:\nnan a\n-1 b NaN\n\\end\\\n")
	f.Add("\\data\\\nngram 1=2\n\n\\1-grams:\n+inf a\n-inf b inf\n\\end\\\n")
	f.Add("\\data\\\nngram 1=3\nngram 2=1\n\n\\1-grams:\n-1 a -0.5\n-1 b\n")
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ReadARPA(strings.NewReader(s))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "ngram: ") {
				t.Fatalf("error without prefix: %v", err)
			}
			return
		}
		// A model that loads must answer queries and write itself.
		for _, w := range m.Vocab().Words() {
			m.Prob(w, m.Vocab().Words())
		}
		m.NextWords([]string{"a", "b"}, 3)
		m.Perplexity([][]string{{"a", "b", "zz"}})
		if err := m.WriteARPA(&bytes.Buffer{}); err != nil {
			t.Fatal(err)
		}
	})
}
