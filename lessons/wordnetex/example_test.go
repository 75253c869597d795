package wordnetex_test

import (
	"flag"
	"fmt"
	"os"
	"testing"

	"github.com/lingo-nlp/lingo/lessons/wordnetex"
	"github.com/lingo-nlp/lingo/nlp/wordnet"
)

// TestMain skips the examples (their output needs the database) when
// WordNet 3.0 is not installed; the tests skip themselves.
func TestMain(m *testing.M) {
	flag.Parse()
	if _, err := os.Stat("/usr/share/wordnet/index.noun"); err != nil && flag.Lookup("test.run").Value.String() == "" {
		fmt.Fprintln(os.Stderr, "wordnetex: /usr/share/wordnet missing (apt-get install wordnet-base); skipping examples")
		flag.Set("test.run", "^Test")
	}
	os.Exit(m.Run())
}

// The notebook's skeleton gets a red box naming what is missing; a
// finished walk gets a green one.
func ExampleCheckWalkUp() {
	wn, err := wordnet.Open("/usr/share/wordnet")
	if err != nil {
		fmt.Println(err)
		return
	}
	skeleton := func(s *wordnet.Synset) []*wordnet.Synset {
		return []*wordnet.Synset{s} // TODO: walk up
	}
	fmt.Println(wordnetex.CheckWalkUp(wn, skeleton).Message)

	walkUp := func(s *wordnet.Synset) []*wordnet.Synset {
		chain := []*wordnet.Synset{s}
		for h := s.Hypernyms(); len(h) > 0; h = h[0].Hypernyms() {
			chain = append(chain, h[0])
		}
		return chain
	}
	fmt.Println(wordnetex.CheckWalkUp(wn, walkUp).OK)
	// Output:
	// for giant_panda.n.01: your chain stops at giant_panda.n.01, which still has hypernyms (procyonid.n.01); go on up to the root
	// true
}

func ExampleCheckLowestCommonHypernym() {
	wn, err := wordnet.Open("/usr/share/wordnet")
	if err != nil {
		fmt.Println(err)
		return
	}
	root := func(a, b *wordnet.Synset) *wordnet.Synset { return a.RootHypernyms()[0] }
	fmt.Println(wordnetex.CheckLowestCommonHypernym(wn, root))

	lowestCommon := func(a, b *wordnet.Synset) *wordnet.Synset {
		onA := map[*wordnet.Synset]bool{}
		for _, path := range a.HypernymPaths() {
			for _, s := range path {
				onA[s] = true
			}
		}
		var best *wordnet.Synset
		for _, path := range b.HypernymPaths() {
			for _, s := range path {
				if onA[s] && (best == nil || s.MaxDepth() > best.MaxDepth()) {
					best = s
				}
			}
		}
		return best
	}
	fmt.Println(wordnetex.CheckLowestCommonHypernym(wn, lowestCommon).OK)
	// Output:
	// ✗ lowest common hypernym: for dog.n.01 and cat.n.01: entity.n.01 (depth 0) is a common hypernym but not the lowest: carnivore.n.01 is deeper (depth 11)
	//   hint: put every synset of a.HypernymPaths() in a set (a map[*wordnet.Synset]bool); a synset counts as its own hypernym
	//   hint: then look along b.HypernymPaths() for synsets in that set: these are the common hypernyms
	//   hint: among them keep the deepest one, the one with the largest MaxDepth() (or: furthest from the root along a path)
	// true
}
