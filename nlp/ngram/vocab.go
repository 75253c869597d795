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

// buildVocab keeps the words seen at least minCount times; freq[i] is the
// count of words[i] (distinct words).
func buildVocab(words []string, freq []int, minCount int) *Vocab {
	var keep []int // indices into words
	for i, w := range words {
		if freq[i] >= minCount && w != Unk && w != BOS && w != EOS {
			keep = append(keep, i)
		}
	}
	slices.SortFunc(keep, func(a, b int) int {
		if c := cmp.Compare(freq[b], freq[a]); c != 0 {
			return c
		}
		return cmp.Compare(words[a], words[b])
	})
	v := newVocab()
	for _, i := range keep {
		v.add(words[i])
	}
	return v
}

// encodeCorpus builds the vocabulary and the padded id sequence of the
// sentences with one map look-up per word. Standard padding is one <s>
// and one </s>; NLTK padding is order−1 of each, like nltk.lm's
// pad_both_ends. The first pass writes provisional ids, in order of first
// appearance, and counts them (<unk>, <s> and </s> are given their final
// ids 0, 1, 2 from the start); buildVocab then orders the vocabulary, and
// a second pass renumbers the ids in place through a table.
func encodeCorpus(sents [][]string, order, minCount int, nltk bool) (v *Vocab, tok []uint32, starts []int) {
	pad := 1
	if nltk {
		pad = order - 1
	}
	words := []string{Unk, BOS, EOS}
	provID := map[string]uint32{Unk: unkID, BOS: bosID, EOS: eosID}
	freq := make([]int, len(words))
	n := 0
	for _, s := range sents {
		n += len(s) + 2*pad
	}
	tok = make([]uint32, 0, n)
	starts = make([]int, 0, len(sents)+1)
	for _, s := range sents {
		starts = append(starts, len(tok))
		for range pad {
			tok = append(tok, bosID)
		}
		for _, w := range s {
			id, ok := provID[w]
			if !ok {
				id = uint32(len(words))
				provID[w] = id
				words = append(words, w)
				freq = append(freq, 0)
			}
			freq[id]++
			tok = append(tok, id)
		}
		for range pad {
			tok = append(tok, eosID)
		}
	}
	starts = append(starts, len(tok))
	v = buildVocab(words, freq, minCount)
	final := make([]uint32, len(words))
	for i, w := range words {
		final[i] = v.ids[w] // 0 = <unk> for the words left out; 0, 1, 2 stay
	}
	for i, id := range tok {
		tok[i] = final[id]
	}
	return v, tok, starts
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
