package lessons

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// notShown are prose strings of the lessons' code that are data, not
// messages: test sentences the BLEU checker scores (shown quoted, as data)
// and a character vocabulary.
var notShown = map[string]bool{
	"the cat sat on the mat": true,
	"the cat sat on a mat":   true,
	"the the the the":        true,
	"the cat is on the mat":  true,
	"the cat the cat":        true,
	"the cat":                true,
	"abcdefgh ij\n":          true,
	"lmex: %w":               true, // an error's package prefix
	// instructions and model responses the llmex checkers feed to the
	// template and to answer extraction (English data the model reads)
	"Reverse the letters.": true,
	"Compute the result.":  true,
	"Answer briefly.":      true,
	" units 8 - 2 = 6, tens 8; so 86. The answer is 86.\n": true,
	" t-a-c\nInstruction: Reverse the letters.":            true,
	" The answer is 5. The answer is 7.\n":                 true,
	" Nairobi":                                             true,
	"  positive .\n":                                       true,
	" units 1 + 1 = 2, tens 3; so 32. The answer is 32.\nInput: 1 + 1\nAnswer: The answer is 2.": true,
	// the bigrams of the noisy-channel exercise's toy language model
	"i like":           true,
	"me like":          true,
	"i fond":           true,
	"like cat":         true,
	"like modem":       true,
	"cat </s>":         true,
	"modem </s>":       true,
	"<s> the":          true,
	"<s> this":         true,
	"the letter":       true,
	"this book":        true,
	"book interesting": true,
	"book fun":         true,
	"letter fun":       true,
	"interesting </s>": true,
	"fun </s>":         true,
	"<s> yes":          true,
	"<s> right":        true,
	"<s> correct":      true,
	"yes </s>":         true,
	"right </s>":       true,
	"correct </s>":     true,
}

// notMessages are files whose strings are not feedback: the lesson index
// (titles shown in the English index only), the HTML of the feedback box,
// and this file's own error.
var notMessages = map[string]bool{"index.go": true, "feedback.go": true, "language.go": true, "zh.go": true}

// toolDirs are packages for the course's authors, not its students: the
// editions' drift check and its command.
var toolDirs = map[string]bool{"editions": true, "zhsync": true}

// TestEveryMessageHasChinese fails if a checker can show a student English
// prose that the Chinese catalogue does not translate: every prose string of
// lessons and lessons/*ex (literal, fmt format, or concatenation read as a
// format) must be a key of zhCatalogue. Adding a checker or a hint means
// adding its translation to zh.go.
func TestEveryMessageHasChinese(t *testing.T) {
	msgs, err := shownStrings(".")
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) < 250 {
		t.Fatalf("found only %d strings: is the scan broken?", len(msgs))
	}
	missing := 0
	for _, m := range msgs {
		path := strings.SplitN(m.pos, ":", 2)[0]
		file, dir := filepath.Base(path), strings.SplitN(filepath.ToSlash(path), "/", 2)[0]
		if notShown[m.text] || notMessages[file] && filepath.Dir(path) == "." || toolDirs[dir] {
			continue
		}
		if _, ok := zhCatalogue.exact[m.text]; !ok {
			missing++
			t.Errorf("%s: no Chinese for %q", m.pos, m.text)
		}
	}
	// feedback.go's own messages, checked by hand since its HTML is not prose to translate
	for _, k := range []string{"hint", "item %d is %q, expected %q", "you have %d items, expected %d", "all %d items are right",
		"%.4g is right (expected %.4g ± %.2g)", "%.4g is not %.4g (± %.2g)", "your function panicked: %v"} {
		if _, ok := zhCatalogue.exact[k]; !ok {
			t.Errorf("feedback.go: no Chinese for %q", k)
		}
	}
	t.Logf("%d strings, %d without Chinese", len(msgs), missing)
}

// TestCatalogueVerbs: every translation uses as many verbs as its English
// key (or indexed verbs %[n]v within range), so no argument is lost or
// invented, and every translation has Chinese in it.
func TestCatalogueVerbs(t *testing.T) {
	for en, zh := range zhCatalogue.exact {
		want := 0
		for _, v := range verb.FindAllString(en, -1) {
			if v != "%%" {
				want++
			}
		}
		got, maxIndex := 0, 0
		for _, m := range verb.FindAllStringSubmatch(zh, -1) {
			if m[0] == "%%" {
				continue
			}
			got++
			if m[1] != "" {
				var i int
				for _, r := range m[1] {
					if r >= '0' && r <= '9' {
						i = i*10 + int(r-'0')
					}
				}
				maxIndex = max(maxIndex, i)
			}
		}
		if got != want || maxIndex > want {
			t.Errorf("%q → %q: %d verbs for %d (largest index %d)", en, zh, got, want, maxIndex)
		}
		if !strings.ContainsFunc(zh, func(r rune) bool { return unicode.Is(unicode.Han, r) }) && en != zh {
			t.Errorf("%q → %q: no Chinese in the translation", en, zh)
		}
	}
}

// TestTranslate: plain keys, formats, formats nested in formats, appended
// suffixes, reordered arguments, unknown text left alone, and English mode.
func TestTranslate(t *testing.T) {
	if err := SetLanguage("zh"); err != nil {
		t.Fatal(err)
	}
	defer SetLanguage("en")
	cases := []struct{ en, zh string }{
		{"walk up the hypernyms", "沿上位词向上走"},
		{"your chain is empty", "你的链是空的"},
		// walkup.go: "for "+s.Name()+": "+msg with msg from a format
		{"for giant_panda.n.01: your chain stops at giant_panda.n.01, which still has hypernyms (procyonid.n.01); go on up to the root",
			"对于 giant_panda.n.01：你的链停在 giant_panda.n.01，但它还有上位词（procyonid.n.01）；继续向上走到根"},
		// logprob.go: a format, then a suffix appended with +=
		{`for "we must act", token 2 (must): -1.5, expected ln P = -3.2 (that is log10: use the natural log, m.LogProb)`,
			`对于 "we must act"，第 2 个词元（must）：-1.5，应为 ln P = -3.2（这是 log10：要用自然对数 m.LogProb）`},
		// mle.go: a suffix passed as the last %s
		{`P(the | "the price of") = 0, expected 11/93 = 0.11828 (0: an int division? convert the counts to float64 first)`,
			`P(the | "the price of") = 0，应为 11/93 = 0.11828（得到 0：是整数除法吗？先把计数转成 float64）`},
		// attention.go: a suffix with a verb
		{"row 2[1] = 0.5, expected 0.25; the row sums to 1.2500, not 1", "第 2 行[1] = 0.5，应为 0.25；这一行的和是 1.2500，不是 1"},
		// reordered arguments
		{"count 60000 of 1000000 tokens, sample 0.001", "1000000 个词元中计数为 60000，sample 为 0.001"},
		{"something no catalogue knows", "something no catalogue knows"},
	}
	for _, c := range cases {
		if got := Translate(c.en); got != c.zh {
			t.Errorf("Translate(%q)\n got %q\nwant %q", c.en, got, c.zh)
		}
	}
	fb := Fail("walk up the hypernyms", "your chain is empty", "start the chain with the synset itself: chain := []*wordnet.Synset{s}")
	if s := fb.String(); !strings.Contains(s, "✗ 沿上位词向上走: 你的链是空的") || !strings.Contains(s, "提示: 链从同义词集本身开始") {
		t.Errorf("Fail in zh:\n%s", s)
	}
	if fb := Equal("x", []string{"a"}, []string{"a", "b"}); fb.Message != "你有 1 项，应为 2 项" {
		t.Errorf("Equal in zh: %q", fb.Message)
	}
	SetLanguage("en")
	if got := Translate("your chain is empty"); got != "your chain is empty" {
		t.Errorf("English mode translated: %q", got)
	}
	if fb := Fail("walk up the hypernyms", "your chain is empty"); fb.Exercise != "walk up the hypernyms" {
		t.Errorf("English Fail: %+v", fb)
	}
}

func TestSetLanguageRejects(t *testing.T) {
	if err := SetLanguage("fr"); err == nil || !strings.Contains(err.Error(), `"fr"`) {
		t.Errorf("SetLanguage(fr) = %v", err)
	}
	if Language() != "en" {
		t.Errorf("a rejected language changed the language to %q", Language())
	}
}
