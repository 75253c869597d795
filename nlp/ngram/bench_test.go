package ngram

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The side-by-side benchmark with NLTK: testdata/bench.sh runs
// TestBenchmarkCorpus and testdata/bench_nltk.py on the same corpus, with
// the same tokenisation:
//   - lowercase; sentences split after . ! ? (and at blank lines);
//   - tokens are runs of letters and apostrophes;
//   - every 50th sentence is held out for scoring.
// LINGO_NGRAM_BENCH names a text file or a directory of .txt files;
// LINGO_NGRAM_BENCH_MODE is "mkn" (5-gram modified KN, this package's
// default) or "nltk" (5-gram KneserNeyInterpolated in NLTK mode, the same
// model NLTK builds, scored on the first LINGO_NGRAM_BENCH_K held-out
// n-grams so that both print the same perplexity). LINGO_NGRAM_BENCH_FILES=1
// adds ARPA and native write/read round trips.

var (
	benchSentEnd = regexp.MustCompile(`[.!?]+|\n\s*\n`)
	benchToken   = regexp.MustCompile(`[a-z']+`)
)

func loadBenchCorpus(path string) ([][]string, error) {
	var files []string
	if fi, err := os.Stat(path); err != nil {
		return nil, err
	} else if fi.IsDir() {
		files, _ = filepath.Glob(filepath.Join(path, "*.txt"))
		slices.Sort(files)
	} else {
		files = []string{path}
	}
	var sents [][]string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, s := range benchSentEnd.Split(strings.ToLower(string(b)), -1) {
			if toks := benchToken.FindAllString(s, -1); len(toks) > 0 {
				sents = append(sents, toks)
			}
		}
	}
	return sents, nil
}

func splitBench(sents [][]string) (train, test [][]string) {
	for i, s := range sents {
		if i%50 == 49 {
			test = append(test, s)
		} else {
			train = append(train, s)
		}
	}
	return train, test
}

func TestBenchmarkCorpus(t *testing.T) {
	path := os.Getenv("LINGO_NGRAM_BENCH")
	if path == "" {
		t.Skip("set LINGO_NGRAM_BENCH to a corpus (see testdata/bench.sh)")
	}
	mode := os.Getenv("LINGO_NGRAM_BENCH_MODE")
	t0 := time.Now()
	sents, err := loadBenchCorpus(path)
	if err != nil {
		t.Fatal(err)
	}
	train, test := splitBench(sents)
	if dir := os.Getenv("LINGO_NGRAM_BENCH_DUMP"); dir != "" {
		// One sentence per line, tokens separated by spaces, for lmplz.
		for name, ss := range map[string][][]string{"train.txt": train, "test.txt": test} {
			var b strings.Builder
			for _, s := range ss {
				b.WriteString(strings.Join(s, " "))
				b.WriteByte('\n')
			}
			if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	ntok := 0
	for _, s := range train {
		ntok += len(s)
	}
	fmt.Printf("corpus: %d train sentences, %d tokens; %d test sentences (read+tokenise %.2fs)\n", len(train), ntok, len(test), time.Since(t0).Seconds())
	cfg := Config{Order: 5}
	if mode == "nltk" {
		cfg = Config{Order: 5, Smoothing: KneserNey, NLTK: true}
	}
	runtime.GC()
	t0, c0 := time.Now(), cpuTime()
	m, err := Train(train, cfg)
	if err != nil {
		t.Fatal(err)
	}
	build, buildCPU := time.Since(t0), cpuTime()-c0
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("build %s: %.2fs wall, %.2fs CPU; n-grams by order:", m.describe(), build.Seconds(), buildCPU.Seconds())
	for k := 1; k <= 5; k++ {
		fmt.Printf(" %d", m.NumNGrams(k))
	}
	fmt.Printf("; heap in use %.0f MB\n", float64(ms.HeapInuse)/1e6)

	if mode == "nltk" {
		k, _ := strconv.Atoi(os.Getenv("LINGO_NGRAM_BENCH_K"))
		if k == 0 {
			k = 200
		}
		// The first k order-5 windows of the NLTK-padded held-out sentences.
		var ctxs [][]string
		var words []string
		for _, s := range test {
			p := append(append([]string{BOS, BOS, BOS, BOS}, s...), EOS, EOS, EOS, EOS)
			for i := 0; i+5 <= len(p) && len(words) < k; i++ {
				ctxs, words = append(ctxs, p[i:i+4]), append(words, p[i+4])
			}
		}
		t0, c0 = time.Now(), cpuTime()
		sum := 0.0
		for i := range words {
			sum += math.Log2(m.Prob(words[i], ctxs[i]))
		}
		el, cpu := time.Since(t0), cpuTime()-c0
		fmt.Printf("score %d n-grams: %.6fs wall, %.6fs CPU; perplexity %.10g\n", len(words), el.Seconds(), cpu.Seconds(), math.Pow(2, -sum/float64(len(words))))
		return
	}

	t0, c0 = time.Now(), cpuTime()
	e := m.Evaluate(test)
	score, scoreCPU := time.Since(t0), cpuTime()-c0
	fmt.Printf("score held-out: %d tokens in %.3fs wall, %.3fs CPU; perplexity %.3f, OOV %d\n", e.Tokens, score.Seconds(), scoreCPU.Seconds(), e.Perplexity, e.OOV)
	t0, c0 = time.Now(), cpuTime()
	for range 20 {
		m.Evaluate(test)
	}
	el, cpu := time.Since(t0), cpuTime()-c0
	fmt.Printf("running-text scoring (Evaluate, held-out ×20): %.2f M tokens/s wall, %.2f M/s per CPU-second\n", 20*float64(e.Tokens)/el.Seconds()/1e6, 20*float64(e.Tokens)/cpu.Seconds()/1e6)

	// Query throughput: P(w | 4 words) on the held-out 5-grams, ids
	// precomputed (the scoring inner loop) and through the string API.
	type q struct {
		w   uint32
		ctx []uint32
	}
	var qs []q
	var sq [][]string
	for _, s := range test {
		ids := append(append([]uint32{bosID}, m.vocab.lookup(s, nil)...), eosID)
		p := append(append([]string{BOS}, s...), EOS)
		for i := 1; i < len(ids); i++ {
			qs = append(qs, q{ids[i], ids[max(0, i-4):i]})
			sq = append(sq, p[max(0, i-4):i+1])
		}
	}
	reps := max(1, 2_000_000/len(qs))
	t0, c0 = time.Now(), cpuTime()
	acc := 0.0
	for range reps {
		for _, x := range qs {
			acc += m.probIDs(x.w, x.ctx, nil)
		}
	}
	el, cpu = time.Since(t0), cpuTime()-c0
	nq := float64(reps * len(qs))
	fmt.Printf("queries (ids): %.2f M/s wall, %.2f M/s per CPU-second\n", nq/el.Seconds()/1e6, nq/cpu.Seconds()/1e6)
	t0, c0 = time.Now(), cpuTime()
	for range reps {
		for _, g := range sq {
			acc += m.Prob(g[len(g)-1], g[:len(g)-1])
		}
	}
	el, cpu = time.Since(t0), cpuTime()-c0
	fmt.Printf("queries (Prob, strings): %.2f M/s wall, %.2f M/s per CPU-second (checksum %.3f)\n", nq/el.Seconds()/1e6, nq/cpu.Seconds()/1e6, acc)

	if out := os.Getenv("LINGO_NGRAM_BENCH_ARPA_OUT"); out != "" {
		// For KenLM's query: it must read this file and agree.
		f, err := os.Create(out)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.WriteARPA(f); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if os.Getenv("LINGO_NGRAM_BENCH_FILES") == "" {
		return
	}
	// ARPA and native round trips (a separate run: they raise peak memory).
	var buf bytes.Buffer
	t0 = time.Now()
	if err := m.WriteARPA(&buf); err != nil {
		t.Fatal(err)
	}
	wr := time.Since(t0)
	size := buf.Len()
	t0 = time.Now()
	a, err := ReadARPA(&buf)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("ARPA: write %.2fs, read %.2fs, %.0f MB; perplexity from the ARPA model %.3f\n", wr.Seconds(), time.Since(t0).Seconds(), float64(size)/1e6, a.Perplexity(test))
	buf.Reset()
	t0 = time.Now()
	m.WriteTo(&buf)
	wr, size = time.Since(t0), buf.Len()
	t0 = time.Now()
	l, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("native: write %.2fs, load %.2fs, %.0f MB; perplexity after load %.3f\n", wr.Seconds(), time.Since(t0).Seconds(), float64(size)/1e6, l.Perplexity(test))
}

// BenchmarkTrain builds the 5-gram modified-KN model on the corpus named by
// LINGO_NGRAM_BENCH (skipped when unset).
func BenchmarkTrain(b *testing.B) {
	path := os.Getenv("LINGO_NGRAM_BENCH")
	if path == "" {
		b.Skip("set LINGO_NGRAM_BENCH to a corpus")
	}
	sents, err := loadBenchCorpus(path)
	if err != nil {
		b.Fatal(err)
	}
	train, _ := splitBench(sents)
	for b.Loop() {
		if _, err := Train(train, Config{Order: 5}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProb measures single queries on a small generated corpus, so it
// runs anywhere.
func BenchmarkProb(b *testing.B) {
	var sents [][]string
	words := strings.Fields("the a of to and in that is was he for it with as his on be at by i")
	x := uint32(1)
	for range 5000 {
		var s []string
		for range 20 {
			x = x*1664525 + 1013904223
			s = append(s, words[(x>>16)%uint32(len(words))])
		}
		sents = append(sents, s)
	}
	m, _ := Train(sents, Config{Order: 5})
	ctx := []string{"the", "a", "of", "to"}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		m.Prob(words[i%len(words)], ctx)
	}
}

// TestKenLM compares this package's 5-gram modified Kneser–Ney model with
// KenLM's lmplz ARPA file for the same training text (bench.sh writes both;
// LINGO_NGRAM_KENLM_ARPA names the file, LINGO_NGRAM_BENCH the corpus).
// It checks every listed n-gram's log10 probability and backoff weight and
// the held-out perplexity computed from both models.
func TestKenLM(t *testing.T) {
	arpa, path := os.Getenv("LINGO_NGRAM_KENLM_ARPA"), os.Getenv("LINGO_NGRAM_BENCH")
	if arpa == "" || path == "" {
		t.Skip("set LINGO_NGRAM_KENLM_ARPA and LINGO_NGRAM_BENCH (see testdata/bench.sh)")
	}
	sents, err := loadBenchCorpus(path)
	if err != nil {
		t.Fatal(err)
	}
	train, test := splitBench(sents)
	f, err := os.Open(arpa)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	k, err := ReadARPA(f)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Train(train, Config{Order: k.Order()})
	if err != nil {
		t.Fatal(err)
	}
	parents := k.t.parents(k.Order())
	var maxP, maxB float64
	var worst string
	checked := 0
	for n := 1; n <= k.Order(); n++ {
		ids := make([]string, n)
		for x := range k.t.levels[n].word {
			node := uint32(x)
			for j := n - 1; j >= 0; j-- {
				ids[j] = k.vocab.Word(k.t.levels[j+1].word[node])
				if j > 0 {
					node = parents[j+1][node]
				}
			}
			if ids[n-1] == BOS {
				continue // KenLM lists log10 P(<s>) = 0, we -99; it is never predicted
			}
			ours := math.Log10(m.Prob(ids[n-1], ids[:n-1]))
			if d := math.Abs(ours - k.logp[n][x]); d > maxP {
				maxP, worst = d, strings.Join(ids, " ")
			}
			if n < k.Order() {
				mid, ok := m.t.lookup(m.vocab.lookup(ids, nil))
				if !ok {
					t.Fatalf("%q listed by KenLM, unseen here", ids)
				}
				if d := math.Abs(math.Log10(m.cb[n][mid]) - k.bow[n][x]); d > maxB {
					maxB = d
				}
			}
			checked++
		}
	}
	pk, pm := k.Perplexity(test), m.Perplexity(test)
	fmt.Printf("KenLM comparison: %d n-grams; max |Δ log10 P| = %.2g (%s), max |Δ log10 β| = %.2g; held-out perplexity KenLM ARPA %.6f, ours %.6f (%.2g%%)\n",
		checked, maxP, worst, maxB, pk, pm, 100*math.Abs(pk-pm)/pk)
	if math.Abs(pk-pm) > 0.001*pk {
		t.Errorf("perplexity differs by more than 0.1%%: KenLM %v, ours %v", pk, pm)
	}
}
