package editions_test

import (
	"fmt"
	"path/filepath"

	"github.com/lingo-nlp/lingo/lessons/editions"
)

// The package's usage on lesson 04: after Sync (in memory here; zhsync
// writes the file) the Chinese edition has no drift.
func Example() {
	dir := filepath.Join("..", "..", "notebooks")
	en, err := editions.Read(filepath.Join(dir, "04-ngram-lm.ipynb"))
	if err != nil {
		fmt.Println(err)
		return
	}
	zh, err := editions.Read(filepath.Join(dir, "zh", "04-ngram-lm.ipynb"))
	if err != nil {
		fmt.Println(err)
		return
	}
	drift := editions.Check(en, zh) // one line per difference
	report := editions.Sync(en, zh) // then zh.WriteFile(…)
	fmt.Println(len(report) >= len(drift), len(editions.Check(en, zh)))
	// Output: true 0
}
