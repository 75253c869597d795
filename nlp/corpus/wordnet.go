package corpus

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// readWordNetGlosses streams the glosses of WordNet 3.0's data.noun,
// data.verb, data.adj and data.adv. Each synset line ends with
// "| definition; "example"; "example"": the definition is one item and each
// quoted example another. Doc is the synset id "offset-pos" ("00001740-v").
func readWordNetGlosses(dir string) seq {
	return func(yield func(Sentence, error) bool) {
		for _, pos := range []string{"noun", "verb", "adj", "adv"} {
			if !glossesOfFile(filepath.Join(dir, "data."+pos), yield) {
				return
			}
		}
	}
}

func glossesOfFile(name string, yield func(Sentence, error) bool) bool {
	f, err := os.Open(name)
	if err != nil {
		yield(Sentence{}, fmt.Errorf("corpus: wordnet: %w", err))
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		l := sc.Text()
		if strings.HasPrefix(l, "  ") || l == "" {
			continue // licence header
		}
		head, gloss, ok := strings.Cut(l, " | ")
		fields := strings.Fields(head)
		if !ok || len(fields) < 3 {
			yield(Sentence{}, fmt.Errorf("corpus: wordnet: %s:%d: no gloss in synset line", name, line))
			return false
		}
		doc := fields[0] + "-" + fields[2]
		for _, part := range splitGloss(gloss) {
			if !yield(Sentence{Text: part, Doc: doc}, nil) {
				return false
			}
		}
	}
	if err := sc.Err(); err != nil {
		yield(Sentence{}, fmt.Errorf("corpus: wordnet: %s: %w", name, err))
		return false
	}
	return true
}

// splitGloss separates a gloss into its definition and its quoted examples.
func splitGloss(g string) []string {
	g = strings.TrimSpace(g)
	var out []string
	def := g
	if i := strings.Index(g, `"`); i >= 0 {
		def = g[:i]
		rest := g[i:]
		for rest != "" {
			j := strings.Index(rest[1:], `"`)
			if j < 0 {
				break
			}
			if ex := strings.TrimSpace(rest[1 : j+1]); ex != "" {
				out = append(out, ex)
			}
			rest = rest[j+2:]
			k := strings.Index(rest, `"`)
			if k < 0 {
				break
			}
			rest = rest[k:]
		}
	}
	def = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(def), ";"))
	if def != "" {
		out = append([]string{def}, out...)
	}
	return out
}
