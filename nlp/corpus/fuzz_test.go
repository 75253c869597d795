package corpus

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// drain runs a reader to its end and returns its items and its error,
// checking that an error comes last, once, with the package prefix.
func drain(t *testing.T, s seq) ([]Sentence, error) {
	var items []Sentence
	var err error
	for it, e := range s {
		if err != nil {
			t.Fatalf("item after the error %v", err)
		}
		if e != nil {
			if !strings.HasPrefix(e.Error(), "corpus: ") {
				t.Fatalf("error without prefix: %v", e)
			}
			err = e
			continue
		}
		items = append(items, it)
	}
	return items, err
}

// FuzzWord2VecText: the vectors reader never panics, and what it yields
// without an error has the header's count of finite vectors of the
// header's dimension.
func FuzzWord2VecText(f *testing.F) {
	f.Add("2 3\na 1 2 3\nb 4 5 6\n")
	// nasty cases: huge count and dimension, NaN and infinite values,
	// numbers beyond float32, a file cut inside a line, a long line
	f.Add("9223372036854775807 2\na 1 2\n")
	f.Add("1 99999999999\na 1\n")
	f.Add("2 2\na nan 1\nb 1 +Inf\n")
	f.Add("1 1\na 1e39\n")
	f.Add("2 2\na 1 2\nb 1")
	f.Add("1 1\n" + strings.Repeat("x", 5<<20) + " 1\n")
	f.Fuzz(func(t *testing.T, in string) {
		p := filepath.Join(t.TempDir(), "v.txt")
		if err := writeFile(p, in); err != nil {
			t.Fatal(err)
		}
		items, err := drain(t, readWord2VecText(p))
		if err != nil {
			return
		}
		var count, dim int
		if _, err := fmt.Sscanf(in, "%d %d", &count, &dim); err != nil || count != len(items) {
			t.Fatalf("%d vectors yielded, header %q", len(items), strings.SplitN(in, "\n", 2)[0])
		}
		for _, it := range items {
			if len(it.Vector) != dim {
				t.Fatalf("%q has %d values, header says %d", it.Text, len(it.Vector), dim)
			}
			for _, x := range it.Vector {
				if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
					t.Fatalf("%q has the value %g", it.Text, x)
				}
			}
		}
	})
}

// FuzzAFINN: the lexicon reader never panics and yields scores in −5…5.
func FuzzAFINN(f *testing.F) {
	f.Add(`{"good": 3, "bad": -3}`)
	f.Add(`{"x": 9}`)
	f.Add(`{"x": 1e400}`)
	f.Add(`{"x": NaN}`)
	f.Add(`{"x": 1, "y"`)
	f.Add(`[1, 2]`)
	f.Fuzz(func(t *testing.T, in string) {
		p := filepath.Join(t.TempDir(), "a.json")
		if err := writeFile(p, in); err != nil {
			t.Fatal(err)
		}
		items, _ := drain(t, readAFINN(p))
		for _, it := range items {
			if it.Label < -5 || it.Label > 5 {
				t.Fatalf("%q has the score %d", it.Text, it.Label)
			}
		}
	})
}

// FuzzSentiment: the labelled-sentence reader never panics and yields
// non-empty sentences of class 0 or 1.
func FuzzSentiment(f *testing.F) {
	f.Add(`[{"text": "a fine film", "class": 1}, {"text": "dull", "class": 0}]`)
	f.Add(`[{"text": "x", "class": 2}, {"text": " ", "class": 1}, {"class": 1}]`)
	f.Add(`[{"text": "x", "class": 1e400}]`)
	f.Add(`[{"text": "x", "class": 1}, {"text": "y"`)
	f.Add(`{"text": "x"}`)
	f.Fuzz(func(t *testing.T, in string) {
		p := filepath.Join(t.TempDir(), "s.json")
		if err := writeFile(p, in); err != nil {
			t.Fatal(err)
		}
		items, _ := drain(t, func(yield func(Sentence, error) bool) { sentimentFile(p, "src", yield) })
		for _, it := range items {
			if strings.TrimSpace(it.Text) == "" || (it.Label != 0 && it.Label != 1) {
				t.Fatalf("item %+v", it)
			}
		}
	})
}

// FuzzParagraphs: paragraphs never panics, yields no empty or untrimmed
// paragraph and loses no text: the non-space characters of the
// paragraphs are those of the input.
func FuzzParagraphs(f *testing.F) {
	f.Add("one line\nstill one\n\nanother\n")
	f.Add("\n\n \t\n")
	f.Add("no newline at the end")
	f.Add("a\r\n\r\nb\r\n")
	f.Add(strings.Repeat("long line without a break ", 50000))
	f.Fuzz(func(t *testing.T, in string) {
		var got strings.Builder
		err := paragraphs(strings.NewReader(in), func(p string) bool {
			if p == "" || p != strings.TrimSpace(p) {
				t.Fatalf("paragraph %q", p)
			}
			got.WriteString(p)
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
		if nonSpace(got.String()) != nonSpace(in) {
			t.Fatalf("text lost or added: %q from %q", got.String(), in)
		}
	})
}

// FuzzDingPairs: a dictionary line never panics the parser, and every
// pair it yields is two sentence-like texts.
func FuzzDingPairs(f *testing.F) {
	f.Add("Hund {m} | Der Hund bellt laut. :: dog | The dog barks loudly.")
	f.Add("# comment :: line")
	f.Add("a | b :: c")
	f.Add("Er [Br.] {<}schläft{>} heute sehr lange. :: He {v} sleeps very long today.")
	f.Add("{{{{ :: }}}}")
	f.Fuzz(func(t *testing.T, line string) {
		for _, p := range dingPairs(line) {
			if !sentenceLike(p.Text) || !sentenceLike(p.Target) {
				t.Fatalf("pair %q / %q from %q", p.Text, p.Target, line)
			}
		}
	})
}

func nonSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
