package text_test

import (
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/corpus"
	"github.com/lingo-nlp/lingo/nlp/text"
)

// sotuText returns the State of the Union corpus as one string, or skips.
func sotuText(b *testing.B) string {
	c, _ := corpus.Get("sotu")
	var sb strings.Builder
	var err error
	for s := range c.Texts(&err) {
		sb.WriteString(s)
		sb.WriteByte('\n')
	}
	if err != nil {
		b.Skip(err)
	}
	return sb.String()
}

// BenchmarkTokenizeSOTU tokenises the State of the Union corpus (1.8 M
// words) with Words; compare with the NLTK 3.8 figure printed by
// testdata/tokenize_peer.py in the same run.
func BenchmarkTokenizeSOTU(b *testing.B) {
	s := sotuText(b)
	b.SetBytes(int64(len(s)))
	b.ResetTimer()
	n := 0
	for b.Loop() {
		n = 0
		for range (text.Tokenizer{Lower: true}).All(s) {
			n++
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkTrainBPE trains a 1,000-id BPE on the first 1 MB of SOTU.
func BenchmarkTrainBPE(b *testing.B) {
	s := sotuText(b)
	s = s[:min(len(s), 1<<20)]
	lines := strings.Split(s, "\n")
	b.ResetTimer()
	for b.Loop() {
		if _, err := text.TrainBPE(func(yield func(string) bool) {
			for _, l := range lines {
				if !yield(l) {
					return
				}
			}
		}, text.BPEConfig{VocabSize: 1000}); err != nil {
			b.Fatal(err)
		}
	}
}
