package word2vec

import (
	"fmt"
	"runtime"

	"github.com/lingo-nlp/lingo/nlp/training"
)

// Config holds the training hyperparameters, named after gensim's
// Word2Vec arguments. Dim and Window must be set (a zero Dim or Window is
// an error, not a default); every other zero value means gensim's default,
// noted per field. DefaultConfig returns all of gensim's defaults.
type Config struct {
	Dim      int // vector_size: dimension d of the vectors (gensim: 100)
	Window   int // window: maximum distance between centre and context word (gensim: 5)
	MinCount int // min_count: ignore words rarer than this; 0 means 5 (use 1 to keep all)
	MaxVocab int // keep only the MaxVocab most frequent words (like gensim's max_final_vocab); 0 means no limit

	// Sample is the subsampling threshold t for frequent words; 0 means
	// 1e-3. NoSample turns subsampling off (gensim's sample=0).
	Sample   float64
	NoSample bool

	// Negative is the number of negative samples K per prediction. 0 means
	// 5, unless HS or FullSoftmax is set, in which case 0 means none.
	// Negative values are an error.
	Negative int
	// NSExponent is the exponent of the negative-sampling distribution
	// count^NSExponent; 0 means 0.75.
	NSExponent float64
	// HS trains with hierarchical softmax (alone, or besides negative sampling).
	HS bool
	// FullSoftmax trains with the exact softmax over the whole vocabulary:
	// O(|V|·d) per prediction, meant for small vocabularies and to show
	// why the approximations exist. It excludes HS and Negative.
	FullSoftmax bool

	Alpha    float64 // initial learning rate; 0 means 0.025
	MinAlpha float64 // final learning rate of the linear decay; 0 means 0.0001
	Epochs   int     // passes over the corpus; 0 means 5

	// SG selects skip-gram; false trains CBOW (gensim's default sg=0).
	SG bool
	// CBOWMean chooses how CBOW combines the context vectors: 0 or 1 means
	// their mean (gensim's cbow_mean=1), -1 their sum.
	CBOWMean int

	// Workers is the number of training goroutines (Hogwild, lock-free);
	// 0 means runtime.GOMAXPROCS(0). With Workers 1 and a fixed Seed,
	// training is deterministic.
	Workers int
	Seed    int64 // random seed; 0 means 1 (gensim's default)

	// Reporter, if set, is told the corpus words processed so far (over
	// all epochs) and the total after every job of about 10,000 words,
	// with the metrics "loss" (the mean loss per prediction in the
	// current epoch so far), "alpha" (the learning rate) and "epoch"
	// (from 1). Calls come from the training goroutines, one at a time. A
	// *plots.Progress is a Reporter, as for every trainer of the library.
	Reporter training.Reporter
}

// DefaultConfig returns gensim 4.2's defaults: CBOW, Dim 100, Window 5,
// MinCount 5, Sample 1e-3, Negative 5, Alpha 0.025, 5 epochs. Set SG for
// skip-gram.
func DefaultConfig() Config {
	c, _ := Config{Dim: 100, Window: 5}.withDefaults()
	c.Workers = 0 // decided at training time
	return c
}

// maxDim bounds Dim: the vectors take |V|·Dim floats (twice that with
// negative sampling), so a mistyped Dim must not ask for terabytes.
const maxDim = 1 << 14

// withDefaults returns c with zero values replaced by gensim's defaults, or
// an error naming the first invalid value.
func (c Config) withDefaults() (Config, error) {
	if c.Dim < 1 {
		return c, fmt.Errorf("word2vec: Dim must be ≥ 1, got %d (gensim's default is 100)", c.Dim)
	}
	if c.Dim > maxDim {
		return c, fmt.Errorf("word2vec: Dim %d is more than %d", c.Dim, maxDim)
	}
	if c.Window < 1 {
		return c, fmt.Errorf("word2vec: Window must be ≥ 1, got %d (gensim's default is 5)", c.Window)
	}
	if c.MinCount < 0 || c.MaxVocab < 0 || c.Epochs < 0 || c.Workers < 0 {
		switch {
		case c.MinCount < 0:
			return c, fmt.Errorf("word2vec: MinCount must be ≥ 0, got %d", c.MinCount)
		case c.MaxVocab < 0:
			return c, fmt.Errorf("word2vec: MaxVocab must be ≥ 0, got %d", c.MaxVocab)
		case c.Epochs < 0:
			return c, fmt.Errorf("word2vec: Epochs must be ≥ 1, got %d", c.Epochs)
		default:
			return c, fmt.Errorf("word2vec: Workers must be ≥ 1, got %d", c.Workers)
		}
	}
	if c.Negative < 0 {
		return c, fmt.Errorf("word2vec: Negative must be ≥ 0, got %d", c.Negative)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"Alpha", c.Alpha}, {"MinAlpha", c.MinAlpha}, {"NSExponent", c.NSExponent}, {"Sample", c.Sample}} {
		if err := training.CheckFloatIn("word2vec", f.name, f.v); err != nil {
			return c, err
		}
	}
	if c.NoSample && c.Sample != 0 {
		return c, fmt.Errorf("word2vec: NoSample with Sample %g: choose one", c.Sample)
	}
	if c.CBOWMean < -1 || c.CBOWMean > 1 {
		return c, fmt.Errorf("word2vec: CBOWMean must be 1 (mean), -1 (sum) or 0 (default), got %d", c.CBOWMean)
	}
	if c.FullSoftmax && (c.HS || c.Negative > 0) {
		return c, fmt.Errorf("word2vec: FullSoftmax excludes HS and Negative (got HS=%v, Negative=%d)", c.HS, c.Negative)
	}
	def := func(p *int, v int) {
		if *p == 0 {
			*p = v
		}
	}
	def(&c.MinCount, 5)
	def(&c.Epochs, 5)
	def(&c.Workers, runtime.GOMAXPROCS(0))
	def(&c.CBOWMean, 1)
	if c.Negative == 0 && !c.HS && !c.FullSoftmax {
		c.Negative = 5
	}
	if c.Sample == 0 && !c.NoSample {
		c.Sample = 1e-3
	}
	if c.NSExponent == 0 {
		c.NSExponent = 0.75
	}
	if c.Alpha == 0 {
		c.Alpha = 0.025
	}
	if c.MinAlpha == 0 {
		c.MinAlpha = 0.0001
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	return c, nil
}
