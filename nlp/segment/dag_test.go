package segment

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

// mapLexicon is a lexicon from a map; prefixes are computed from its words.
type mapLexicon map[string]float64

func (m mapLexicon) lookup(w string) (float64, bool) {
	if c, ok := m[w]; ok {
		return c, true
	}
	for k := range m {
		if strings.HasPrefix(k, w) {
			return 0, true
		}
	}
	return 0, false
}

func TestCutRoute(t *testing.T) {
	// Counts and total from jieba 0.42.1's dict.txt. The route maximises
	// the product of count/total: 地·理解 = 160541·5620 beats
	// 地理·解 = 8066·5923, so jieba cuts 高效 地 理解; with 地 and 解 at
	// gse's count 2 the other path would win.
	lex := mapLexicon{"地": 160541, "理解": 5620, "地理": 8066, "解": 5923, "高效": 1139, "高": 100, "效": 100, "理": 100}
	sg := &segmenter{lex: lex, logTotal: math.Log(60101967)}
	if got, want := sg.cut("高效地理解"), []string{"高效", "地", "理解"}; !reflect.DeepEqual(got, want) {
		t.Errorf("cut = %q, want %q", got, want)
	}
	lex["地"], lex["解"] = 2, 2
	if got, want := sg.cut("高效地理解"), []string{"高效", "地理", "解"}; !reflect.DeepEqual(got, want) {
		t.Errorf("with gse's counts: cut = %q, want %q", got, want)
	}
}

func TestCutUnknownRuns(t *testing.T) {
	var got []string
	sg := &segmenter{
		lex:      mapLexicon{"北京": 10, "京": 5},
		logTotal: math.Log(100),
		hmm: func(s string) []string {
			got = append(got, s)
			return []string{s} // one word, as the HMM might find a name
		},
	}
	// 杭研 is no word: the HMM sees it; 北京 is a word of the route.
	if words := sg.cut("杭研北京"); !reflect.DeepEqual(words, []string{"杭研", "北京"}) {
		t.Errorf("cut = %q", words)
	}
	if !reflect.DeepEqual(got, []string{"杭研"}) {
		t.Errorf("HMM saw %q, want [杭研]", got)
	}
	// An HMM that loses text is ignored: characters stay single.
	sg.hmm = func(string) []string { return []string{"x"} }
	if words := sg.cut("杭研"); !reflect.DeepEqual(words, []string{"杭", "研"}) {
		t.Errorf("cut with a bad HMM = %q", words)
	}
}

func FuzzCut(f *testing.F) {
	for _, s := range []string{"", "我", "我们在清华大学", "a\xff中", "\xe4\xb8", "北京北京北京", "𠀀𠀁中"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words := Cut(s)
		if strings.Join(words, "") != s {
			t.Fatalf("Cut(%q) = %q does not concatenate to the input", s, words)
		}
		for _, w := range words {
			if w == "" {
				t.Fatalf("Cut(%q) has an empty word", s)
			}
		}
	})
}
