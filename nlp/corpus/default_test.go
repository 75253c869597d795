package corpus

import (
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite generated files (default.txt)")

// defaultSeed and defaultSentences fix the generated default corpus.
const (
	defaultSeed      = 1
	defaultSentences = 900
)

func TestDefaultCorpusIsGenerated(t *testing.T) {
	want := generateDefault(defaultSeed, defaultSentences)
	if *update {
		if err := os.WriteFile("default.txt", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if DefaultText() != want {
		t.Fatal("default.txt is stale; run go test ./nlp/corpus -run TestDefaultCorpusIsGenerated -update")
	}
}
