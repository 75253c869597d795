package text

import (
	"reflect"
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	// Expected splits written by hand from the rules in AllSentences.
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"whitespace", " \n\n\t ", nil},
		{"no terminator", "just words", []string{"just words"}},
		{"simple", "The cat sat. The dog ran! Did it? Yes.",
			[]string{"The cat sat.", "The dog ran!", "Did it?", "Yes."}},
		{"abbreviation", "Dr. Smith met Mr. Jones at 5 p.m. today. They talked.",
			[]string{"Dr. Smith met Mr. Jones at 5 p.m. today.", "They talked."}},
		{"initials", "J. R. R. Tolkien wrote it. It is long.",
			[]string{"J. R. R. Tolkien wrote it.", "It is long."}},
		{"decimal", "Pi is 3.14 roughly. Yes.", []string{"Pi is 3.14 roughly.", "Yes."}},
		{"quotes", `"Stop!" he said. "Why?" She asked. Fine.`,
			[]string{`"Stop!" he said.`, `"Why?"`, "She asked.", "Fine."}},
		{"ellipsis", "Wait... Then go.", []string{"Wait...", "Then go."}},
		{"wrapped lines", "A long\nsentence here.\nNext one.", []string{"A long sentence here.", "Next one."}},
		{"paragraph", "Heading\n\nBody text. More", []string{"Heading", "Body text.", "More"}},
		{"chinese", "今天天气很好。我们去公园吧！你来吗？", []string{"今天天气很好。", "我们去公园吧！", "你来吗？"}},
		{"chinese wrapped", "当你需要帮助的时候，\n主动求助。好的", []string{"当你需要帮助的时候，主动求助。", "好的"}},
		{"chinese quotes", "子曰：“学而时习之。”然后", []string{"子曰：“学而时习之。”", "然后"}},
		{"mixed", "I love 青蛙。They are green.", []string{"I love 青蛙。", "They are green."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sentences(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sentences(%q) =\n %q\nwant\n %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSentencesLong(t *testing.T) {
	in := strings.Repeat("One more sentence here. ", 50000)
	if got := len(Sentences(in)); got != 50000 {
		t.Fatalf("got %d sentences, want 50000", got)
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{"", "a. b", "Mr. X.", "。。", "\n\n", "\"!\"", "a\xff. B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for sent := range AllSentences(s) {
			if sent == "" || strings.TrimSpace(sent) != sent {
				t.Fatalf("bad sentence %q from %q", sent, s)
			}
		}
	})
}
