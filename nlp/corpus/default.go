package corpus

import (
	_ "embed"
	"strings"
)

// defaultText is the generated default corpus; see default_gen.go.
//
//go:embed default.txt
var defaultText string

// DefaultText returns the embedded default corpus, one sentence per line.
func DefaultText() string { return defaultText }

// readDefault streams the embedded corpus; it needs no files.
func readDefault(string) seq {
	return func(yield func(Sentence, error) bool) {
		for line := range strings.Lines(defaultText) {
			if s := strings.TrimSpace(line); s != "" {
				if !yield(Sentence{Text: s, Doc: "default"}, nil) {
					return
				}
			}
		}
	}
}
