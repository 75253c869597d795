package llm

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/corpus"
	"github.com/lingo-nlp/lingo/nlp/lm"
	"github.com/lingo-nlp/lingo/nlp/text"
	"github.com/lingo-nlp/lingo/nlp/training"
)

// PretrainConfig says what to pretrain on and how long. Zero fields take
// the default noted.
type PretrainConfig struct {
	// Corpora are the installed corpora of the mixture (package corpus),
	// default sotu, moby-dick, wordnet-glosses, default and facts; Weights
	// their sampling weights (default 4, 2, 2, 1, 2). The name "facts"
	// (FactsName) is the project's miniature encyclopedia, FactsSource. A
	// corpus that is not installed is left out with a note; when none is
	// left the embedded "default" corpus is used alone.
	Corpora []string
	Weights []float64
	// MaxBytes keeps at most this much text per corpus (default 1 MB).
	// Documents (a speech, a chapter, a gloss) are cut or joined into
	// chunks of about 2 KB, so that the sampling weights are shares of
	// tokens, as in GPT-3's table, whatever the documents' sizes.
	MaxBytes int
	// VocabSize is the BPE vocabulary: 256 bytes plus merges (default 512).
	VocabSize int
	// BPEChars is how much text (bytes, spread over the sources) the BPE
	// is trained on (default 300,000).
	BPEChars int
	// Model sizes the Transformer (default 2 layers, 64-d, 4 heads, block
	// 128: the open-book questions of the instruction data need ~100
	// tokens with their prompt).
	Model lm.TransformerConfig
	// ValTokens is the size of a held-out stream drawn from the mixture
	// after the training stream and scored at every evaluation of the
	// run (0: none); at most MaxStreamTokens.
	ValTokens int
	// Seed draws the documents of the stream (and the model's
	// initialisation); the run's own default seed is Seed+1.
	Seed uint64
}

// MaxStreamTokens bounds the token streams Pretrain draws before training:
// the training stream of Steps·Batch·Block tokens and the held-out one of
// ValTokens (each token takes 8 bytes).
const MaxStreamTokens = 1 << 26

func (c PretrainConfig) withDefaults() (PretrainConfig, error) {
	for _, f := range []struct {
		name string
		v    int
	}{{"MaxBytes", c.MaxBytes}, {"VocabSize", c.VocabSize}, {"BPEChars", c.BPEChars}, {"ValTokens", c.ValTokens},
		{"Model.Block", c.Model.Block}, {"Model.Dim", c.Model.Dim}, {"Model.Heads", c.Model.Heads}, {"Model.Layers", c.Model.Layers}} {
		if f.v < 0 {
			return c, fmt.Errorf("llm: PretrainConfig.%s must be ≥ 0 (0: the default), got %d", f.name, f.v)
		}
	}
	if c.ValTokens > MaxStreamTokens {
		return c, fmt.Errorf("llm: PretrainConfig.ValTokens must be at most %d, got %d", MaxStreamTokens, c.ValTokens)
	}
	for i, w := range c.Weights {
		if err := training.CheckFloatIn("llm", fmt.Sprintf("PretrainConfig.Weights[%d]", i), w); err != nil {
			return c, err
		}
	}
	if len(c.Corpora) == 0 {
		c.Corpora = []string{"sotu", "moby-dick", "wordnet-glosses", "default", FactsName}
		if len(c.Weights) == 0 {
			c.Weights = []float64{4, 2, 2, 1, 2}
		}
	}
	if c.MaxBytes <= 0 {
		c.MaxBytes = 1 << 20
	}
	if c.VocabSize <= 0 {
		c.VocabSize = 512
	}
	if c.BPEChars <= 0 {
		c.BPEChars = 300_000
	}
	if c.Model.Layers <= 0 {
		c.Model.Layers = 2
	}
	if c.Model.Dim <= 0 {
		c.Model.Dim = 64
	}
	if c.Model.Heads <= 0 {
		c.Model.Heads = 4
	}
	if c.Model.Block <= 0 {
		c.Model.Block = 128
	}
	return c, nil
}

// Pretrained is the result of Pretrain: the model, its data mixture, the
// expected and the observed epochs per source, and the loss curve.
type Pretrained struct {
	Model    *Model
	Mixture  *Mixture
	Expected *EpochReport // from the weights: w_s·N / tokens_s
	Observed *EpochReport // counted while drawing the training stream
	History  *training.History
	Notes    []string // corpora that were missing, and what replaced them
	// Stream is the token stream the model was trained on (N tokens drawn
	// from the mixture), kept for the data-parallel demo.
	Stream []int
}

// Pretrain builds the mixture of cfg's corpora, trains a byte-level BPE on
// a sample of it, draws a training stream of N = Steps·Batch·Block tokens
// from the mixture (each document's source chosen with probability w_s)
// and trains a Transformer LM on the stream by next-token prediction
// (lm.Task) with training.Run and run. The zero fields of run take the
// pretraining defaults: 600 steps of 8 sequences, AdamW at 3e-3, seed
// cfg.Seed+1.
func Pretrain(ctx context.Context, cfg PretrainConfig, run training.Config) (*Pretrained, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if len(cfg.Weights) != 0 && len(cfg.Weights) != len(cfg.Corpora) {
		return nil, fmt.Errorf("llm: Pretrain: %d weights for %d corpora", len(cfg.Weights), len(cfg.Corpora))
	}
	res := &Pretrained{}
	sources, notes, err := mixtureSources(cfg)
	if err != nil {
		return nil, err
	}
	res.Notes = notes
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	bpe, err := text.TrainBPE(bpeSample(sources, cfg.BPEChars), text.BPEConfig{VocabSize: cfg.VocabSize})
	if err != nil {
		return nil, fmt.Errorf("llm: %w", err)
	}
	enc := newCachedEncoder(bpe)
	mix, err := NewMixture(enc, sources...)
	if err != nil {
		return nil, err
	}
	res.Mixture = mix
	m, err := NewModel(bpe, cfg.Model)
	if err != nil {
		return nil, err
	}
	res.Model = m
	task := &pretrainTask{Task: lm.Task{Model: m.LM}, seed: cfg.Seed + 1}
	run, err = run.Resolve(task)
	if err != nil {
		return nil, err
	}

	if int64(run.Steps) > MaxStreamTokens/(int64(run.Batch)*int64(m.Block())) {
		return nil, fmt.Errorf("llm: Pretrain: Steps·Batch·Block = %d·%d·%d training tokens is more than %d", run.Steps, run.Batch, m.Block(), MaxStreamTokens)
	}
	N := int64(run.Steps) * int64(run.Batch) * int64(m.Block())
	res.Expected = mix.Epochs(N)
	smp, err := mix.Sampler(cfg.Seed)
	if err != nil {
		return nil, err
	}
	stream := make([]int, 0, N+1024)
	nl := bpe.Encode("\n")
	for _, d := range smp.Take(N) {
		stream = append(stream, enc.Encode(d.Text)...)
		stream = append(stream, nl...)
	}
	res.Observed = smp.Report()
	res.Stream = stream
	task.Train = stream
	for _, d := range smp.Take(int64(cfg.ValTokens)) {
		task.Val = append(task.Val, enc.Encode(d.Text)...)
		task.Val = append(task.Val, nl...)
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	h, err := training.Run(ctx, task, run)
	res.History = h
	if err != nil {
		return res, fmt.Errorf("llm: pretraining: %w", err)
	}
	return res, nil
}

// pretrainTask is lm.Task with pretraining's defaults.
type pretrainTask struct {
	lm.Task
	seed uint64
}

func (t *pretrainTask) Defaults() training.Config {
	return training.Config{Steps: 600, Batch: 8, LR: 3e-3, Seed: t.seed}
}

// mixtureSources reads the corpora of cfg into the sources of the
// mixture, each cut into documents of about chunkBytes; a corpus that is
// not installed or is empty is left out with a note, and the embedded
// default corpus stands in when none is left.
func mixtureSources(cfg PretrainConfig) (sources []Source, notes []string, err error) {
	for i, name := range cfg.Corpora {
		w := 1.0
		if len(cfg.Weights) > 0 {
			w = cfg.Weights[i]
		}
		if name == FactsName {
			src, note := FactsSource(w, "", 0, cfg.Seed)
			if note != "" {
				notes = append(notes, note)
			}
			sources = append(sources, src)
			continue
		}
		src, err := CorpusSource(name, w, maxCorpusDocs)
		if errors.Is(err, corpus.ErrNotInstalled) {
			notes = append(notes, fmt.Sprintf("corpus %q is not installed: left out of the mixture", name))
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		src.Docs = rechunk(src.Docs, chunkBytes, cfg.MaxBytes)
		if len(src.Docs) == 0 {
			notes = append(notes, fmt.Sprintf("corpus %q is empty: left out", name))
			continue
		}
		sources = append(sources, src)
	}
	if len(sources) == 0 {
		src, err := CorpusSource("default", 1, maxCorpusDocs)
		if err != nil {
			return nil, nil, err
		}
		src.Docs = rechunk(src.Docs, chunkBytes, cfg.MaxBytes)
		notes = append(notes, "no corpus of the mixture is installed: the embedded default corpus is used")
		sources = append(sources, src)
	}
	return sources, notes, nil
}

const (
	maxCorpusDocs = 5000 // documents read from a corpus at most
	chunkBytes    = 2000 // size of the mixture's documents
)

// rechunk joins small documents and cuts large ones (at a space) into
// pieces of about size bytes, keeping at most maxBytes in all.
func rechunk(docs []string, size, maxBytes int) []string {
	var out []string
	var b strings.Builder
	total := 0
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			total += b.Len()
			b.Reset()
		}
	}
	for _, d := range docs {
		for d != "" && total < maxBytes {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			room := size - b.Len()
			if len(d) <= room {
				b.WriteString(d)
				d = ""
			} else {
				cut := strings.LastIndexByte(d[:room], ' ')
				if cut <= 0 {
					cut = room
				}
				b.WriteString(d[:cut])
				d = strings.TrimLeft(d[cut:], " ")
			}
			if b.Len() >= size*9/10 {
				flush()
			}
		}
	}
	if total < maxBytes {
		flush()
	}
	return out
}

// bpeSample yields up to chars bytes of text, an equal share from every
// source, a document at a time.
func bpeSample(sources []Source, chars int) func(func(string) bool) {
	share := chars / len(sources)
	return func(yield func(string) bool) {
		for _, s := range sources {
			n := 0
			for _, d := range s.Docs {
				if n >= share {
					break
				}
				if len(d) > share-n {
					d = d[:share-n]
				}
				n += len(d)
				if !yield(d) {
					return
				}
			}
		}
	}
}

// cachedEncoder remembers the encoding of every document, so that a
// document counted by NewMixture is not encoded again when drawn.
type cachedEncoder struct {
	bpe   *text.BPE
	cache map[string][]int
}

func newCachedEncoder(b *text.BPE) *cachedEncoder {
	return &cachedEncoder{bpe: b, cache: map[string][]int{}}
}

func (c *cachedEncoder) Encode(s string) []int {
	if ids, ok := c.cache[s]; ok {
		return ids
	}
	ids := c.bpe.Encode(s)
	c.cache[s] = ids
	return ids
}

// String summarises the pretraining run.
func (p *Pretrained) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %d parameters, BPE of %d ids", p.Model.LM.Name(), p.Model.Params().Count(), p.Model.BPE.Len())
	if p.History != nil {
		fmt.Fprintf(&b, "; %s", p.History)
	}
	for _, n := range p.Notes {
		fmt.Fprintf(&b, "\nnote: %s", n)
	}
	return b.String()
}
