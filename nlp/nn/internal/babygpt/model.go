// Package babygpt is the character-level GPT of nanoGPT's CPU "baby"
// configuration, built from package nn, used to benchmark the autograd
// engine against PyTorch (../../../../../shared/peers/babygpt_torch.py).
package babygpt

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
	"github.com/lingo-nlp/lingo/nlp/nn"
)

// Config is the model size; Baby returns nanoGPT's baby configuration.
// Every field must be set (see Validate).
type Config struct {
	Vocab, Block, Dim, Heads, Layers int
}

// Validate returns an error naming the first field outside 1…1<<20 (a
// size that is zero, negative, or would ask for terabytes).
func (c Config) Validate() error {
	for _, f := range []struct {
		name string
		v    int
	}{{"Vocab", c.Vocab}, {"Block", c.Block}, {"Dim", c.Dim}, {"Heads", c.Heads}, {"Layers", c.Layers}} {
		if f.v < 1 || f.v > 1<<20 {
			return fmt.Errorf("babygpt: Config.%s must be in 1…%d, got %d", f.name, 1<<20, f.v)
		}
	}
	return nil
}

// Baby is 4 layers, 4 heads, 128-d, block 64 (vocab set from the data).
func Baby(vocab int) Config { return Config{Vocab: vocab, Block: 64, Dim: 128, Heads: 4, Layers: 4} }

// Model is token + position embeddings, Layers Transformer blocks, a final
// LayerNorm and a bias-free head, as in the PyTorch peer.
type Model struct {
	Cfg    Config
	WTE    *nn.Embedding
	WPE    *nn.Embedding
	Blocks []*nn.Block
	LN     *nn.LayerNorm
	Head   *nn.Linear
	pos    []int
}

// New builds a model initialised from seed.
func New(cfg Config, seed uint64) (*Model, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	rng := nn.NewRand(seed)
	m := &Model{Cfg: cfg, WTE: nn.NewEmbedding(rng, cfg.Vocab, cfg.Dim), WPE: nn.NewEmbedding(rng, cfg.Block, cfg.Dim),
		LN: nn.NewLayerNorm(cfg.Dim), Head: nn.NewLinear(rng, cfg.Dim, cfg.Vocab, false)}
	for range cfg.Layers {
		b, err := nn.NewBlock(rng, cfg.Dim, cfg.Heads)
		if err != nil {
			return nil, err
		}
		m.Blocks = append(m.Blocks, b)
	}
	for t := range cfg.Block {
		m.pos = append(m.pos, t)
	}
	return m, nil
}

// Params names every parameter like the PyTorch module does.
func (m *Model) Params() nn.Params {
	ps := nn.Collect("wte", m.WTE, "wpe", m.WPE)
	for i, b := range m.Blocks {
		ps = append(ps, nn.Prefix(fmt.Sprintf("blocks.%d", i), b.Params())...)
	}
	return append(ps, nn.Collect("ln", m.LN, "head", m.Head)...)
}

// Loss returns the mean cross-entropy of predicting y from x, both B·T ids.
func (m *Model) Loss(x, y []int, B, T int) *nn.Tensor {
	tok := m.WTE.Forward(x, B, T)      // (B, T, C)
	pos := m.WPE.Forward(m.pos[:T], T) // (T, C)
	h := ag.Add(tok, pos)              // (B, T, C)
	for _, b := range m.Blocks {
		h = b.Forward(h)
	}
	logits := m.Head.Forward(m.LN.Forward(h)) // (B, T, V)
	return ag.CrossEntropy(logits, y)
}

// Data is a character-level corpus split 90/10 into train and validation.
type Data struct {
	Chars      []rune
	Train, Val []int
}

// Load reads a text file and encodes it by its sorted character set.
func Load(path string) (*Data, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("babygpt: %w", err)
	}
	return Encode(string(b)), nil
}

// Encode builds the vocabulary and the train/validation split of text.
func Encode(text string) *Data {
	set := map[rune]bool{}
	for _, r := range text {
		set[r] = true
	}
	d := &Data{}
	for r := range set {
		d.Chars = append(d.Chars, r)
	}
	slices.Sort(d.Chars)
	index := map[rune]int{}
	for i, r := range d.Chars {
		index[r] = i
	}
	var ids []int
	for _, r := range text {
		ids = append(ids, index[r])
	}
	n := len(ids) * 9 / 10
	d.Train, d.Val = ids[:n], ids[n:]
	return d
}

// Check returns an error unless both splits hold a window of block
// characters and the one after it, which Batch needs.
func (d *Data) Check(block int) error {
	if n := min(len(d.Train), len(d.Val)); n < block+2 {
		return fmt.Errorf("babygpt: the text is too short for a block of %d characters: the training split has %d, the validation split %d; each needs at least %d", block, len(d.Train), len(d.Val), block+2)
	}
	return nil
}

// Batch fills x and y (len B·T each) with B random windows of split and
// the characters that follow them.
// Batch panics on a split shorter than T+2 (see Check).
func Batch(rng *rand.Rand, split []int, B, T int, x, y []int) {
	for b := range B {
		i := rng.IntN(len(split) - T - 1)
		copy(x[b*T:(b+1)*T], split[i:i+T])
		copy(y[b*T:(b+1)*T], split[i+1:i+T+1])
	}
}
