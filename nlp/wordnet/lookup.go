package wordnet

import (
	"fmt"
	"strconv"
	"strings"
)

// Synsets returns the synsets of a word, like NLTK's wn.synsets: the word
// is lower-cased, reduced to its base forms by Morphy for each part of
// speech (AnyPOS: nouns, verbs, adjectives, adverbs, in that order), and
// the senses of each base form are listed in WordNet's order (most
// frequent first). Adjective results include satellites. Words with
// spaces must use underscores ("hot_dog").
//
// A synset that cannot be read (a truncated data file) is left out and
// the error is kept in Err.
func (wn *WordNet) Synsets(lemma string, pos POS) SynsetList {
	lemma = strings.ToLower(lemma)
	poses := posList[:]
	if pos != AnyPOS {
		poses = []POS{pos}
	}
	var out SynsetList
	for _, p := range poses {
		fi := p.file()
		if fi < 0 {
			continue
		}
		for _, form := range wn.morphy(lemma, p, true) {
			for _, off := range wn.index[fi].lookup(form) {
				s, err := wn.synsetAt(p, int64(off))
				if err != nil {
					wn.setErr(err)
					continue
				}
				out = append(out, s)
			}
		}
	}
	return out
}

// Synset returns the synset with an NLTK name "lemma.pos.nn" such as
// "panda.n.01". The lemma may be any of the synset's lemmas
// ("domestic_dog.n.01" is "dog.n.01"); the number counts that lemma's
// senses from 1.
func (wn *WordNet) Synset(name string) (*Synset, error) {
	lower := strings.ToLower(name)
	j := strings.LastIndexByte(lower, '.')
	if j < 0 {
		return nil, fmt.Errorf("wordnet: synset name %q is not of the form lemma.pos.nn", name)
	}
	i := strings.LastIndexByte(lower[:j], '.')
	if i < 0 {
		return nil, fmt.Errorf("wordnet: synset name %q is not of the form lemma.pos.nn", name)
	}
	lemma, posStr, numStr := lower[:i], lower[i+1:j], lower[j+1:]
	n, err := strconv.Atoi(numStr)
	if err != nil || n < 1 {
		return nil, fmt.Errorf("wordnet: synset name %q: sense number %q is not a number ≥ 1", name, numStr)
	}
	if len(posStr) != 1 || POS(posStr[0]).file() < 0 {
		return nil, fmt.Errorf("wordnet: synset name %q: part of speech %q is not one of n, v, a, s, r", name, posStr)
	}
	pos := POS(posStr[0])
	offs := wn.index[pos.file()].lookup(lemma)
	if len(offs) == 0 {
		return nil, fmt.Errorf("wordnet: no lemma %q with part of speech %q", lemma, posStr)
	}
	if n > len(offs) {
		senses := "senses"
		if len(offs) == 1 {
			senses = "sense"
		}
		return nil, fmt.Errorf("wordnet: lemma %q with part of speech %q only has %d %s", lemma, posStr, len(offs), senses)
	}
	s, err := wn.synsetAt(pos, int64(offs[n-1]))
	if err != nil {
		return nil, err
	}
	if pos == AdjSat && s.pos == Adj {
		return nil, fmt.Errorf("wordnet: adjective satellite requested but only plain adjective found for lemma %q", lemma)
	}
	return s, nil
}

// Lemmas returns the lemmas named lemma (case-insensitively) in its
// synsets of the given part of speech, like NLTK's wn.lemmas. Unlike
// Synsets it does not reduce inflected forms: "dogs" has no lemmas.
func (wn *WordNet) Lemmas(lemma string, pos POS) []*Lemma {
	lemma = strings.ToLower(lemma)
	var out []*Lemma
	for _, s := range wn.Synsets(lemma, pos) {
		for _, l := range s.lemmas {
			if strings.ToLower(l.name) == lemma {
				out = append(out, l)
			}
		}
	}
	return out
}

// Lemma returns the lemma named "synset.lemma", such as "good.a.01.good"
// or "dog.n.01.domestic_dog".
func (wn *WordNet) Lemma(name string) (*Lemma, error) {
	// The synset name ends at the first ".digits." (lemmas may contain dots).
	sep := -1
	for i := 0; i < len(name); i++ {
		if name[i] != '.' {
			continue
		}
		j := i + 1
		for j < len(name) && name[j] >= '0' && name[j] <= '9' {
			j++
		}
		if j > i+1 && j < len(name) && name[j] == '.' {
			sep = j
			break
		}
	}
	if sep < 0 {
		return nil, fmt.Errorf("wordnet: lemma name %q is not of the form lemma.pos.nn.lemma", name)
	}
	s, err := wn.Synset(name[:sep])
	if err != nil {
		return nil, err
	}
	want := name[sep+1:]
	for _, l := range s.lemmas {
		if l.name == want {
			return l, nil
		}
	}
	return nil, fmt.Errorf("wordnet: no lemma %q in %q", want, name[:sep])
}
