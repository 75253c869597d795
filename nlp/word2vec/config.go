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
	// Negative values and values above 4096 are an error.
	Negative int
	// NSExponent is the exponent of the negative-sampling distribution
	// count^NSExponent; 0 means 0.75, at most 10.
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
	// CBOWSum makes CBOW add the context vectors instead of averaging
	// them (gensim's cbow_mean=0; the zero value averages, cbow_mean=1).
	// It is an error with SG.
	CBOWSum bool

	// Workers is the number of training goroutines (Hogwild, lock-free);
	// 0 means runtime.GOMAXPROCS(0); at most 256. With Workers 1 and a
	// fixed Seed, training is deterministic.
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

// maxNegative and maxWorkers bound Negative and Workers: every worker
// allocates room for Negative+1 targets and, with several workers, its
// own copies of the most frequent words' rows.
const (
	maxNegative = 1 << 12
	maxWorkers  = 256
)

// maxNSExponent bounds NSExponent so that count^NSExponent stays finite
// for any count up to 2^63 (2^630 < 2^1023); with larger exponents the
// weights can be +Inf and the sampling distribution meaningless.
const maxNSExponent = 10

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
	if c.Negative > maxNegative {
		return c, fmt.Errorf("word2vec: Negative must be at most %d, got %d", maxNegative, c.Negative)
	}
	if c.Workers > maxWorkers {
		return c, fmt.Errorf("word2vec: Workers must be at most %d (0: GOMAXPROCS), got %d", maxWorkers, c.Workers)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"Alpha", c.Alpha}, {"MinAlpha", c.MinAlpha}, {"NSExponent", c.NSExponent}, {"Sample", c.Sample}} {
		if err := training.CheckFloatIn("word2vec", f.name, f.v); err != nil {
			return c, err
		}
	}
	if c.NSExponent > maxNSExponent {
		return c, fmt.Errorf("word2vec: NSExponent must be at most %d, got %g", maxNSExponent, c.NSExponent)
	}
	if c.NoSample && c.Sample != 0 {
		return c, fmt.Errorf("word2vec: NoSample with Sample %g: choose one", c.Sample)
	}
	if c.CBOWSum && c.SG {
		return c, fmt.Errorf("word2vec: CBOWSum is a setting of CBOW, not of skip-gram (SG)")
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
