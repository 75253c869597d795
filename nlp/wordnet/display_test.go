package wordnet

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/plots"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", name, got)
	}
}

// noNetwork checks that HTML output loads nothing from the network.
var remote = regexp.MustCompile(`(src|href)\s*=\s*["']?(https?:)?//`)

func TestDisplays(t *testing.T) {
	wn := openTest(t)
	dog, _ := wn.Synset("dog.n.01")
	panda, _ := wn.Synset("panda.n.01")
	m, err := wn.SimilarityMatrix([]string{"dog", "cat", "car", "eat"}, AnyPOS, (*Synset).WuPalmerSimilarity)
	if err != nil {
		t.Fatal(err)
	}
	lch, err := wn.SimilarityMatrix([]string{"dog", "eat"}, AnyPOS, (*Synset).LCHSimilarity)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		v      plots.Renderer
		golden bool // HTML is ours (not plots'), so it has a golden file too
		mime   string
	}{
		{"synsets_good", wn.Synsets("good", AnyPOS), false, plots.MIMEHTML},
		{"synset_dog", dog, true, plots.MIMEHTML},
		{"chain_panda", Chain(panda.Closure((*Synset).Hypernyms, -1)), true, plots.MIMEHTML},
		{"tree_dog", dog.Tree((*Synset).Hypernyms, -1), true, plots.MIMEHTML},
		{"matrix_wup", m, false, plots.MIMESVG},
		{"matrix_lch_nan", lch, false, plots.MIMESVG},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.v.Render()
			golden(t, tt.name+".txt", b[plots.MIMEText]+"\n")
			rich, ok := b[tt.mime]
			if !ok || rich == "" {
				t.Fatalf("no %s in bundle (keys %v)", tt.mime, keys(b))
			}
			if remote.MatchString(rich) {
				t.Errorf("%s output loads from the network", tt.mime)
			}
			if tt.golden {
				golden(t, tt.name+".html", rich+"\n")
			}
		})
	}
	if got := lch.Values[0][1]; got == got {
		t.Errorf("LCH across parts of speech = %v, want NaN", got)
	}
	if m.Title != "WuPalmerSimilarity" {
		t.Errorf("matrix title %q", m.Title)
	}
	if !strings.Contains(SynsetList(nil).Render()[plots.MIMEText], "no synsets") {
		t.Error("empty list rendering")
	}
	if _, err := wn.SimilarityMatrix([]string{"dog", "qwertyuiop"}, Noun, (*Synset).PathSimilarity); err == nil {
		t.Error("SimilarityMatrix with an unknown word succeeded")
	}
}

func keys(b plots.Bundle) []string {
	var k []string
	for m := range b {
		k = append(k, m)
	}
	return k
}
