package wordnetex

import (
	"fmt"
	"slices"
	"strings"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/wordnet"
)

// WalkUpSynsets are the synsets CheckWalkUp tries: one hypernym path
// (panda), two paths (dog: canine and domestic animal), artefacts, a fruit
// with two paths of different lengths, and a root.
var WalkUpSynsets = []string{"panda.n.01", "dog.n.01", "car.n.01", "apple.n.01", "bicycle.n.01", "entity.n.01"}

const walkUpName = "walk up the hypernyms"

var walkUpHints = []string{
	"start the chain with the synset itself: chain := []*wordnet.Synset{s}",
	"loop: h := last.Hypernyms(); stop when len(h) == 0, otherwise append h[0] and continue from it",
	"compare with s.HypernymPaths(): each path goes from the root down to s, your chain goes up",
}

// CheckWalkUp checks a function that walks from a synset up to the root of
// its hierarchy with Hypernyms(), returning the chain s, a hypernym of s, a
// hypernym of that, …, a root. Any choice among several hypernyms is right:
// the chain must be one of s.HypernymPaths() read backwards.
func CheckWalkUp(wn *wordnet.WordNet, walk func(*wordnet.Synset) []*wordnet.Synset) *lessons.Feedback {
	if wn == nil {
		return lessons.Fail(walkUpName, "no WordNet: pass the *wordnet.WordNet from wordnet.Open")
	}
	if walk == nil {
		return lessons.Fail(walkUpName, "no function to check", walkUpHints...)
	}
	for _, name := range WalkUpSynsets {
		s, err := wn.Synset(name)
		if err != nil {
			return lessons.Fail(walkUpName, fmt.Sprintf("cannot read %s: %v", name, err))
		}
		chain, msg := callWalk(walk, s)
		if msg == "" {
			msg = judgeWalk(s, chain)
		}
		if msg != "" {
			return lessons.Fail(walkUpName, "for "+s.Name()+": "+msg, walkUpHints...)
		}
	}
	return lessons.Pass(walkUpName, "your chains from %s are hypernym paths of WordNet, read from the word up to the root", strings.Join(WalkUpSynsets, ", "))
}

// callWalk runs the student's function, turning a panic into a message.
func callWalk(walk func(*wordnet.Synset) []*wordnet.Synset, s *wordnet.Synset) (chain []*wordnet.Synset, msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprintf("your function panicked (%v); a root such as entity.n.01 has no hypernyms, check len(h) before h[0]", r)
		}
	}()
	return walk(s), ""
}

// judgeWalk returns "" if chain is a hypernym path of s read upwards, or
// what is wrong with it.
func judgeWalk(s *wordnet.Synset, chain []*wordnet.Synset) string {
	if len(chain) == 0 {
		return "your chain is empty"
	}
	for i, c := range chain {
		if c == nil {
			return fmt.Sprintf("item %d of your chain is nil", i+1)
		}
	}
	last := chain[len(chain)-1]
	if chain[0] != s {
		if last == s && len(chain) > 1 {
			return fmt.Sprintf("your chain goes down from %s to %s; walk up: start at the word and end at the root", chain[0].Name(), s.Name())
		}
		return fmt.Sprintf("your chain starts at %s; it should start with %s itself", chain[0].Name(), s.Name())
	}
	for i := 1; i < len(chain); i++ {
		if !slices.Contains(chain[i-1].Hypernyms(), chain[i]) {
			return fmt.Sprintf("%s is not a hypernym of %s (item %d); its hypernyms are %s", chain[i].Name(), chain[i-1].Name(), i+1, names(chain[i-1].Hypernyms()))
		}
	}
	if h := last.Hypernyms(); len(h) > 0 {
		return fmt.Sprintf("your chain stops at %s, which still has hypernyms (%s); go on up to the root", last.Name(), names(h))
	}
	for _, p := range s.HypernymPaths() {
		up := slices.Clone(p)
		slices.Reverse(up)
		if slices.Equal(up, chain) {
			return ""
		}
	}
	// Unreachable for the nouns checked (they have no instance hypernyms),
	// but kept so that a changed list cannot pass a wrong chain.
	return "your chain is not one of HypernymPaths() read backwards"
}

func names(ss []*wordnet.Synset) string {
	if len(ss) == 0 {
		return "none"
	}
	return strings.Join(wordnet.SynsetList(ss).Names(), ", ")
}
