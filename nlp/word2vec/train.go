package word2vec

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lingo-nlp/lingo/nlp/training"
	"github.com/lingo-nlp/lingo/nlp/vec"
)

// batchWords is the number of corpus words per job, as gensim's batch_words.
const batchWords = 10000

// Train learns word vectors from sentences (lists of tokens) with the
// settings of cfg (see Config for the defaults). Training runs
// cfg.Workers goroutines that update the shared weights without locks
// (Hogwild), each taking jobs of about 10,000 words.
//
// If ctx is cancelled, training stops within one job per worker and Train
// returns the partly trained model together with an error wrapping
// ctx.Err().
func Train(ctx context.Context, sentences [][]string, cfg Config) (*Model, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	v, raw := buildVocab(sentences, cfg.MinCount, cfg.MaxVocab)
	if raw == 0 {
		return nil, errors.New("word2vec: empty corpus: no tokens to train on")
	}
	if len(v.words) == 0 {
		return nil, fmt.Errorf("word2vec: empty vocabulary: none of the %d distinct words occurs MinCount=%d times", countDistinct(sentences), cfg.MinCount)
	}
	v.setSample(cfg.Sample)
	t := newTrainer(cfg, v)
	t.ids, t.starts = v.encode(sentences)
	t.makeJobs()
	m := &Model{Config: cfg, Counts: v.counts, CorpusWords: raw, History: training.NewHistory("word2vec " + arch(cfg))}
	m.History.Unit = "epoch"
	err = t.run(ctx, m)
	m.KeyedVectors, _ = vec.FromMatrix(v.words, t.syn0, cfg.Dim)
	m.Syn1Neg, m.Syn1 = t.syn1neg, t.syn1
	return m, err
}

func countDistinct(sentences [][]string) int {
	seen := make(map[string]bool)
	for _, s := range sentences {
		for _, w := range s {
			seen[w] = true
		}
	}
	return len(seen)
}

// trainer holds the shared state of one training run.
type trainer struct {
	cfg     Config
	v       *vocab
	d       int
	syn0    []float32 // input vectors v_w, |V|×d
	syn1neg []float32 // output vectors u_w for negative sampling and full softmax, |V|×d
	syn1    []float32 // hierarchical-softmax inner nodes, (|V|−1)×d
	table   *aliasTable
	tree    *huffman
	ids     []int32 // corpus as word indices
	starts  []int   // sentence i is ids[starts[i]:starts[i+1]]
	jobs    [][2]int

	hotMu   sync.Mutex   // guards merging the workers' private rows (hot.go)
	done    atomic.Int64 // corpus words processed, all epochs
	trained atomic.Int64 // words kept after subsampling

	mu      sync.Mutex // guards the fields below and Reporter calls
	loss    float64    // summed loss in the current epoch
	preds   int64      // predictions in the current epoch
	metrics map[string]float64
	start   time.Time
	epoch   int
}

func newTrainer(cfg Config, v *vocab) *trainer {
	n, d := len(v.words), cfg.Dim
	t := &trainer{cfg: cfg, v: v, d: d, syn0: make([]float32, n*d)}
	r := rng(cfg.Seed)
	for i := range t.syn0 {
		t.syn0[i] = (r.float() - 0.5) / float32(d)
	}
	if cfg.Negative > 0 || cfg.FullSoftmax {
		t.syn1neg = make([]float32, n*d)
	}
	if cfg.Negative > 0 {
		t.table = newAliasTable(v.counts, cfg.NSExponent)
	}
	if cfg.HS {
		t.tree = newHuffman(v.counts)
		t.syn1 = make([]float32, max(n-1, 1)*d)
	}
	return t
}

// makeJobs groups sentences into jobs of about batchWords words.
func (t *trainer) makeJobs() {
	lo := 0
	for s := 0; s < len(t.starts)-1; s++ {
		if t.starts[s+1]-t.starts[lo] >= batchWords {
			t.jobs = append(t.jobs, [2]int{lo, s + 1})
			lo = s + 1
		}
	}
	if lo < len(t.starts)-1 {
		t.jobs = append(t.jobs, [2]int{lo, len(t.starts) - 1})
	}
}

func (t *trainer) run(ctx context.Context, m *Model) error {
	cfg := t.cfg
	total := int64(len(t.ids)) * int64(cfg.Epochs)
	t.start = time.Now()
	t.metrics = map[string]float64{}
	workers := make([]*worker, cfg.Workers)
	for i := range workers {
		workers[i] = newWorker(t, uint64(cfg.Seed)+uint64(i)*0x9E3779B97F4A7C15)
	}
	var err error
	for e := 0; e < cfg.Epochs && err == nil; e++ {
		t.epoch = e + 1
		var next atomic.Int64
		var wg sync.WaitGroup
		for _, w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer w.epochDone()
				for ctx.Err() == nil {
					j := int(next.Add(1) - 1)
					if j >= len(t.jobs) {
						return
					}
					progress := float64(t.done.Load()) / float64(total)
					alpha := cfg.Alpha - (cfg.Alpha-cfg.MinAlpha)*progress
					w.job(t.jobs[j], float32(max(alpha, cfg.MinAlpha)))
					t.report(w, total)
				}
			}()
		}
		wg.Wait()
		if ctx.Err() != nil {
			err = fmt.Errorf("word2vec: training interrupted in epoch %d of %d: %w", e+1, cfg.Epochs, ctx.Err())
		}
		t.mu.Lock()
		if t.preds > 0 {
			m.History.AddAt("loss", e+1, t.loss/float64(t.preds))
		}
		t.loss, t.preds = 0, 0
		t.mu.Unlock()
	}
	m.TrainedWords = t.trained.Load()
	m.History.Elapsed = time.Since(t.start)
	if err != nil {
		m.History.Stopped = "interrupted"
		if d, ok := t.cfg.Reporter.(interface{ Done() }); ok {
			d.Done()
		}
	}
	return err
}

// report merges a worker's loss and tells the Reporter.
func (t *trainer) report(w *worker, total int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.loss += w.loss
	t.preds += w.preds
	w.loss, w.preds = 0, 0
	if t.cfg.Reporter == nil {
		return
	}
	done := t.done.Load()
	if t.preds > 0 {
		t.metrics["loss"] = t.loss / float64(t.preds)
	}
	t.metrics["alpha"] = max(t.cfg.MinAlpha, t.cfg.Alpha-(t.cfg.Alpha-t.cfg.MinAlpha)*float64(done)/float64(total))
	t.metrics["epoch"] = float64(t.epoch)
	t.cfg.Reporter.Report(int(done), int(total), t.metrics)
}
