// Package wordnetex holds the exercises of lesson 01 (notebooks/01-wordnet.ipynb)
// and their checkers.
//
// Each checker takes the student's function, runs it on a few synsets whose
// answers NLTK 3.8 on WordNet 3.0 also gives, and returns a *lessons.Feedback:
// a green box when every answer is right, otherwise a red box naming the
// first wrong case and what is wrong with it, with hints. A panic in the
// student's function (say h[0] on a root with no hypernyms) is reported as
// feedback, never as a crash of the cell.
//
// The two exercises:
//
//   - Walk up: follow Hypernyms() from a synset to the root by hand. Every
//     such walk is one of the synset's HypernymPaths, read backwards; a
//     synset with two hypernyms (dog.n.01 is a canine and a domestic animal)
//     has several paths and any of them is right.
//   - Lowest common hypernym: the deepest synset that is a hypernym of both
//     a and b (each synset counting as its own hypernym), depth being
//     MaxDepth, the longest path to the root, as in NLTK's
//     lowest_common_hypernyms: dog.n.01 and cat.n.01 meet at carnivore.n.01.
//
// Usage, in a notebook cell:
//
//	func walkUp(s *wordnet.Synset) []*wordnet.Synset { … }
//	wordnetex.CheckWalkUp(wn, walkUp)
//	func lowestCommon(a, b *wordnet.Synset) *wordnet.Synset { … }
//	wordnetex.CheckLowestCommonHypernym(wn, lowestCommon)
package wordnetex
