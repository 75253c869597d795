package wordnetex

import (
	"fmt"
	"slices"

	"github.com/lingo-nlp/lingo/lessons"
	"github.com/lingo-nlp/lingo/nlp/wordnet"
)

// LCSPairs are the pairs CheckLowestCommonHypernym tries. The answers,
// from NLTK 3.8's lowest_common_hypernyms on WordNet 3.0, are carnivore.n.01,
// wheeled_vehicle.n.01, carnivore.n.01, placental.n.01, organism.n.01,
// edible_fruit.n.01, entity.n.01 and dog.n.01 (a synset is its own
// hypernym).
var LCSPairs = [][2]string{
	{"dog.n.01", "cat.n.01"},
	{"car.n.01", "bicycle.n.01"},
	{"panda.n.01", "dog.n.01"},
	{"horse.n.01", "dog.n.01"},
	{"tree.n.01", "dog.n.01"},
	{"apple.n.01", "banana.n.02"}, // banana.n.01 is the plant
	{"entity.n.01", "dog.n.01"},
	{"dog.n.01", "dog.n.01"},
}

const lcsName = "lowest common hypernym"

var lcsHints = []string{
	"put every synset of a.HypernymPaths() in a set (a map[*wordnet.Synset]bool); a synset counts as its own hypernym",
	"then look along b.HypernymPaths() for synsets in that set: these are the common hypernyms",
	"among them keep the deepest one, the one with the largest MaxDepth() (or: furthest from the root along a path)",
}

// CheckLowestCommonHypernym checks a function returning the lowest common
// hypernym of two synsets: the deepest synset (by MaxDepth) that is a
// hypernym of both, each synset counting as its own hypernym. Where
// several are equally deep, any of them is right.
func CheckLowestCommonHypernym(wn *wordnet.WordNet, lcs func(a, b *wordnet.Synset) *wordnet.Synset) *lessons.Feedback {
	if wn == nil {
		return lessons.Fail(lcsName, "no WordNet: pass the *wordnet.WordNet from wordnet.Open")
	}
	if lcs == nil {
		return lessons.Fail(lcsName, "no function to check", lcsHints...)
	}
	for _, p := range LCSPairs {
		a, err := wn.Synset(p[0])
		if err != nil {
			return lessons.Fail(lcsName, fmt.Sprintf("cannot read %s: %v", p[0], err))
		}
		b, err := wn.Synset(p[1])
		if err != nil {
			return lessons.Fail(lcsName, fmt.Sprintf("cannot read %s: %v", p[1], err))
		}
		got, msg := callLCS(lcs, a, b)
		if msg == "" {
			msg = judgeLCS(a, b, got)
		}
		if msg != "" {
			return lessons.Fail(lcsName, fmt.Sprintf("for %s and %s: %s", a.Name(), b.Name(), msg), lcsHints...)
		}
	}
	return lessons.Pass(lcsName, "right for all %d pairs, e.g. dog and cat meet at carnivore.n.01", len(LCSPairs))
}

func callLCS(lcs func(a, b *wordnet.Synset) *wordnet.Synset, a, b *wordnet.Synset) (got *wordnet.Synset, msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprintf("your function panicked (%v)", r)
		}
	}()
	return lcs(a, b), ""
}

// judgeLCS returns "" if got is a lowest common hypernym of a and b, or
// what is wrong with it.
func judgeLCS(a, b, got *wordnet.Synset) string {
	if got == nil {
		return "your function returned nil"
	}
	want := a.LowestCommonHypernyms(b)
	if slices.Contains(want, got) {
		return ""
	}
	common := a.CommonHypernyms(b)
	if !slices.Contains(common, got) {
		for _, x := range []*wordnet.Synset{a, b} {
			if !isAncestor(got, x) {
				return fmt.Sprintf("%s is not a hypernym of %s", got.Name(), x.Name())
			}
		}
	}
	return fmt.Sprintf("%s (depth %d) is a common hypernym but not the lowest: %s is deeper (depth %d)",
		got.Name(), got.MaxDepth(), want[0].Name(), want[0].MaxDepth())
}

// isAncestor reports whether h is s or lies on one of s's hypernym paths.
func isAncestor(h, s *wordnet.Synset) bool {
	for _, p := range s.HypernymPaths() {
		if slices.Contains(p, h) {
			return true
		}
	}
	return false
}
