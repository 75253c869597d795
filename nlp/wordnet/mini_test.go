package wordnet

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// miniSynset describes one synset of a tiny generated database.
type miniSynset struct {
	pos   POS
	words []string
	ptrs  [][2]string // symbol, target id
	gloss string
}

// writeMiniDB writes a small dictionary directory in the wndb(5WN) format
// from synsets keyed by id, with offsets computed from the line lengths.
// It needs no installed WordNet.
func writeMiniDB(t *testing.T, ids []string, syn map[string]miniSynset) string {
	t.Helper()
	dir := t.TempDir()
	header := "  1 mini WordNet for tests\n"
	offsets := map[string]int{}
	line := func(id string, off int) string {
		s := syn[id]
		var b strings.Builder
		fmt.Fprintf(&b, "%08d 03 %c %02x", off, s.pos, len(s.words))
		for _, w := range s.words {
			b.WriteString(" " + w + " 0")
		}
		fmt.Fprintf(&b, " %03d", len(s.ptrs))
		for _, p := range s.ptrs {
			fmt.Fprintf(&b, " %s %08d %c 0000", p[0], offsets[p[1]], syn[p[1]].pos)
		}
		fmt.Fprintf(&b, " | %s  \n", s.gloss)
		return b.String()
	}
	files := map[byte]*strings.Builder{}
	index := map[byte]map[string][]string{}
	for _, fp := range filePOS {
		files[byte(fp)] = &strings.Builder{}
		files[byte(fp)].WriteString(header)
		index[byte(fp)] = map[string][]string{}
	}
	for _, id := range ids { // first pass: offsets (lines have fixed width)
		p := byte(syn[id].pos)
		if p == 's' {
			p = 'a'
		}
		offsets[id] = files[p].Len()
		files[p].WriteString(line(id, 0))
	}
	for _, fp := range filePOS {
		files[byte(fp)].Reset()
		files[byte(fp)].WriteString(header)
	}
	for _, id := range ids {
		p := byte(syn[id].pos)
		if p == 's' {
			p = 'a'
		}
		files[p].WriteString(line(id, offsets[id]))
		for _, w := range syn[id].words {
			w = strings.ToLower(w)
			index[p][w] = append(index[p][w], fmt.Sprintf("%08d", offsets[id]))
		}
	}
	for i, name := range fileNames {
		p := byte(filePOS[i])
		var ix strings.Builder
		ix.WriteString(header)
		for w, offs := range index[p] {
			fmt.Fprintf(&ix, "%s %c %d 0 %d 0 %s  \n", w, p, len(offs), len(offs), strings.Join(offs, " "))
		}
		for f, text := range map[string]string{"data." + name: files[p].String(), "index." + name: ix.String(), name + ".exc": ""} {
			if err := os.WriteFile(filepath.Join(dir, f), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// TestMiniDatabase checks the reader on a generated database, and that a
// hypernym cycle (absent from WordNet, possible in corrupt files) ends
// every traversal instead of recursing forever.
func TestMiniDatabase(t *testing.T) {
	ids := []string{"a", "b", "c", "v", "j", "r"}
	dir := writeMiniDB(t, ids, map[string]miniSynset{
		"a": {pos: Noun, words: []string{"alpha"}, ptrs: [][2]string{{"@", "b"}}, gloss: `first; "an alpha"`},
		"b": {pos: Noun, words: []string{"beta", "Bet"}, ptrs: [][2]string{{"@", "a"}}, gloss: "second"},
		"c": {pos: Noun, words: []string{"gamma", "alpha"}, ptrs: [][2]string{{"@", "a"}}, gloss: "third"},
		"v": {pos: Verb, words: []string{"go"}, gloss: "move"},
		"j": {pos: Adj, words: []string{"big"}, gloss: "large"},
		"r": {pos: Adv, words: []string{"fast"}, gloss: "quickly"},
	})
	wn, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer wn.Close()
	got := SynsetList(wn.Synsets("Alphas", AnyPOS)).Names()
	if strings.Join(got, " ") != "alpha.n.01 gamma.n.01" {
		t.Errorf("Synsets(Alphas) = %v", got)
	}
	a, err := wn.Synset("alpha.n.01")
	if err != nil {
		t.Fatal(err)
	}
	if a.Definition() != "first" || len(a.Examples()) != 1 || a.Lexname() != "noun.Tops" {
		t.Errorf("alpha: %q %q %q", a.Definition(), a.Examples(), a.Lexname())
	}
	c, _ := wn.Synset("alpha.n.02")
	if c.Name() != "gamma.n.01" {
		t.Errorf("alpha.n.02 is %v, want gamma.n.01", c)
	}
	// The cycle alpha ↔ beta: everything terminates.
	_ = c.MaxDepth() + c.MinDepth()
	_ = c.HypernymPaths()
	_ = c.RootHypernyms()
	_ = c.Closure((*Synset).Hypernyms, -1)
	_ = c.Tree((*Synset).Hypernyms, -1).String()
	_ = c.PathSimilarity(a) + c.WuPalmerSimilarity(a) + c.LCHSimilarity(a)
	v, _ := wn.Synset("go.v.01")
	if got := v.PathSimilarity(c); got != 1.0/5 { // go → *ROOT* (1) and gamma → alpha → beta → *ROOT* (3)
		t.Errorf("path(go, gamma) = %v, want 0.2", got)
	}
	if err := wn.Err(); err != nil {
		t.Error(err)
	}
}
