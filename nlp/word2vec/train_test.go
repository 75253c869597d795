package word2vec

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/nlp/vec"

	"github.com/lingo-nlp/lingo/plots"
)

// topicCorpus makes sentences that each draw words from one of two topics
// (a0…a9 or b0…b9) mixed with shared filler words, so that a trained model
// must place same-topic words closer together.
func topicCorpus(n int, seed uint64) [][]string {
	r := rand.New(rand.NewPCG(seed, 7))
	fill := []string{"the", "of", "and", "to", "a"}
	out := make([][]string, n)
	for i := range out {
		topic := "a"
		if i%2 == 1 {
			topic = "b"
		}
		s := make([]string, 30)
		for j := range s {
			if r.IntN(3) == 0 {
				s[j] = fill[r.IntN(len(fill))]
			} else {
				s[j] = fmt.Sprintf("%s%d", topic, r.IntN(10))
			}
		}
		out[i] = s
	}
	return out
}

func meanSim(t *testing.T, kv *vec.KeyedVectors, same bool) float64 {
	t.Helper()
	var sum float64
	var n int
	for i := 0; i < 10; i++ {
		for j := 0; j < 10; j++ {
			if i == j {
				continue
			}
			other := "a"
			if !same {
				other = "b"
			}
			s, err := kv.Similarity(fmt.Sprintf("a%d", i), fmt.Sprintf("%s%d", other, j))
			if err != nil {
				t.Fatal(err)
			}
			sum += s
			n++
		}
	}
	return sum / float64(n)
}

// TestTrainLearnsTopics trains every architecture × objective and checks
// that same-topic words end up more similar than cross-topic words and
// that the loss falls.
func TestTrainLearnsTopics(t *testing.T) {
	corpus := topicCorpus(400, 1)
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"sg negative", Config{SG: true}},
		{"cbow negative", Config{}},
		{"cbow sum negative", Config{CBOWSum: true}},
		{"sg hs", Config{SG: true, HS: true}},
		{"cbow hs", Config{HS: true}},
		{"sg hs+negative", Config{SG: true, HS: true, Negative: 3}},
		{"sg full softmax", Config{SG: true, FullSoftmax: true}},
		{"cbow full softmax", Config{FullSoftmax: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tc.cfg
			cfg.Dim, cfg.Window, cfg.Workers, cfg.Epochs, cfg.MinCount = 16, 3, 1, 10, 1
			m, err := Train(context.Background(), corpus, cfg)
			if err != nil {
				t.Fatal(err)
			}
			same, cross := meanSim(t, m.KeyedVectors, true), meanSim(t, m.KeyedVectors, false)
			if same < cross+0.2 {
				t.Errorf("mean similarity within topic %.3f, across %.3f: topics not learnt", same, cross)
			}
			if loss := m.History.Values("loss"); len(loss) != 10 || !(loss[9] < loss[0]) || m.History.StepsOf("loss")[9] != 10 {
				t.Errorf("epoch losses %v: want 10, falling", loss)
			}
			if m.Len() != 25 || m.Words[0] != "the" && !strings.HasPrefix(m.Words[0], "a") && !strings.HasPrefix(m.Words[0], "b") {
				t.Errorf("vocabulary %v", m.Words)
			}
		})
	}
}

// TestDeterministic: one worker and a seed give identical vectors; another
// seed gives different ones.
func TestDeterministic(t *testing.T) {
	corpus := topicCorpus(50, 2)
	cfg := Config{Dim: 8, Window: 2, MinCount: 1, SG: true, Workers: 1, Epochs: 2, Seed: 42}
	a, err := Train(context.Background(), corpus, cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Train(context.Background(), corpus, cfg)
	if !slices.Equal(a.Vectors, b.Vectors) || !slices.Equal(a.Words, b.Words) {
		t.Error("same seed, different vectors")
	}
	cfg.Seed = 43
	c, _ := Train(context.Background(), corpus, cfg)
	if slices.Equal(a.Vectors, c.Vectors) {
		t.Error("different seeds, same vectors")
	}
	if raceEnabled {
		return
	}
	cfg.Workers = 2 // Hogwild: must run and stay finite
	d, err := Train(context.Background(), corpus, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range d.Vectors {
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			t.Fatal("non-finite vector value with 2 workers")
		}
	}
}

func TestBadInput(t *testing.T) {
	corpus := [][]string{{"a", "b", "a"}}
	for _, tc := range []struct {
		name   string
		corpus [][]string
		cfg    Config
		want   string
	}{
		{"dim 0", corpus, Config{Window: 5}, "Dim must be ≥ 1, got 0"},
		{"window 0", corpus, Config{Dim: 10}, "Window must be ≥ 1, got 0"},
		{"negative < 0", corpus, Config{Dim: 10, Window: 5, Negative: -1}, "Negative must be ≥ 0, got -1"},
		{"min count < 0", corpus, Config{Dim: 10, Window: 5, MinCount: -2}, "MinCount must be ≥ 0, got -2"},
		{"epochs < 0", corpus, Config{Dim: 10, Window: 5, Epochs: -1}, "Epochs"},
		{"max vocab < 0", corpus, Config{Dim: 10, Window: 5, MaxVocab: -1}, "MaxVocab must be ≥ 0, got -1"},
		{"workers < 0", corpus, Config{Dim: 10, Window: 5, Workers: -3}, "Workers must be ≥ 1, got -3"},
		{"huge negative", corpus, Config{Dim: 10, Window: 5, Negative: 1 << 40}, "Negative must be at most 4096, got 1099511627776"},
		{"huge workers", corpus, Config{Dim: 10, Window: 5, Workers: 1 << 40}, "Workers must be at most 256 (0: GOMAXPROCS), got 1099511627776"},
		{"huge dim", corpus, Config{Dim: 1 << 40, Window: 5}, "Dim 1099511627776"},
		{"alpha NaN", corpus, Config{Dim: 10, Window: 5, Alpha: math.NaN()}, "Alpha must be a finite number ≥ 0 (0: the default), got NaN"},
		{"alpha +Inf", corpus, Config{Dim: 10, Window: 5, Alpha: math.Inf(1)}, "Alpha must be a finite number ≥ 0 (0: the default), got +Inf"},
		{"alpha -Inf", corpus, Config{Dim: 10, Window: 5, Alpha: math.Inf(-1)}, "Alpha must be a finite number ≥ 0 (0: the default), got -Inf"},
		{"alpha < 0", corpus, Config{Dim: 10, Window: 5, Alpha: -0.1}, "Alpha must be a finite number ≥ 0 (0: the default), got -0.1"},
		{"min alpha NaN", corpus, Config{Dim: 10, Window: 5, MinAlpha: math.NaN()}, "MinAlpha must be a finite number ≥ 0 (0: the default), got NaN"},
		{"min alpha Inf", corpus, Config{Dim: 10, Window: 5, MinAlpha: math.Inf(1)}, "MinAlpha must be a finite number ≥ 0 (0: the default), got +Inf"},
		{"huge ns exponent", corpus, Config{Dim: 10, Window: 5, NSExponent: 1e6}, "NSExponent must be at most 10, got 1e+06"},
		{"ns exponent NaN", corpus, Config{Dim: 10, Window: 5, NSExponent: math.NaN()}, "NSExponent must be a finite number ≥ 0 (0: the default), got NaN"},
		{"sample < 0", corpus, Config{Dim: 10, Window: 5, Sample: -1}, "Sample must be a finite number ≥ 0 (0: the default), got -1"},
		{"sample Inf", corpus, Config{Dim: 10, Window: 5, Sample: math.Inf(1)}, "Sample must be a finite number ≥ 0 (0: the default), got +Inf"},
		{"no sample and sample", corpus, Config{Dim: 10, Window: 5, Sample: 1e-4, NoSample: true}, "NoSample with Sample 0.0001"},
		{"CBOWSum with SG", corpus, Config{Dim: 10, Window: 5, SG: true, CBOWSum: true}, "CBOWSum is a setting of CBOW, not of skip-gram (SG)"},
		{"full softmax and hs", corpus, Config{Dim: 10, Window: 5, FullSoftmax: true, HS: true}, "FullSoftmax excludes"},
		{"empty corpus", nil, Config{Dim: 10, Window: 5}, "empty corpus"},
		{"empty sentences", [][]string{{}, {}}, Config{Dim: 10, Window: 5}, "empty corpus"},
		{"empty vocabulary", corpus, Config{Dim: 10, Window: 5}, "empty vocabulary: none of the 2 distinct words occurs MinCount=5 times"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Train(context.Background(), tc.corpus, tc.cfg)
			if err == nil || !strings.HasPrefix(err.Error(), "word2vec: ") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestCancelAndProgress(t *testing.T) {
	corpus := topicCorpus(2000, 3)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	m, err := Train(ctx, corpus, Config{Dim: 8, Window: 2, MinCount: 1, Workers: 1})
	if !errors.Is(err, context.Canceled) || m == nil || m.Len() == 0 {
		t.Errorf("cancelled training: model %v, error %v", m, err)
	}
	var calls [][2]int
	var epoch, loss float64
	m, err = Train(context.Background(), corpus[:200], Config{Dim: 8, Window: 2, MinCount: 1, Epochs: 2, Workers: 1,
		Reporter: plots.ProgressFunc(func(done, total int, m map[string]float64) {
			calls = append(calls, [2]int{done, total})
			epoch, loss = m["epoch"], m["loss"]
		})})
	if err != nil {
		t.Fatal(err)
	}
	if last := calls[len(calls)-1]; last != [2]int{12000, 12000} || epoch != 2 || loss != m.History.Last("loss") {
		t.Errorf("last report %v in epoch %v with loss %v; want 12000 of 12000 in epoch 2 with the epoch's loss %v", last, epoch, loss, m.History.Last("loss"))
	}
}

func TestHuffman(t *testing.T) {
	counts := []int64{50, 20, 15, 10, 3, 2}
	h := newHuffman(counts)
	var kraft float64
	codes := map[string]bool{}
	for w := range counts {
		c := fmt.Sprint(h.codes[w])
		if codes[c] {
			t.Fatalf("duplicate code %s", c)
		}
		codes[c] = true
		kraft += math.Pow(2, -float64(len(h.codes[w])))
		for _, p := range h.points[w] {
			if p < 0 || int(p) >= len(counts)-1 {
				t.Fatalf("inner node %d out of range", p)
			}
		}
		if h.points[w][0] != int32(len(counts)-2) {
			t.Errorf("word %d: path starts at %d, not the root", w, h.points[w][0])
		}
	}
	// A full binary tree's code lengths satisfy Kraft's equality Σ 2^−l = 1.
	if math.Abs(kraft-1) > 1e-12 {
		t.Errorf("Kraft sum %v, want 1", kraft)
	}
	if len(h.codes[0]) > len(h.codes[5]) {
		t.Errorf("most frequent word has a longer code (%d) than the rarest (%d)", len(h.codes[0]), len(h.codes[5]))
	}
}

// TestAliasTable: draws follow count^0.75 (expected frequencies computed
// from the counts).
func TestAliasTable(t *testing.T) {
	counts := []int64{1000, 300, 100, 10, 1}
	tab := newAliasTable(counts, 0.75)
	r := rng(5)
	const n = 400000
	hits := make([]float64, len(counts))
	for i := 0; i < n; i++ {
		hits[tab.sample(&r)]++
	}
	var z float64
	for _, c := range counts {
		z += math.Pow(float64(c), 0.75)
	}
	for w, c := range counts {
		want := math.Pow(float64(c), 0.75) / z
		if got := hits[w] / n; math.Abs(got-want) > 0.005 {
			t.Errorf("word %d drawn with frequency %.4f, want %.4f", w, got, want)
		}
	}
}

// Two workers' private copies of the hot rows (hot.go) both reach the
// shared matrices: after both push, each shared row is its start plus the
// sum of the two workers' changes, and each private copy equals it.
func TestHotRowsMergeBothWorkers(t *testing.T) {
	tr := &trainer{cfg: Config{Workers: 2}, d: 2, v: &vocab{words: []string{"a", "b", "c"}},
		syn0: []float32{1, 2, 3, 4, 5, 6}, syn1neg: []float32{10, 20, 30, 40, 50, 60}}
	a, b := newHotRows(tr), newHotRows(tr)
	a.in[0] += 0.5  // worker a moves syn0[a][0]
	b.in[0] += 0.25 // and b moves the same element
	b.out[5] -= 1   // b moves syn1neg[c][1]
	a.push(tr)
	b.push(tr)
	wantIn, wantOut := []float32{1.75, 2, 3, 4, 5, 6}, []float32{10, 20, 30, 40, 50, 59}
	if !slices.Equal(tr.syn0, wantIn) || !slices.Equal(tr.syn1neg, wantOut) {
		t.Fatalf("shared rows %v %v, want %v %v", tr.syn0, tr.syn1neg, wantIn, wantOut)
	}
	if !slices.Equal(b.in, wantIn) || !slices.Equal(b.out, wantOut) {
		t.Errorf("b's private rows %v %v after its push, want the shared ones", b.in, b.out)
	}
	a.push(tr) // a catches up with b's changes on its next push
	if !slices.Equal(a.in, wantIn) || !slices.Equal(tr.syn0, wantIn) {
		t.Errorf("after a's second push: private %v shared %v, want %v", a.in, tr.syn0, wantIn)
	}
	if newHotRows(&trainer{cfg: Config{Workers: 1}}) != nil {
		t.Error("one worker should train the shared rows directly")
	}
}

// With several workers every change reaches the shared matrices by the end
// of training, whatever the merge period: on a corpus of a single job
// (fewer words than one merge period) a 2-worker run still moves every
// input vector from its random start.
func TestHotRowsMergedAtEnd(t *testing.T) {
	var sents [][]string
	for i := range 400 {
		sents = append(sents, strings.Fields(fmt.Sprintf("w%d the cat sat on w%d the mat", i%7, i%5)))
	}
	cfg, err := Config{Dim: 8, Window: 2, MinCount: 1, Epochs: 1, Workers: 2, Seed: 3}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	m, err := Train(context.Background(), sents, cfg)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := buildVocab(sents, 1, 0)
	start := newTrainer(cfg, v).syn0 // the same random start as the run's
	for i, w := range m.Words {
		if slices.Equal(m.Row(i), start[i*8:(i+1)*8]) {
			t.Errorf("vector of %q never left its random start", w)
		}
	}
}
