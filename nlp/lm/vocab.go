package lm

import (
	"fmt"
	"slices"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/text"
	"github.com/lingo-nlp/lingo/plots"
)

// Level says what a token is: a character or a word.
type Level int

const (
	Chars Level = iota // one token per Unicode character, spaces and newlines included
	Words              // lower-cased words and punctuation, and "\n" between lines
	BPE                // byte-level BPE sub-words (text.BPE); ids are the BPE's own
)

func (l Level) String() string {
	switch l {
	case Words:
		return "word"
	case BPE:
		return "BPE"
	}
	return "char"
}

// Unk is the unknown token: id 0 of every vocabulary, standing for tokens
// not seen when the vocabulary was built.
const Unk = "<unk>"

// Newline is the token that separates lines (sentences) at both levels;
// it plays the part of the n-gram model's </s>.
const Newline = "\n"

// Vocab turns text into token ids and back, at character or word level,
// on top of text.Vocab (ids by decreasing frequency, <unk> = 0).
type Vocab struct {
	Level Level
	v     *text.Vocab
	bpe   *text.BPE // Level BPE only
}

// NewBPEVocab wraps a trained byte-level BPE tokenizer (text.TrainBPE).
// Its ids are used as they are: 0–255 the bytes, then the merges; id 0
// (the NUL byte) stands in for <unk> and is never generated.
func NewBPEVocab(b *text.BPE) *Vocab { return &Vocab{Level: BPE, bpe: b} }

var _ plots.Renderer = (*Vocab)(nil)

// NewVocab builds the vocabulary of s at the given level. Words seen
// fewer than minCount times (0 means 1) map to <unk>.
func NewVocab(s string, level Level, minCount int) *Vocab {
	if minCount < 1 {
		minCount = 1
	}
	v := &Vocab{Level: level}
	// The config is valid (minCount ≥ 1, no specials): no error.
	v.v, _ = text.BuildVocab(slices.Values(v.split(s)), text.VocabConfig{MinCount: minCount, Unknown: Unk})
	return v
}

// vocabOf rebuilds a vocabulary from its tokens in id order (for Load).
func vocabOf(level Level, tokens []string) (*Vocab, error) {
	if len(tokens) == 0 || tokens[0] != Unk {
		return nil, fmt.Errorf("lm: vocabulary must start with %s", Unk)
	}
	c := text.Counter{}
	for i, t := range tokens[1:] {
		if _, dup := c[t]; dup {
			return nil, fmt.Errorf("lm: token %q repeated in vocabulary", t)
		}
		c[t] = len(tokens) - i // decreasing counts keep the order
	}
	tv, err := c.Vocab(text.VocabConfig{Unknown: Unk})
	if err != nil {
		return nil, fmt.Errorf("lm: %w", err)
	}
	return &Vocab{Level: level, v: tv}, nil
}

// split cuts s into tokens at the vocabulary's level.
func (v *Vocab) split(s string) []string {
	if v.Level == Chars {
		return text.Chars(s)
	}
	var out []string
	tok := text.Tokenizer{Lower: true, Punct: true}
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		out = append(out, tok.Tokenize(line)...)
		if i < len(lines)-1 {
			out = append(out, Newline)
		}
	}
	return out
}

// Encode returns the ids of the tokens of s (unknown tokens → 0).
func (v *Vocab) Encode(s string) []int {
	if v.bpe != nil {
		return v.bpe.Encode(s)
	}
	return v.v.Encode(v.split(s))
}

// Decode joins the tokens of ids back into text: characters are
// concatenated, words separated by spaces (but not around newlines).
// Ids out of range are shown as <unk>.
func (v *Vocab) Decode(ids []int) string {
	if v.bpe != nil {
		s, err := v.bpe.Decode(clampIDs(ids, v.Len()))
		if err != nil {
			return Unk
		}
		return s
	}
	var b strings.Builder
	for i, id := range ids {
		t := v.Token(id)
		if v.Level == Words && i > 0 && t != Newline && v.Token(ids[i-1]) != Newline {
			b.WriteByte(' ')
		}
		b.WriteString(t)
	}
	return b.String()
}

// Token returns the text of one id (<unk> for ids out of range).
func (v *Vocab) Token(id int) string {
	if id < 0 || id >= v.Len() {
		return Unk
	}
	if v.bpe != nil {
		return v.bpe.Token(id)
	}
	return v.v.Word(id)
}

// ID returns the id of a token (0 if unknown).
// For BPE it is the id of the token's bytes if they form one token.
func (v *Vocab) ID(token string) int {
	if v.bpe != nil {
		if ids := v.bpe.Encode(token); len(ids) == 1 {
			return ids[0]
		}
		return 0
	}
	return max(v.v.ID(token), 0)
}

// Len returns the number of ids, <unk> included.
func (v *Vocab) Len() int {
	if v.bpe != nil {
		return v.bpe.Len()
	}
	return v.v.Len()
}

// Tokens returns the tokens in id order.
func (v *Vocab) Tokens() []string {
	if v.bpe != nil {
		out := make([]string, v.Len())
		for i := range out {
			out[i] = v.bpe.Token(i)
		}
		return out
	}
	return v.v.Words()
}

// Sentences cuts ids at Newline into sentences of token strings, the
// input of ngram.Train and ngram.Model.Perplexity. An empty last piece
// (text ending in a newline) is dropped.
func (v *Vocab) Sentences(ids []int) [][]string {
	nl := v.ID(Newline)
	var out [][]string
	cur := []string{}
	for _, id := range ids {
		if id == nl && nl != 0 {
			out = append(out, cur)
			cur = []string{}
			continue
		}
		cur = append(cur, v.Token(id))
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// Render shows the size and the most frequent tokens.
func (v *Vocab) Render() plots.Bundle {
	t := plots.NewTable("id", "token", "count").Limit(12)
	for id := range v.Len() {
		if v.bpe != nil {
			t.Row(id, fmt.Sprintf("%q", v.Token(id)), "")
			continue
		}
		t.Row(id, fmt.Sprintf("%q", v.Token(id)), v.v.Count(id))
	}
	t.Caption = fmt.Sprintf("%s-level vocabulary, %d ids", v.Level, v.Len())
	return t.Render()
}
