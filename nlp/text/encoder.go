package text

// An Encoder turns text into token ids: *BPE is one, and so is a language
// model's vocabulary. Pretraining mixtures count tokens with one, and
// instruction data encodes prompts and responses with one.
type Encoder interface {
	Encode(s string) []int
}

var _ Encoder = (*BPE)(nil)
