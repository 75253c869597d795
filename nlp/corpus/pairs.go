package corpus

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"
)

// readDingPairs streams German–English sentence pairs from the Ding
// dictionary of Debian's trans-de-en (/usr/share/trans/de-en). A line is
// "German :: English"; both sides list alternatives separated by " | ",
// aligned one to one, and synonyms separated by "; ". Most alternatives are
// headwords and inflections; the sentence-like ones (an upper-case start, a
// final . ! or ?, at least three words on each side) are usage examples,
// and those are the pairs yielded, first synonym of each side, with
// bracketed annotations such as {f} or [Br.] removed.
func readDingPairs(name string) seq {
	return func(yield func(Sentence, error) bool) {
		f, err := os.Open(name)
		if err != nil {
			yield(Sentence{}, fmt.Errorf("corpus: de-en: %w", err))
			return
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			for _, p := range dingPairs(sc.Text()) {
				if !yield(p, nil) {
					return
				}
			}
		}
		if err := sc.Err(); err != nil {
			yield(Sentence{}, fmt.Errorf("corpus: de-en: %w", err))
		}
	}
}

// dingPairs extracts the sentence pairs of one dictionary line.
func dingPairs(line string) []Sentence {
	if strings.HasPrefix(line, "#") {
		return nil
	}
	de, en, ok := strings.Cut(line, " :: ")
	if !ok {
		return nil
	}
	des, ens := strings.Split(de, " | "), strings.Split(en, " | ")
	if len(des) != len(ens) {
		return nil
	}
	var out []Sentence
	for i := range des {
		d, e := firstSynonym(des[i]), firstSynonym(ens[i])
		if sentenceLike(d) && sentenceLike(e) {
			out = append(out, Sentence{Text: d, Target: e})
		}
	}
	return out
}

// firstSynonym returns the first "; "-separated alternative, without
// {…} [...] <…> annotations.
func firstSynonym(s string) string {
	if i := strings.Index(s, "; "); i >= 0 && i > 0 && strings.ContainsAny(s[i-1:i], ".!?") {
		s = s[:i]
	}
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '{', '[', '<':
			depth++
		case '}', ']', '>':
			if depth > 0 {
				depth--
			}
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	for _, p := range []string{".", "?", "!", ","} {
		out = strings.ReplaceAll(out, " "+p, p) // "schläft {v}." → "schläft."
	}
	return out
}

// sentenceLike reports whether s looks like a sentence rather than a
// dictionary headword.
func sentenceLike(s string) bool {
	if len(strings.Fields(s)) < 3 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsUpper(first) && strings.ContainsRune(".!?", last)
}
