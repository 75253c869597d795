package ngram

import (
	"cmp"
	"slices"
)

// Special tokens. Every vocabulary holds them at fixed ids.
const (
	Unk = "<unk>" // stands for every word outside the vocabulary
	BOS = "<s>"   // sentence start padding; a context only, never predicted (except in NLTK mode)
	EOS = "</s>"  // sentence end; predicted like a word
)

// Ids of the special tokens.
const (
	unkID uint32 = 0
	bosID uint32 = 1
	eosID uint32 = 2
)

// Vocab maps words to dense integer ids and back. Ids 0, 1, 2 are <unk>,
// <s> and </s>; the other words follow by decreasing training frequency
// (ties alphabetical), so id order is also a frequency ranking.
type Vocab struct {
	words []string
	ids   map[string]uint32
}

func newVocab() *Vocab {
	v := &Vocab{ids: make(map[string]uint32)}
	for _, w := range []string{Unk, BOS, EOS} {
		v.add(w)
	}
	return v
}

func (v *Vocab) add(w string) uint32 {
	if id, ok := v.ids[w]; ok {
		return id
	}
	id := uint32(len(v.words))
	v.words = append(v.words, w)
	v.ids[w] = id
	return id
}

// buildVocab keeps the words seen at least minCount times.
func buildVocab(freq map[string]int, minCount int) *Vocab {
	type wf struct {
		w string
		f int
	}
	var keep []wf
	for w, f := range freq {
		if f >= minCount && w != Unk && w != BOS && w != EOS {
			keep = append(keep, wf{w, f})
		}
	}
	slices.SortFunc(keep, func(a, b wf) int {
		if c := cmp.Compare(b.f, a.f); c != 0 {
			return c
		}
		return cmp.Compare(a.w, b.w)
	})
	v := newVocab()
	for _, x := range keep {
		v.add(x.w)
	}
	return v
}

// Len returns the number of entries, special tokens included.
func (v *Vocab) Len() int { return len(v.words) }

// ID returns the id of w, or the id of <unk> (0) and false if w is unknown.
func (v *Vocab) ID(w string) (uint32, bool) {
	id, ok := v.ids[w]
	return id, ok
}

// Word returns the word with the given id. It panics if id is out of range.
func (v *Vocab) Word(id uint32) string { return v.words[id] }

// Words returns the vocabulary in id order. The slice must not be modified.
func (v *Vocab) Words() []string { return v.words }

// lookup maps words to ids, unknown words to <unk>.
func (v *Vocab) lookup(ws []string, dst []uint32) []uint32 {
	for _, w := range ws {
		id := v.ids[w] // zero value is unkID
		dst = append(dst, id)
	}
	return dst
}
