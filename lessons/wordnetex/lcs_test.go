package wordnetex

import (
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/wordnet"
)

// lcsByPaths is the reference solution: the ancestors of a in a set, then
// the deepest ancestor of b in it (position along a path = depth there).
func lcsByPaths(a, b *wordnet.Synset) *wordnet.Synset {
	ofA := map[*wordnet.Synset]bool{}
	for _, p := range a.HypernymPaths() {
		for _, s := range p {
			ofA[s] = true
		}
	}
	var best *wordnet.Synset
	bestDepth := -1
	for _, p := range b.HypernymPaths() {
		for d, s := range p {
			if ofA[s] && d > bestDepth {
				best, bestDepth = s, d
			}
		}
	}
	return best
}

func TestCheckLowestCommonHypernym(t *testing.T) {
	wn := openWordNet(t)
	root := func(a, b *wordnet.Synset) *wordnet.Synset {
		p := a.HypernymPaths()[0]
		return p[0]
	}
	// Depths and names as NLTK 3.8 gives them on WordNet 3.0
	// (carnivore.n.01.max_depth() == 11).
	tests := []struct {
		name string
		lcs  func(a, b *wordnet.Synset) *wordnet.Synset
		ok   bool
		want string
	}{
		{"by paths", lcsByPaths, true, "right for all 8 pairs"},
		{"library", func(a, b *wordnet.Synset) *wordnet.Synset { return a.LowestCommonHypernyms(b)[0] }, true, "right"},
		{"skeleton", func(a, b *wordnet.Synset) *wordnet.Synset { return nil }, false, "for dog.n.01 and cat.n.01: your function returned nil"},
		{"root", root, false, "entity.n.01 (depth 0) is a common hypernym but not the lowest: carnivore.n.01 is deeper (depth 11)"},
		{"first hypernym of a", func(a, b *wordnet.Synset) *wordnet.Synset { return a.Hypernyms()[0] }, false, "canine.n.02 is not a hypernym of cat.n.01"},
		{"a itself", func(a, b *wordnet.Synset) *wordnet.Synset { return a }, false, "dog.n.01 is not a hypernym of cat.n.01"},
		{"panics", func(a, b *wordnet.Synset) *wordnet.Synset { return []*wordnet.Synset{}[0] }, false, "your function panicked"},
		{"nil function", nil, false, "no function"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fb := CheckLowestCommonHypernym(wn, tt.lcs)
			if fb.OK != tt.ok || !strings.Contains(fb.Message, tt.want) {
				t.Errorf("got %v %q, want %v and a message containing %q", fb.OK, fb.Message, tt.ok, tt.want)
			}
			if !fb.OK && len(fb.Hints) == 0 {
				t.Errorf("a failing answer gets no hints")
			}
		})
	}
	if fb := CheckLowestCommonHypernym(nil, lcsByPaths); fb.OK {
		t.Errorf("nil WordNet passed")
	}
}

// The reference solution agrees with NLTK 3.8's lowest_common_hypernyms
// on every pair the checker uses.
func TestLCSPairsNLTK(t *testing.T) {
	wn := openWordNet(t)
	want := []string{"carnivore.n.01", "wheeled_vehicle.n.01", "carnivore.n.01", "placental.n.01", "organism.n.01", "edible_fruit.n.01", "entity.n.01", "dog.n.01"}
	for i, p := range LCSPairs {
		a, _ := wn.Synset(p[0])
		b, _ := wn.Synset(p[1])
		if got := lcsByPaths(a, b).Name(); got != want[i] {
			t.Errorf("%s, %s: got %s, want %s", p[0], p[1], got, want[i])
		}
	}
}
