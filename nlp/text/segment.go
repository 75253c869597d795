package text

import (
	"sync"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// The Chinese segmenter is gse with the simplified and traditional Chinese
// dictionaries that gse compiles into the binary with go:embed (about
// 590,000 entries; they add about 33 MB to a binary, 24 MB of which is
// gse's Japanese dictionary, referenced by the same loader). Building the
// trie takes 2–4 s and lifts peak memory to about 300 MB, so it happens
// once, on first use; no file is read.
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

// Segment splits Chinese (simplified or traditional) into words, and any
// other text in s into tokens as Tokenizer{Punct: true} would, so mixed
// text like "我爱Go语言。" gives [我 爱 Go 语言 。]. Whitespace is dropped.
// The first call loads the dictionary (about two seconds).
//
// Segmentation uses the prefix-dictionary DAG with maximum-probability path
// and an HMM for out-of-dictionary words (jieba's algorithm); see the
// package documentation.
func Segment(s string) []string {
	return Tokenizer{Punct: true}.Tokenize(s)
}

// segmentHan segments a run consisting only of Han characters.
func segmentHan(run string) []string {
	if utf8.RuneCountInString(run) == 1 {
		return []string{run}
	}
	loadSegmenter()
	return segmenter.Cut(run, true)
}
