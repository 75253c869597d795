package segment_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/segment"
)

// chineseMB returns about 1 MB of modern Chinese from Debian's fortunes-segment.
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

// BenchmarkTokensChinese segments 1 MB of Chinese with the gse dictionary
// (loaded before the timer starts).
func BenchmarkTokensChinese(b *testing.B) {
	s := chineseMB(b)
	segment.Tokens("预热")
	chars := len([]rune(s))
	b.SetBytes(int64(len(s)))
	b.ResetTimer()
	for b.Loop() {
		segment.Tokens(s)
	}
	b.ReportMetric(float64(chars)*float64(b.N)/b.Elapsed().Seconds(), "chars/s")
}

// BenchmarkSegmenterLoad measures the one-time dictionary load in a fresh
// process: run with -count 1 -run X -bench SegmenterLoad -benchtime 1x.
func BenchmarkSegmenterLoad(b *testing.B) {
	for b.Loop() {
		segment.Tokens("青蛙")
	}
}
