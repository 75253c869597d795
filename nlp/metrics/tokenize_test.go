package metrics

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

type tokCase struct {
	In  string `json:"in"`
	Out string `json:"out"`
}

func readTokCases(t testing.TB) []tokCase {
	data, err := os.ReadFile("testdata/tok13a.json")
	if err != nil {
		t.Fatal(err)
	}
	var fx struct{ Cases []tokCase }
	if err := json.Unmarshal(data, &fx); err != nil {
		t.Fatal(err)
	}
	return fx.Cases
}

// testdata/tok13a.json holds sacreBLEU's own 13a output (Tokenizer13a at
// commit f615c72, written by testdata/gen_13a.py) for hand-picked and random
// strings: punctuation next to digits, entities, <skipped>, line breaks,
// Python-only whitespace (U+001C–U+001F), Unicode.
func TestTokenize13a(t *testing.T) {
	cases := readTokCases(t)
	if len(cases) < 300 {
		t.Fatalf("only %d cases", len(cases))
	}
	for i, c := range cases {
		if got := Tokenize13a(c.In); got != c.Out {
			t.Errorf("case %d: Tokenize13a(%q) = %q, sacreBLEU %q", i, c.In, got, c.Out)
		}
	}
}

// FuzzTokenize13a checks invariants on any input: no panic; tokens are
// separated by single spaces with none at the ends; and, when the input has
// none of the sequences 13a rewrites (&, <skipped>, "-\n"), the characters
// other than whitespace are kept in order.
func FuzzTokenize13a(f *testing.F) {
	for _, c := range readTokCases(f) {
		f.Add(c.In)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Tokenize13a(s)
		if strings.HasPrefix(out, " ") || strings.HasSuffix(out, " ") || strings.Contains(out, "  ") {
			t.Fatalf("Tokenize13a(%q) = %q: bad spacing", s, out)
		}
		for _, r := range out {
			if r != ' ' && isPySpace(r) {
				t.Fatalf("Tokenize13a(%q) = %q keeps whitespace %U", s, out, r)
			}
		}
		if !utf8.ValidString(s) || strings.Contains(s, "&") || strings.Contains(s, "<skipped>") || strings.Contains(s, "-\n") {
			return
		}
		squash := func(x string) string { return strings.Join(splitSpace(x), "") }
		if squash(out) != squash(s) {
			t.Fatalf("Tokenize13a(%q) = %q changes the text", s, out)
		}
	})
}
