package history_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/lingo-nlp/lingo/kernel/history"
)

// The package's usage: record a cell and ask for the last ones, as a
// frontend's history_request does.
func Example() {
	dataDir, _ := os.MkdirTemp("", "history-example")
	defer os.RemoveAll(dataDir)
	h, err := history.Open(filepath.Join(dataDir, "history.jsonl"), history.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	err = h.Add(1, "x := 1", "")
	entries := h.Query(history.Request{HistAccessType: "tail", N: 10})
	fmt.Println(len(entries), entries[0][2], err)
	// Output: 1 x := 1 <nil>
}
