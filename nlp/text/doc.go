// Package text turns raw text into the units that models count: words,
// sentences, characters, byte-level BPE subwords and vocabulary ids. It is
// Unicode aware throughout and treats Chinese as a first-class language:
// runs of Han characters become one token per character, or words when a
// segmenter is plugged in (Tokenizer.Han). The dictionary segmenter lives
// in package nlp/segment, so that programs which do not segment
// Chinese do not link its dictionary.
//
// # Words
//
// Tokenizer scans text rune by rune. Letters, marks and digits form words;
// an apostrophe or hyphen between two letters stays inside the word
// ("don't", "well-known"), and a point or comma between two digits stays
// inside the number ("3.14", "1,000"). Punctuation and symbols are dropped
// unless Tokenizer.Punct is set. Han runs go to Tokenizer.Han (segment.Cut
// segments them into words) or become one token per character.
//
// # Byte-level BPE
//
// Byte-pair encoding (Sennrich et al. 2016; byte-level variant of GPT-2,
// Radford et al. 2019) starts from the 256 byte values, so every string is
// representable and Decode(Encode(s)) == s exactly. Training repeatedly
// finds the most frequent adjacent pair (a, b) in the corpus and adds the
// merge a b → ab with a new id; encoding replays the merges in the order
// they were learned. Merges never cross pre-token boundaries (a word with
// its leading space, a number, a run of punctuation, a run of spaces).
//
// # Vocabulary
//
// Vocab maps words to dense ids, most frequent first (ties by byte order,
// so the numbering is deterministic), with a minimum count, a maximum size
// and an optional unknown token that absorbs the dropped words, as in
// word2vec (Mikolov et al. 2013) and torchtext.
//
// References: R. Sennrich, B. Haddow, A. Birch, "Neural Machine Translation
// of Rare Words with Subword Units", ACL 2016. A. Radford et al., "Language
// Models are Unsupervised Multitask Learners", 2019, section 2.2.
//
// Usage:
//
//	words := text.Words("Frogs (青蛙) live in ponds.") // [frogs 青 蛙 live in ponds]
//	zhWords := text.Tokenizer{Lower: true, Han: segment.Cut}.Tokenize(s) // = segment.Words(s)
//	sents := text.Sentences("Dr. Smith left. He was tired!")
//	bpe, err := text.TrainBPE(slices.Values(lines), text.BPEConfig{VocabSize: 270})
//	ids := bpe.Encode("hello world")
//	v, err := text.BuildVocab(slices.Values(words), text.VocabConfig{MinCount: 1, Unknown: "<unk>"})
package text
