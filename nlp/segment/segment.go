package segment

import (
	"sync"

	"github.com/lingo-nlp/lingo/nlp/text"
)

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
	if len(run) <= 4 { // empty or one character (UTF-8 Han is 3 or 4 bytes)
		if run == "" {
			return nil
		}
		if _, size := firstRune(run); size == len(run) {
			return []string{run}
		}
	}
	return load().cut(run)
}

var (
	defaultOnce sync.Once
	defaultSeg  *segmenter
)

// load builds the default segmenter once.
func load() *segmenter {
	defaultOnce.Do(func() { defaultSeg = newDefault() })
	return defaultSeg
}
