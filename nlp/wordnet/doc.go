// Package wordnet reads the Princeton WordNet 3.0 database and answers the
// questions NLTK's wordnet corpus reader answers, with the same names,
// the same order of results and the same numbers.
//
// WordNet groups English words into synsets, sets of synonyms that share
// one meaning ("good.a.01", "commodity.n.01"), and links them by semantic
// pointers: hypernym/hyponym (is-a), holonym/meronym (part-of), entailment,
// cause, similar-to, also-see, verb group; and links lemmas (a word in a
// synset) by lexical pointers: antonym, derivationally related form,
// pertainym.
//
// # Database
//
// Open reads index.{noun,verb,adj,adv} and the *.exc exception lists into
// memory (about 70 ms) and reads each synset's line from data.* by byte
// offset the first time it is needed (a few µs; then it is cached). The
// lexnames file is not needed (Debian's wordnet-base does not ship it):
// the table of lexicographer files from lexnames(5WN) is built in. With an
// empty directory Open looks in $WNSEARCHDIR, $WNHOME/dict, $WNHOME,
// /usr/share/wordnet (Debian) and the Homebrew locations.
//
// # Names and order
//
// A synset is named lemma.pos.nn after its first lemma and that lemma's
// sense number in the index, which lists senses by frequency in the
// SemCor corpus. Synsets(word, pos) lower-cases the word, finds its base
// forms with Morphy (exception lists, then suffix rules such as
// -ies → -y, repeated until a form in the index is found) and lists the
// senses of each base form for nouns, verbs, adjectives (including
// satellites, pos "s") and adverbs, in that order. Related synsets are
// sorted by name, as in NLTK.
//
// # Similarity
//
// With d the number of edges on the shortest hypernym/hyponym path between
// two synsets through a common ancestor, D the depth of the taxonomy (19
// for nouns, 13 for verbs with the simulated root) and lcs their lowest
// common hypernym:
//
//	path(a, b) = 1 / (d + 1)
//	lch(a, b)  = −log((d + 1) / 2D)                  (Leacock & Chodorow 1998)
//	wup(a, b)  = 2·depth(lcs) / (len(a) + len(b))    (Wu & Palmer 1994)
//
// where depth(lcs) = MaxDepth(lcs)+1 and len(x) = depth(lcs) + the distance
// from x to lcs. Verbs, adjectives and adverbs have no single root, so, as
// in NLTK (simulate_root=True), a fake root "*ROOT*" is put above all their
// roots; nouns share entity.n.01. A measure with no path returns NaN where
// NLTK returns None.
//
// References: G. A. Miller, "WordNet: a lexical database for English",
// CACM 38(11), 1995; C. Fellbaum (ed.), WordNet: An Electronic Lexical
// Database, MIT Press, 1998; the wndb(5WN), wninput(5WN), lexnames(5WN) and
// morphy(7WN) manual pages; S. Bird, E. Klein, E. Loper, Natural Language
// Processing with Python, ch. 2.5 (NLTK's WordNet interface).
//
// # Usage
//
//	wn, err := wordnet.Open("") // finds /usr/share/wordnet
//	good := wn.Synsets("good", wordnet.AnyPOS)
//	panda, err := wn.Synset("panda.n.01")
//	chain := panda.Closure((*wordnet.Synset).Hypernyms, -1)
//	sim := dog.PathSimilarity(cat)
package wordnet
