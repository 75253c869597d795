package llm

import (
	"github.com/lingo-nlp/lingo/nlp/instruct"
	"strings"
	"testing"
)

// Every capital of the table is stated in every copy, in documents no
// longer than a mixture chunk; the same seed gives the same documents.
func TestFactsSource(t *testing.T) {
	src, note := FactsSource(2, "", 3, 1)
	if note != "" {
		t.Log(note)
	}
	all := strings.Join(src.Docs, " ")
	facts, _ := instruct.Facts("")
	for _, f := range facts { // "The capital of France is Paris." and its other phrasings
		rest, ok := strings.CutPrefix(f[0], "The capital of ")
		if !ok {
			continue
		}
		country, _, _ := strings.Cut(rest, " is ")
		if n := strings.Count(all, country); n < 3 {
			t.Errorf("%s is mentioned %d times in 3 copies", country, n)
		}
	}
	for i, d := range src.Docs {
		if len(d) > chunkBytes {
			t.Errorf("document %d has %d bytes > %d", i, len(d), chunkBytes)
		}
	}
	if !strings.Contains(all, "Paris") || src.Name != FactsName || src.Weight != 2 {
		t.Errorf("source %q weight %v", src.Name, src.Weight)
	}
	again, _ := FactsSource(2, "", 3, 1)
	if strings.Join(again.Docs, " ") != all {
		t.Error("the same seed gave other documents")
	}
	if instruct.FactCount("") < len(facts) {
		t.Errorf("FactCount %d < %d facts", instruct.FactCount(""), len(facts))
	}
}
