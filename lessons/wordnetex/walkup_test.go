package wordnetex

import (
	"slices"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/wordnet"
)

// walkFirst is the reference solution: always take the first hypernym.
func walkFirst(s *wordnet.Synset) []*wordnet.Synset {
	chain := []*wordnet.Synset{s}
	for h := s.Hypernyms(); len(h) > 0; h = h[0].Hypernyms() {
		chain = append(chain, h[0])
	}
	return chain
}

// walkLast takes the last hypernym instead: another path, also right.
func walkLast(s *wordnet.Synset) []*wordnet.Synset {
	chain := []*wordnet.Synset{s}
	for h := s.Hypernyms(); len(h) > 0; h = h[len(h)-1].Hypernyms() {
		chain = append(chain, h[len(h)-1])
	}
	return chain
}

func TestCheckWalkUp(t *testing.T) {
	wn := openWordNet(t)
	// The expected messages name synsets as NLTK 3.8 does on WordNet 3.0:
	// panda.n.01 is giant_panda.n.01, whose only hypernym is procyonid.n.01.
	tests := []struct {
		name string
		walk func(*wordnet.Synset) []*wordnet.Synset
		ok   bool
		want string // part of the message
	}{
		{"first hypernym", walkFirst, true, "hypernym paths"},
		{"last hypernym", walkLast, true, "hypernym paths"},
		{"skeleton", func(s *wordnet.Synset) []*wordnet.Synset { return []*wordnet.Synset{s} },
			false, "for giant_panda.n.01: your chain stops at giant_panda.n.01, which still has hypernyms (procyonid.n.01)"},
		{"empty", func(s *wordnet.Synset) []*wordnet.Synset { return nil }, false, "your chain is empty"},
		{"without the synset", func(s *wordnet.Synset) []*wordnet.Synset { return walkFirst(s)[1:] },
			false, "starts at procyonid.n.01; it should start with giant_panda.n.01 itself"},
		{"root first", func(s *wordnet.Synset) []*wordnet.Synset { return s.HypernymPaths()[0] },
			false, "goes down from entity.n.01 to giant_panda.n.01"},
		{"skips levels", func(s *wordnet.Synset) []*wordnet.Synset {
			c := walkFirst(s)
			return append(c[:1], c[2:]...)
		}, false, "carnivore.n.01 is not a hypernym of giant_panda.n.01 (item 2); its hypernyms are procyonid.n.01"},
		{"no length check", func(s *wordnet.Synset) []*wordnet.Synset {
			chain := []*wordnet.Synset{s}
			for x := s; x.Name() != "entity.n.01"; {
				x = x.Hypernyms()[0]
				chain = append(chain, x)
			}
			return append(chain, chain[len(chain)-1].Hypernyms()[0]) // index out of range at the root
		}, false, "your function panicked"},
		{"nil function", nil, false, "no function"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fb := CheckWalkUp(wn, tt.walk)
			if fb.OK != tt.ok || !strings.Contains(fb.Message, tt.want) {
				t.Errorf("got %v %q, want %v and a message containing %q", fb.OK, fb.Message, tt.ok, tt.want)
			}
			if !fb.OK && tt.walk != nil && len(fb.Hints) == 0 {
				t.Errorf("a failing answer gets no hints")
			}
		})
	}
	if fb := CheckWalkUp(nil, walkFirst); fb.OK {
		t.Errorf("nil WordNet passed")
	}
}

// The reference chain of panda is the lecture's closure with panda in front
// (NLTK 3.8: list(panda.closure(lambda s: s.hypernyms()))).
func TestWalkFirstPanda(t *testing.T) {
	wn := openWordNet(t)
	panda, err := wn.Synset("panda.n.01")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"giant_panda.n.01", "procyonid.n.01", "carnivore.n.01", "placental.n.01", "mammal.n.01", "vertebrate.n.01", "chordate.n.01", "animal.n.01", "organism.n.01", "living_thing.n.01", "whole.n.02", "object.n.01", "physical_entity.n.01", "entity.n.01"}
	if got := wordnet.SynsetList(walkFirst(panda)).Names(); !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}
