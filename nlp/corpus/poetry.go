package corpus

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/text"
)

// poem is one entry of the chinese-poetry JSON files.
type poem struct {
	Author     string   `json:"author"`
	Title      string   `json:"title"`
	Rhythmic   string   `json:"rhythmic"` // Song ci: the tune name
	Paragraphs []string `json:"paragraphs"`
}

// readPoetry streams the poems of npm chinese-poetry as installed by
// install-data.sh: tang/poet.tang.*.json (全唐诗, in traditional characters,
// converted to simplified here) and songci/ci.song.*.json (全宋词). Each file
// is a JSON array of poems; each line of a poem is split into sentences
// (。！？). Doc is "author《title》".
func readPoetry(dir string) seq {
	return func(yield func(Sentence, error) bool) {
		var files []string
		for _, pat := range []string{"tang/*.json", "songci/*.json"} {
			m, _ := filepath.Glob(filepath.Join(dir, pat))
			slices.SortFunc(m, compareNumbered)
			files = append(files, m...)
		}
		if len(files) == 0 {
			yield(Sentence{}, fmt.Errorf("corpus: chinese-poetry: no JSON files under %s", dir))
			return
		}
		for _, name := range files {
			if !poemsOfFile(name, yield) {
				return
			}
		}
	}
}

func poemsOfFile(name string, yield func(Sentence, error) bool) bool {
	f, err := os.Open(name)
	if err != nil {
		yield(Sentence{}, fmt.Errorf("corpus: chinese-poetry: %w", err))
		return false
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		yield(Sentence{}, fmt.Errorf("corpus: chinese-poetry: %s: not a JSON array", name))
		return false
	}
	for dec.More() {
		var p poem
		if err := dec.Decode(&p); err != nil {
			yield(Sentence{}, fmt.Errorf("corpus: chinese-poetry: %s: %w", name, err))
			return false
		}
		title := cmp.Or(p.Title, p.Rhythmic)
		doc := text.ToSimplified(p.Author + "《" + title + "》")
		for _, para := range p.Paragraphs {
			for s := range text.AllSentences(text.ToSimplified(para)) {
				if !yield(Sentence{Text: s, Doc: doc}, nil) {
					return false
				}
			}
		}
	}
	return true
}

// compareNumbered orders "poet.tang.2000.json" before "poet.tang.10000.json".
func compareNumbered(a, b string) int {
	na, nb := numberIn(a), numberIn(b)
	if na != nb {
		return na - nb
	}
	return strings.Compare(a, b)
}

func numberIn(s string) int {
	n, seen := 0, false
	for _, r := range filepath.Base(s) {
		if r >= '0' && r <= '9' {
			n, seen = n*10+int(r-'0'), true
		} else if seen {
			break
		}
	}
	return n
}
