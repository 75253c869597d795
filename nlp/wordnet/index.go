package wordnet

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// lemmaIndex is one index.* file in memory: lemma → the byte offsets of
// its synsets in the data file, in WordNet's sense order (most frequent
// sense first). That order is what numbers synset names: "dog.n.01" is
// the first offset listed for "dog" in index.noun.
type lemmaIndex struct {
	spans   map[string]span
	offsets []uint32
}

type span struct{ first, n uint32 }

// load parses an index file. Each non-header line reads
//
//	lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…
//
// (wndb(5WN)); header lines start with a space.
func (ix *lemmaIndex) load(path string) error {
	text, err := readFile(path)
	if err != nil {
		return err
	}
	name := filepath.Base(path)
	ix.spans = make(map[string]span, strings.Count(text, "\n"))
	ix.offsets = make([]uint32, 0, strings.Count(text, "\n")*2)
	lineNo := 0
	for len(text) > 0 {
		lineNo++
		var line string
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			line, text = text, ""
		}
		if line == "" || line[0] == ' ' {
			continue
		}
		lemma, offs, err := parseIndexLine(line, ix.offsets)
		if err != nil {
			return fmt.Errorf("wordnet: %s line %d: %w", name, lineNo, err)
		}
		first := uint32(len(ix.offsets))
		ix.offsets = offs
		ix.spans[lemma] = span{first, uint32(len(offs)) - first}
	}
	if len(ix.spans) == 0 {
		return fmt.Errorf("wordnet: %s has no entries", name)
	}
	return nil
}

// parseIndexLine appends the synset offsets of one index line to offs.
func parseIndexLine(line string, offs []uint32) (lemma string, _ []uint32, err error) {
	f := fieldIter{s: line}
	lemma = f.next()
	if lemma == "" {
		return "", offs, fmt.Errorf("empty line")
	}
	if f.next() == "" {
		return "", offs, fmt.Errorf("missing part of speech")
	}
	nSynsets, err := f.int(10)
	if err != nil || nSynsets <= 0 {
		return "", offs, fmt.Errorf("bad synset count")
	}
	nPointers, err := f.int(10)
	if err != nil || nPointers < 0 {
		return "", offs, fmt.Errorf("bad pointer count")
	}
	for range nPointers {
		if f.next() == "" {
			return "", offs, fmt.Errorf("missing pointer symbol")
		}
	}
	nSenses, err := f.int(10)
	if err != nil || nSenses != nSynsets {
		return "", offs, fmt.Errorf("sense count does not match synset count %d", nSynsets)
	}
	if _, err := f.int(10); err != nil {
		return "", offs, fmt.Errorf("bad tagged sense count")
	}
	for range nSynsets {
		o, err := f.int(10)
		if err != nil || o < 0 || o > 1<<31 {
			return "", offs, fmt.Errorf("bad synset offset")
		}
		offs = append(offs, uint32(o))
	}
	return lemma, offs, nil
}

// lookup returns the synset offsets of lemma, or nil.
func (ix *lemmaIndex) lookup(lemma string) []uint32 {
	sp, ok := ix.spans[lemma]
	if !ok {
		return nil
	}
	return ix.offsets[sp.first : sp.first+sp.n : sp.first+sp.n]
}

// has reports whether lemma is in the index.
func (ix *lemmaIndex) has(lemma string) bool {
	_, ok := ix.spans[lemma]
	return ok
}

// loadExceptions reads an exception list (noun.exc, …): each line is an
// inflected form followed by its base forms.
func loadExceptions(path string) (map[string][]string, error) {
	text, err := readFile(path)
	if err != nil {
		return nil, err
	}
	m := make(map[string][]string, strings.Count(text, "\n"))
	for line := range strings.Lines(text) {
		terms := strings.Fields(line)
		if len(terms) == 0 {
			continue
		}
		m[terms[0]] = terms[1:]
	}
	return m, nil
}

// fieldIter walks the space-separated fields of a line without allocating.
type fieldIter struct{ s string }

// next returns the next field, or "" at the end.
func (f *fieldIter) next() string {
	s := f.s
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	j := i
	for j < len(s) && !isSpace(s[j]) {
		j++
	}
	f.s = s[j:]
	return s[i:j]
}

// int parses the next field as an integer in base 10 or 16.
func (f *fieldIter) int(base int) (int, error) {
	t := f.next()
	if t == "" {
		return 0, fmt.Errorf("missing field")
	}
	v, err := strconv.ParseInt(t, base, 64)
	if err != nil {
		return 0, fmt.Errorf("bad number %q", t)
	}
	return int(v), nil
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}
