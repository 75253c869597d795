package seq2seq

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/corpus"
	"github.com/lingo-nlp/lingo/nlp/text"
)

// Special tokens of every vocabulary, with fixed ids.
const (
	Unk = "<unk>" // id 0: any word outside the vocabulary
	Pad = "<pad>" // id 1: fills short sequences of a batch
	BOS = "<s>"   // id 2: the decoder's first input
	EOS = "</s>"  // id 3: ends every target sentence
)

// Ids of the special tokens in vocabularies built by BuildVocab.
const (
	UnkID = iota
	PadID
	BOSID
	EOSID
)

// A Pair is a source sentence and its translation, as tokens.
type Pair struct {
	Src, Tgt []string
}

// DataConfig selects and prepares sentence pairs.
type DataConfig struct {
	// MaxLen drops pairs with more tokens on either side; 0 means 12.
	MaxLen int
	// MaxPairs keeps at most this many pairs (after filtering); 0 means all.
	MaxPairs int
	// KeepCase keeps upper case; by default tokens are lower-cased.
	KeepCase bool
}

// Tokenize splits a sentence the way LoadPairs does: words and punctuation
// tokens (text.Tokenizer with Punct), lower-cased unless keepCase.
func Tokenize(s string, keepCase bool) []string {
	return text.Tokenizer{Lower: !keepCase, Punct: true}.Tokenize(s)
}

// LoadPairs reads a parallel corpus (for the lesson "de-en", German → English)
// through package corpus, tokenises both sides and keeps the pairs of at most
// cfg.MaxLen tokens. Under LINGO_SCALE=ci the corpus yields at most
// corpus.CILimit pairs. A missing corpus is an error that names the install
// command.
func LoadPairs(name string, cfg DataConfig) ([]Pair, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	c, err := corpus.Get(name)
	if err != nil {
		return nil, fmt.Errorf("seq2seq: %w", err)
	}
	if c.Kind != corpus.Parallel {
		return nil, fmt.Errorf("seq2seq: corpus %q is %v, not parallel", name, c.Kind)
	}
	maxLen := cfg.MaxLen
	if maxLen <= 0 {
		maxLen = 12
	}
	var pairs []Pair
	for s, err := range c.All() {
		if err != nil {
			return nil, fmt.Errorf("seq2seq: %w", err)
		}
		src, tgt := Tokenize(s.Text, cfg.KeepCase), Tokenize(s.Target, cfg.KeepCase)
		if len(src) == 0 || len(tgt) == 0 || len(src) > maxLen || len(tgt) > maxLen {
			continue
		}
		pairs = append(pairs, Pair{src, tgt})
		if cfg.MaxPairs > 0 && len(pairs) == cfg.MaxPairs {
			break
		}
	}
	if len(pairs) == 0 {
		return nil, fmt.Errorf("seq2seq: no pairs of at most %d tokens in %q", maxLen, name)
	}
	return pairs, nil
}

// Split holds the three parts of a data set.
type Split struct {
	Train, Valid, Test []Pair
}

// SplitPairs shuffles pairs with seed and cuts off validFrac and testFrac of
// them (each at least one pair when there are three or more): the same seed
// always gives the same split.
func SplitPairs(pairs []Pair, validFrac, testFrac float64, seed uint64) (Split, error) {
	if validFrac < 0 || testFrac < 0 || validFrac+testFrac >= 1 {
		return Split{}, fmt.Errorf("seq2seq: bad split fractions %g and %g", validFrac, testFrac)
	}
	p := slices.Clone(pairs)
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	rng.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
	atLeastOne := func(f float64) int {
		k := int(f * float64(len(p)))
		if f > 0 && k == 0 && len(p) >= 3 {
			k = 1
		}
		return k
	}
	nv, nt := atLeastOne(validFrac), atLeastOne(testFrac)
	if nv+nt >= len(p) {
		return Split{}, fmt.Errorf("seq2seq: %d pairs are too few to split", len(p))
	}
	return Split{Test: p[:nt], Valid: p[nt : nt+nv], Train: p[nt+nv:]}, nil
}

// BuildVocab makes a vocabulary of one side of pairs (target if tgt) with the
// special tokens <unk>, <pad>, <s>, </s> at ids 0–3, keeping words seen at
// least minCount times (0: 1) and at most maxSize ids (0: no limit; else
// more than 4). Negative values are an error.
func BuildVocab(pairs []Pair, tgt bool, minCount, maxSize int) (*text.Vocab, error) {
	words := func(yield func(string) bool) {
		for _, p := range pairs {
			side := p.Src
			if tgt {
				side = p.Tgt
			}
			for _, w := range side {
				if !yield(w) {
					return
				}
			}
		}
	}
	v, err := text.BuildVocab(words, text.VocabConfig{MinCount: minCount, MaxSize: maxSize, Unknown: Unk, Specials: []string{Pad, BOS, EOS}})
	if err != nil {
		return nil, fmt.Errorf("seq2seq: BuildVocab: %w", err)
	}
	return v, nil
}

// Join writes tokens as a sentence, separated by spaces (BLEU tokenises
// again with 13a).
func Join(tokens []string) string { return strings.Join(tokens, " ") }

// ToyPairs makes n pairs of random "words" w0 … w(vocab−1), of lengths
// minLen … maxLen, for sanity checks that a model can learn at all: task
// "copy" (target = source) or "reverse" (target = source reversed).
func ToyPairs(task string, n, vocab, minLen, maxLen int, seed uint64) ([]Pair, error) {
	if task != "copy" && task != "reverse" {
		return nil, fmt.Errorf("seq2seq: unknown toy task %q (copy or reverse)", task)
	}
	if n < 1 || vocab < 1 || minLen < 1 || maxLen < minLen {
		return nil, fmt.Errorf("seq2seq: bad toy sizes n=%d vocab=%d len=%d…%d", n, vocab, minLen, maxLen)
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	out := make([]Pair, n)
	for i := range out {
		src := make([]string, minLen+rng.IntN(maxLen-minLen+1))
		for j := range src {
			src[j] = fmt.Sprintf("w%d", rng.IntN(vocab))
		}
		tgt := slices.Clone(src)
		if task == "reverse" {
			slices.Reverse(tgt)
		}
		out[i] = Pair{src, tgt}
	}
	return out, nil
}
