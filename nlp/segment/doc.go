// Package segment cuts Chinese text into words.
//
// Chinese is written without spaces between words, so word-level models
// (word2vec, word n-grams) first need a segmenter. Words and Tokens cut
// every run of Han characters with a dictionary and leave the rest of the
// text to text.Tokenizer; Cut is the run segmenter itself, to plug into a
// text.Tokenizer (Tokenizer{Han: segment.Cut}).
//
// The algorithm is jieba's. From a prefix dictionary of words w with
// counts c(w) (total N), every substring of the run that is a dictionary
// word is an edge of a DAG over character positions; the segmentation is
// the path maximising Σ log c(w)/N (a unigram language model over words).
// Runs of single characters left by that path that are not dictionary
// words are re-segmented by a four-state HMM (B, M, E, S: begin, middle,
// end of a word, single) decoded with Viterbi, which finds names and other
// out-of-dictionary words.
//
// The dictionary is jieba 0.42's (about 349,000 words with counts), plus
// the traditional-Chinese words of github.com/go-ego/gse, so that
// traditional text segments as well. It is built from the dictionaries gse
// compiles into the binary and the corrections in counts.txt: gse's loader
// gives every single character the count 2 (地 weighs as little as an
// unknown word, so 高效地理解 became 高效 地理 解), and its simplified
// dictionary differs from jieba's in a few thousand words. The HMM is gse's
// copy of jieba's. Segmentation therefore agrees with jieba's on almost
// every cut between simplified characters; traditional text differs where
// gse's traditional words exist and jieba's dictionary has none.
//
// The dictionaries are turned into a trie on first use, which takes a few
// seconds; no file is read. They make every program that imports this
// package large, which is why it is apart from nlp/text: text.Words
// splits Chinese into characters and links no dictionary.
//
// References: J. Sun, "jieba" Chinese word segmentation (prefix dictionary
// DAG, maximum-probability path, HMM for unknown words), 2012–2020.
//
// Usage:
//
//	segment.Tokens("我来到北京清华大学。") // [我 来到 北京 清华大学 。]
//	segment.Words("青蛙 Frogs")           // [青蛙 frogs]
//	tok := text.Tokenizer{Punct: true, Han: segment.Cut}
package segment
