package corpus

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/text"
)

// fortuneFiles are the UTF-8 fortune files of Debian's fortunes-zh: modern
// sayings, the 300 Tang poems and 100 Song lyrics (all simplified Chinese).
var fortuneFiles = []string{"chinese", "tang300", "song100"}

// ansiEscape matches the terminal colour codes fortunes-zh puts around
// titles, authors and attributions.
var ansiEscape = regexp.MustCompile("\x1b\\[[0-9;]*m")

// readFortunes streams the sentences of fortune files: records separated by
// a line "%". Lines that start with a colour code (a title, "作者：…", an
// attribution "-- …") are metadata and skipped; colour codes inside text
// are removed. Doc is "file:record number".
func readFortunes(dir string) seq {
	return func(yield func(Sentence, error) bool) {
		for _, name := range fortuneFiles {
			if !fortuneFile(filepath.Join(dir, name), yield) {
				return
			}
		}
	}
}

func fortuneFile(name string, yield func(Sentence, error) bool) bool {
	f, err := os.Open(name)
	if err != nil {
		yield(Sentence{}, fmt.Errorf("corpus: fortunes-zh: %w", err))
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var rec []string
	n := 0
	flush := func() bool {
		n++
		doc := fmt.Sprintf("%s:%d", filepath.Base(name), n)
		body := strings.Join(rec, "\n")
		rec = rec[:0]
		for s := range text.AllSentences(body) {
			if !yield(Sentence{Text: s, Doc: doc}, nil) {
				return false
			}
		}
		return true
	}
	for sc.Scan() {
		l := sc.Text()
		if l == "%" {
			if !flush() {
				return false
			}
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(l), "\x1b[") {
			continue
		}
		rec = append(rec, ansiEscape.ReplaceAllString(l, ""))
	}
	if err := sc.Err(); err != nil {
		yield(Sentence{}, fmt.Errorf("corpus: fortunes-zh: %s: %w", name, err))
		return false
	}
	return len(rec) == 0 || flush()
}
