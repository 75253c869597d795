package text

import (
	"reflect"
	"strings"
	"testing"
)

func TestTokenizer(t *testing.T) {
	// Expected tokens written by hand from the rules in the Tokenizer doc.
	tests := []struct {
		name string
		tok  Tokenizer
		in   string
		want []string
	}{
		{"empty", Tokenizer{}, "", nil},
		{"whitespace only", Tokenizer{Punct: true}, " \t\n\r\u00a0\u3000 ", nil},
		{"punctuation only, dropped", Tokenizer{}, "...!?,", nil},
		{"simple", Tokenizer{}, "The cat sat.", []string{"The", "cat", "sat"}},
		{"lower", Tokenizer{Lower: true}, "The CAT sat.", []string{"the", "cat", "sat"}},
		{"punct", Tokenizer{Punct: true}, "Wait... what?!", []string{"Wait", "...", "what", "?", "!"}},
		{"apostrophe and hyphen", Tokenizer{Lower: true}, "Don't take the well-known road’s end -- 'quoted'",
			[]string{"don't", "take", "the", "well-known", "road’s", "end", "quoted"}},
		{"numbers", Tokenizer{Punct: true}, "Pi is 3.14, not 1,000. End.",
			[]string{"Pi", "is", "3.14", ",", "not", "1,000", ".", "End", "."}},
		{"trailing joiner", Tokenizer{Punct: true}, "rock-", []string{"rock", "-"}},
		{"unicode letters", Tokenizer{Lower: true}, "ÉCOLE Straße naïve café Ωμέγα",
			[]string{"école", "straße", "naïve", "café", "ωμέγα"}},
		{"combining marks", Tokenizer{}, "cafe\u0301 ok", []string{"cafe\u0301", "ok"}},
		{"mixed Chinese and English", Tokenizer{Punct: true}, "我爱Go语言。",
			[]string{"我", "爱", "Go", "语", "言", "。"}},
		{"han chars by default", Tokenizer{}, "清华大学 AI", []string{"清", "华", "大", "学", "AI"}},
		{"han func gets each run", Tokenizer{Punct: true, Han: pairs}, "清华大学AI北京。青蛙",
			[]string{"清华", "大学", "AI", "北京", "。", "青蛙"}},
		{"han func's empty words dropped", Tokenizer{Han: func(run string) []string { return []string{"", run, ""} }},
			"我爱Go语言", []string{"我爱", "Go", "语言"}},
		{"emoji and symbols", Tokenizer{Punct: true}, "I ♥ Go 🙂$5",
			[]string{"I", "♥", "Go", "🙂", "$", "5"}},
		{"invalid utf8 dropped", Tokenizer{Punct: true}, "a\xffb", []string{"a", "b"}},
		{"control dropped", Tokenizer{Punct: true}, "a\x00b", []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.tok.Tokenize(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// pairs cuts a Han run into two-character words, a stand-in for segment.Cut.
func pairs(run string) []string {
	r := []rune(run)
	var out []string
	for i := 0; i < len(r); i += 2 {
		out = append(out, string(r[i:min(i+2, len(r))]))
	}
	return out
}

func TestWordsLongLine(t *testing.T) {
	// 200,000 words on one line: linear time, exact count.
	line := strings.Repeat("alpha beta, ", 100000)
	if got := len(Words(line)); got != 200000 {
		t.Fatalf("len(Words) = %d, want 200000", got)
	}
	// One 1 MB word without separators is one token.
	long := strings.Repeat("x", 1<<20)
	if got := Words(long); len(got) != 1 || len(got[0]) != 1<<20 {
		t.Fatalf("one long word: got %d tokens", len(got))
	}
}

func TestAllStopsEarly(t *testing.T) {
	n := 0
	for range (Tokenizer{}).All("a b c d") {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Fatalf("n = %d", n)
	}
}

func TestChars(t *testing.T) {
	for _, s := range []string{"", "héllo\n世界", "a\xffb\xc3"} {
		cs := Chars(s)
		if strings.Join(cs, "") != s {
			t.Errorf("Chars(%q) does not join back: %q", s, cs)
		}
	}
	if got := Chars("日本 a"); !reflect.DeepEqual(got, []string{"日", "本", " ", "a"}) {
		t.Errorf("Chars = %q", got)
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"", "don't-", "3.,4", "我爱Go语言。", "a\xff", "''--''"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tok := range (Tokenizer{Punct: true}).Tokenize(s) {
			if tok == "" || strings.ContainsFunc(tok, func(r rune) bool { return r == ' ' || r == '\n' }) {
				t.Fatalf("bad token %q from %q", tok, s)
			}
			if !strings.Contains(s, tok) {
				t.Fatalf("token %q not a substring of %q", tok, s)
			}
		}
	})
}
