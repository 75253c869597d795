package segment

import (
	"sync"
	"unicode/utf8"

	"github.com/go-ego/gse"

	"github.com/lingo-nlp/lingo/nlp/text"
)

var (
	segOnce   sync.Once
	segmenter gse.Segmenter
)

func loadSegmenter() {
	segOnce.Do(func() {
		segmenter.SkipLog = true
		// LoadDictEmbed("zh") reads only the strings embedded in the gse
		// package; it never touches the file system. It cannot fail for
		// the embedded dictionary.
		_ = segmenter.LoadDictEmbed("zh")
	})
}

// Tokens splits Chinese (simplified or traditional) into words, and any
// other text in s into tokens as text.Tokenizer{Punct: true} would, so
// mixed text like "我爱Go语言。" gives [我 爱 Go 语言 。]. Whitespace is
// dropped. The first call loads the dictionary (a few seconds).
func Tokens(s string) []string {
	return text.Tokenizer{Punct: true, Han: Cut}.Tokenize(s)
}

// Words splits s into lowercased words without punctuation, segmenting
// Chinese: text.Tokenizer{Lower: true, Han: Cut}.Tokenize(s). It is
// text.Words with Chinese words instead of characters.
func Words(s string) []string {
	return text.Tokenizer{Lower: true, Han: Cut}.Tokenize(s)
}

// Cut segments a run of Han characters into words, as text.Tokenizer
// passes it (Tokenizer{Han: Cut}). The words concatenate to run. For text
// with other characters, use Tokens or Words.
func Cut(run string) []string {
	if utf8.RuneCountInString(run) <= 1 {
		if run == "" {
			return nil
		}
		return []string{run}
	}
	loadSegmenter()
	return segmenter.Cut(run, true)
}
