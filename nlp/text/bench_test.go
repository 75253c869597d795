package text_test

import (
	"os"
	"regexp"
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

// chineseMB returns about 1 MB of modern Chinese from Debian's fortunes-zh.
func chineseMB(b *testing.B) string {
	raw, err := os.ReadFile("/usr/share/games/fortunes/chinese")
	if err != nil {
		b.Skip("fortunes-zh not installed: ", err)
	}
	s := regexp.MustCompile("\x1b\\[[0-9;]*m|\n%\n").ReplaceAllString(string(raw), "\n")
	cut := 1 << 20
	for cut < len(s) && s[cut]&0xC0 == 0x80 {
		cut++
	}
	return s[:min(cut, len(s))]
}

// BenchmarkSegmentChinese segments 1 MB of Chinese with the gse dictionary
// (loaded before the timer starts).
func BenchmarkSegmentChinese(b *testing.B) {
	s := chineseMB(b)
	text.Segment("预热")
	chars := len([]rune(s))
	b.SetBytes(int64(len(s)))
	b.ResetTimer()
	for b.Loop() {
		text.Segment(s)
	}
	b.ReportMetric(float64(chars)*float64(b.N)/b.Elapsed().Seconds(), "chars/s")
}

// BenchmarkSegmenterLoad measures the one-time dictionary load in a fresh
// process: run with -count 1 -run X -bench SegmenterLoad -benchtime 1x.
func BenchmarkSegmenterLoad(b *testing.B) {
	for b.Loop() {
		text.Segment("青蛙")
	}
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
