package lm

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lingo-nlp/lingo/nlp/text"
	"github.com/lingo-nlp/lingo/nlp/training"
)

// briefly trains a model a few steps so that its distributions are not
// uniform-ish.
func briefly(t *testing.T, m Model, ids []int) {
	t.Helper()
	if _, err := training.Run(context.Background(), &Task{Model: m, Train: ids, Block: 16}, training.Config{Steps: 20, Batch: 4, LR: 1e-2, Seed: 2}); err != nil {
		t.Fatal(err)
	}
}

// TestPerplexityIsExpMeanNLL computes the NLL of every token independently,
// from NextTokens' full distribution after each prefix, and checks
// Perplexity = exp(mean NLL) and LogProb = Σ ln P.
func TestPerplexityIsExpMeanNLL(t *testing.T) {
	v := NewVocab(tiny, Chars, 1)
	ids := v.Encode(tiny)[:40]
	for _, m := range models(t, v) {
		t.Run(m.Name(), func(t *testing.T) {
			briefly(t, m, v.Encode(tiny))
			var nll float64
			for i := 1; i < len(ids); i++ {
				next := m.NextTokens(ids[:i], 0)
				j := slices.Index(next.IDs, ids[i])
				nll -= math.Log(next.P[j])
			}
			want := math.Exp(nll / float64(len(ids)-1))
			if got := m.Perplexity(ids); math.Abs(got-want) > 1e-4*want {
				t.Errorf("Perplexity = %.6f, exp(mean NLL) = %.6f", got, want)
			}
			if got := m.LogProb(ids); math.Abs(got+nll) > 1e-4*nll {
				t.Errorf("LogProb = %.6f, want %.6f", got, -nll)
			}
		})
	}
}

// TestFixedWindowByHand recomputes the fixed-window logits from the
// weights with plain loops: x = concat(E[w]), h = tanh(xW + b), y = hU + c.
func TestFixedWindowByHand(t *testing.T) {
	v := NewVocab(tiny, Chars, 1)
	m, _ := NewFixedWindow(v, WindowConfig{Context: 3, Dim: 4, Hidden: 5, Seed: 3})
	ctx := v.Encode("the")
	got := m.Logits(ctx)
	n, d, H, V := 3, 4, 5, v.Len()
	x := make([]float64, 0, n*d)
	for _, id := range ctx {
		for k := range d {
			x = append(x, float64(m.Emb.W.At(id, k)))
		}
	}
	for o := range V {
		y := float64(m.Out.B.At(o))
		for j := range H {
			s := float64(m.Hidden.B.At(j))
			for i := range n * d {
				s += x[i] * float64(m.Hidden.W.At(i, j))
			}
			y += math.Tanh(s) * float64(m.Out.W.At(j, o))
		}
		if math.Abs(y-float64(got[o])) > 1e-5 {
			t.Fatalf("logit %d = %g, by hand %g", o, got[o], y)
		}
	}
}

// TestLongStreams checks that streams longer than a Transformer block or
// an RNN strip are scored at every position with finite log-probabilities.
func TestLongStreams(t *testing.T) {
	v := NewVocab(tiny, Chars, 1)
	var long []int
	for len(long) < 5000 {
		long = append(long, v.Encode(tiny)...)
	}
	for _, m := range models(t, v) {
		lps := m.LogProbs(long)
		if len(lps) != len(long)-1 {
			t.Fatalf("%s: %d log-probs for %d tokens", m.Name(), len(lps), len(long))
		}
		for i, lp := range lps {
			if !(lp < 0) || math.IsInf(lp, 0) {
				t.Fatalf("%s: log-prob %d is %g", m.Name(), i, lp)
			}
		}
	}
}

// TestGenerateDeterministic: the same seed gives the same tokens and trace,
// another seed (almost surely) different ones.
func TestGenerateDeterministic(t *testing.T) {
	v := NewVocab(tiny, Chars, 1)
	for _, m := range models(t, v) {
		s := Sampling{Temperature: 1.2, TopK: 10, TopP: 0.95, Seed: 7}
		a := m.Generate(v.Encode("the "), 40, s)
		b := m.Generate(v.Encode("the "), 40, s)
		if !slices.Equal(a.IDs, b.IDs) || !slices.Equal(a.P, b.P) {
			t.Errorf("%s: same seed, different output %q vs %q", m.Name(), a.Text(), b.Text())
		}
		s.Seed = 8
		if c := m.Generate(v.Encode("the "), 40, s); slices.Equal(a.IDs, c.IDs) {
			t.Errorf("%s: seeds 7 and 8 gave the same 40 tokens %q", m.Name(), c.Text())
		}
		if len(a.IDs) != 40 || slices.Contains(a.IDs, 0) {
			t.Errorf("%s: generated %v", m.Name(), a.IDs)
		}
		if h := a.Highlighted(); len(h.Tokens) != 44 {
			t.Errorf("%s: %d highlighted tokens, want 44", m.Name(), len(h.Tokens))
		}
	}
}

// TestSaveLoad: a loaded model gives bit-identical log-probabilities.
func TestSaveLoad(t *testing.T) {
	v := NewVocab(tiny, Chars, 1)
	ids := v.Encode(tiny)
	for _, m := range models(t, v) {
		briefly(t, m, ids)
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			t.Fatal(err)
		}
		data := buf.Bytes()
		m2, err := Load(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", m.Name(), err)
		}
		if m2.Name() != m.Name() || !slices.Equal(m2.LogProbs(ids), m.LogProbs(ids)) {
			t.Errorf("%s: log-probs differ after Save/Load", m.Name())
		}
		if _, err := Load(bytes.NewReader(data[:len(data)-3])); err == nil {
			t.Errorf("%s: truncated file loaded without error", m.Name())
		}
	}
	if _, err := Load(bytes.NewReader([]byte("LINGOLM1\x02\x00\x00\x00{}"))); !errors.Is(err, ErrFormat) {
		t.Errorf("empty header: %v, want ErrFormat", err)
	}
}

// TestTrainInterrupt: a cancelled context stops training at once with
// ctx.Err(); the steps taken are kept and training resumes.
func TestTrainInterrupt(t *testing.T) {
	v := NewVocab(tiny, Chars, 1)
	ids := v.Encode(tiny)
	m, _ := NewRNN(v, RNNConfig{Cell: LSTM, Hidden: 16, Seed: 1})
	task := &Task{Model: m, Train: ids, Block: 8}
	if _, err := training.Run(context.Background(), task, training.Config{Steps: 5, Batch: 2}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	h, err := training.Run(ctx, task, training.Config{Steps: 5, Batch: 2})
	if !errors.Is(err, context.Canceled) || h == nil || h.Stopped != "interrupted" {
		t.Fatalf("cancelled Train: %v, %v", h, err)
	}
	if m.Steps() != 5 {
		t.Errorf("steps after interrupt = %d, want 5", m.Steps())
	}
}

// TestEarlyStoppingAndCheckpoint: with a validation stream unrelated to
// the training text and a high learning rate the validation loss soon
// rises; training stops after Patience evaluations, the best weights are
// restored and the checkpoint holds them.
func TestEarlyStoppingAndCheckpoint(t *testing.T) {
	v := NewVocab(tiny+"xyzq", Chars, 1)
	train, val := v.Encode(tiny), v.Encode("zyx qqq zzz xyz\nqxz zyq\n")
	m, _ := NewFixedWindow(v, WindowConfig{Context: 4, Dim: 8, Hidden: 32, Seed: 1})
	path := filepath.Join(t.TempDir(), "m.lm")
	h, err := training.Run(context.Background(), &Task{Model: m, Train: train, Val: val, Block: 8},
		training.Config{Steps: 400, Batch: 8, LR: 3e-2, EvalEvery: 10, Patience: 3, KeepBest: true, Checkpoint: path})
	if err != nil {
		t.Fatal(err)
	}
	if h.Stopped == "" || h.Len() == 400 {
		t.Fatalf("did not stop early: %v", h)
	}
	got := -mean(m.LogProbs(val))
	if math.Abs(got-h.Best) > 1e-5 {
		t.Errorf("restored val loss %.6f, best %.6f", got, h.Best)
	}
	c, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.LogProbs(val), m.LogProbs(val)) {
		t.Error("checkpoint differs from the restored best model")
	}
	if _, err := os.Stat(path + ".tmp"); err == nil {
		t.Error("temporary checkpoint file left behind")
	}
}

func TestSamplingFilter(t *testing.T) {
	p := []float64{0.5, 0.3, 0.15, 0.05}
	tests := []struct {
		name string
		s    Sampling
		want []float64 // worked out by hand
	}{
		{"none", Sampling{}, p},
		{"top-k 2", Sampling{TopK: 2}, []float64{0.625, 0.375, 0, 0}},
		{"top-p 0.8", Sampling{TopP: 0.8}, []float64{0.625, 0.375, 0, 0}},
		{"top-p 0.81", Sampling{TopP: 0.81}, []float64{0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95, 0}},
		{"greedy", Sampling{Greedy: true}, []float64{1, 0, 0, 0}},
		// p^(1/0.5) = p²: 0.25, 0.09, 0.0225, 0.0025, sum 0.365
		{"T=0.5", Sampling{Temperature: 0.5}, []float64{0.25 / 0.365, 0.09 / 0.365, 0.0225 / 0.365, 0.0025 / 0.365}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.s.Filter(p)
			for i := range got {
				if math.Abs(got[i]-tc.want[i]) > 1e-12 {
					t.Fatalf("Filter = %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func TestVocab(t *testing.T) {
	for _, level := range []Level{Chars, Words} {
		v := NewVocab(tiny, level, 1)
		if got := v.Decode(v.Encode(tiny)); got != tiny && level == Chars {
			t.Errorf("chars: round trip %q", got)
		}
		if level == Words {
			want := "the cat sat on the mat .\nthe dog ate the bone .\n"
			if got := v.Decode(v.Encode(tiny)); got != want {
				t.Errorf("words: %q, want %q", got, want)
			}
			if s := v.Sentences(v.Encode(tiny)); len(s) != 2 || len(s[1]) != 6 {
				t.Errorf("sentences %q", s)
			}
		}
		if v.Encode("§")[0] != 0 {
			t.Errorf("%v: unknown token not <unk>", level)
		}
	}
}

func TestGradientThroughTime(t *testing.T) {
	v := NewVocab(tiny, Chars, 1)
	ids := v.Encode(tiny)[:30]
	m, _ := NewRNN(v, RNNConfig{Cell: Vanilla, Hidden: 32, Seed: 1})
	g := m.GradientThroughTime(ids)
	if len(g) != 29 || !(g[28] > g[0]) {
		t.Errorf("vanilla RNN gradient norms should grow towards the loss: %v", g)
	}
	if m.Params()[0].T.Grad[0] != 0 {
		t.Error("GradientThroughTime left gradients behind")
	}
}

func FuzzLoad(f *testing.F) {
	v := NewVocab(tiny, Chars, 1)
	m, _ := NewFixedWindow(v, WindowConfig{Context: 2, Dim: 2, Hidden: 2})
	var buf bytes.Buffer
	m.Save(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte("LINGOLM1"))
	// headers that declare models far larger than the file (they used to
	// allocate them: ≈ 51 GB for the first)
	f.Add(lyingCheckpoint(`{"kind":"transformer","level":0,"tokens":["<unk>","a"],"transformer":{"Block":1,"Dim":16384,"Heads":1,"Layers":4}}`))
	f.Add(lyingCheckpoint(`{"kind":"rnn","level":0,"tokens":["<unk>","a"],"rnn":{"Cell":2,"Dim":16384,"Hidden":16384}}`))
	f.Add([]byte("LINGOLM1\xff\xff\xff\x03{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if n := allocated(func() { Load(bytes.NewReader(data)) }); n > 64<<20 { // must not panic
			t.Errorf("Load of %d bytes allocated %d MB", len(data), n>>20)
		}
	})
}

// TestBPE trains a small BPE tokenizer, a model over it, and checks the
// round trips of text and of a saved model.
func TestBPE(t *testing.T) {
	b, err := text.TrainBPE(slices.Values([]string{tiny, tiny}), text.BPEConfig{VocabSize: 270})
	if err != nil {
		t.Fatal(err)
	}
	v := NewBPEVocab(b)
	ids := v.Encode(tiny)
	if v.Decode(ids) != tiny || len(ids) >= len(tiny) {
		t.Fatalf("BPE round trip: %d ids, %q", len(ids), v.Decode(ids))
	}
	m, _ := NewRNN(v, RNNConfig{Cell: GRU, Hidden: 16, Seed: 1})
	briefly(t, m, ids)
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if m2.Vocab().Level != BPE || !slices.Equal(m2.LogProbs(ids), m.LogProbs(ids)) {
		t.Error("BPE model differs after Save/Load")
	}
	if g := m.Generate(v.Encode("the"), 5, Sampling{Seed: 1}); len(g.IDs) != 5 {
		t.Errorf("generated %v", g.IDs)
	}
}

// Training refuses token ids outside the vocabulary instead of mapping
// them to <unk> behind the student's back, naming the stream, the
// position and the id.
func TestTaskRefusesOutOfVocabularyIDs(t *testing.T) {
	v := NewVocab(tiny, Chars, 1)
	m, _ := NewFixedWindow(v, WindowConfig{Context: 2, Seed: 1})
	ids := v.Encode(tiny)
	for _, tc := range []struct {
		name       string
		task       *Task
		wantInText string
	}{
		{"id past the end", &Task{Model: m, Train: append(slices.Clone(ids[:5]), v.Len())}, "Train[5] = 16"},
		{"negative id", &Task{Model: m, Train: ids, Val: []int{1, -1}}, "Val[1] = -1"},
		{"negative Block", &Task{Model: m, Train: ids, Block: -2}, "-2"},
		{"too short", &Task{Model: m, Train: ids[:2]}, "2 tokens"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := training.Run(context.Background(), tc.task, training.Config{Steps: 1})
			if err == nil || !strings.Contains(err.Error(), tc.wantInText) {
				t.Errorf("error %v, want one saying %q", err, tc.wantInText)
			}
		})
	}
	if m.Steps() != 0 {
		t.Errorf("a refused run took %d steps", m.Steps())
	}
}

// The parameter count Load computes from a header, before building the
// model, is the model's.
func TestHeaderParams(t *testing.T) {
	v := NewVocab(tiny, Chars, 1)
	for _, m := range models(t, v) {
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			t.Fatal(err)
		}
		b := buf.Bytes()
		n := binary.LittleEndian.Uint32(b[8:12])
		var h header
		if err := json.Unmarshal(b[12:12+n], &h); err != nil {
			t.Fatal(err)
		}
		got, err := h.params(v.Len())
		if err != nil || got != int64(m.Params().Count()) {
			t.Errorf("%s: header says %d parameters (%v), the model has %d", m.Name(), got, err, m.Params().Count())
		}
	}
	for _, c := range []Cell{GRU, Vanilla} {
		m, _ := NewRNN(v, RNNConfig{Cell: c, Dim: 3, Hidden: 5})
		h := header{Kind: "rnn", RNN: &m.Cfg}
		if got, _ := h.params(v.Len()); got != int64(m.Params().Count()) {
			t.Errorf("%v: header says %d parameters, the model has %d", c, got, m.Params().Count())
		}
	}
}

// lyingCheckpoint is a model file whose header declares the model of js
// and whose weights are missing.
func lyingCheckpoint(js string) []byte {
	b := []byte(lmMagic)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(js)))
	return append(append(b, js...), "LINGONN1"...)
}

// allocated is the number of bytes allocated while f runs.
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// Short checkpoints that declare huge models are refused before anything
// of the model's size is allocated: each costs less than 50 MB (today's
// inputs asked for ≈ 51 GB and died of out-of-memory).
func TestLoadRefusesLyingHeaders(t *testing.T) {
	words := make([]string, 1<<20) // a 1M-token vocabulary
	words[0] = Unk
	for i := 1; i < len(words); i++ {
		words[i] = strconv.Itoa(i)
	}
	big, _ := json.Marshal(header{Kind: "transformer", Level: Words, Tokens: words,
		Transformer: &TransformerConfig{Block: 8, Dim: 64, Heads: 1, Layers: 1}})
	for _, tc := range []struct {
		name string
		file []byte
	}{
		{"Transformer 16384 × 4", lyingCheckpoint(`{"kind":"transformer","level":0,"tokens":["<unk>","a"],"transformer":{"Block":1,"Dim":16384,"Heads":1,"Layers":4}}`)},
		{"Transformer 8192 × 1", lyingCheckpoint(`{"kind":"transformer","level":0,"tokens":["<unk>","a"],"transformer":{"Block":1,"Dim":8192,"Heads":1,"Layers":1}}`)},
		{"RNN 16384 wide", lyingCheckpoint(`{"kind":"rnn","level":0,"tokens":["<unk>","a"],"rnn":{"Cell":2,"Dim":16384,"Hidden":16384}}`)},
		{"fixed window 256 × 16384", lyingCheckpoint(`{"kind":"window","level":0,"tokens":["<unk>","a"],"window":{"Context":256,"Dim":16384,"Hidden":16384}}`)},
		{"1M-token vocabulary", lyingCheckpoint(string(big))},
		{"header length beyond the file", []byte("LINGOLM1\xff\xff\xff\x03{}")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			start := time.Now()
			n := allocated(func() { _, err = Load(bytes.NewReader(tc.file)) })
			if !errors.Is(err, ErrFormat) {
				t.Errorf("Load of a %d-byte file: %v, want ErrFormat", len(tc.file), err)
			}
			if n > 50<<20 {
				t.Errorf("Load allocated %d MB", n>>20)
			}
			t.Logf("%d bytes: %v after %v and %d kB", len(tc.file), err, time.Since(start), n>>10)
			path := filepath.Join(t.TempDir(), "m.lm")
			os.WriteFile(path, tc.file, 0o644)
			if _, err := LoadFile(path); !errors.Is(err, ErrFormat) {
				t.Errorf("LoadFile: %v, want ErrFormat", err)
			}
		})
	}
}

// Every model config and Sampling rejects what means nothing, naming the
// field and the value.
func TestConfigsReject(t *testing.T) {
	v := NewVocab(tiny, Chars, 1)
	for _, tc := range []struct {
		name string
		new  func() error
		want string
	}{
		{"window negative Context", func() error { _, err := NewFixedWindow(v, WindowConfig{Context: -1}); return err }, "WindowConfig.Context must be in 0…256 (0: the default), got -1"},
		{"window negative Dim", func() error { _, err := NewFixedWindow(v, WindowConfig{Dim: -3}); return err }, "WindowConfig.Dim must be in 0…16384 (0: the default), got -3"},
		{"window huge Hidden", func() error { _, err := NewFixedWindow(v, WindowConfig{Hidden: 1 << 20}); return err }, "WindowConfig.Hidden must be in 0…16384 (0: the default), got 1048576"},
		{"rnn negative Hidden", func() error { _, err := NewRNN(v, RNNConfig{Hidden: -1}); return err }, "RNNConfig.Hidden must be in 0…16384 (0: the default), got -1"},
		{"rnn negative Dim", func() error { _, err := NewRNN(v, RNNConfig{Dim: -1}); return err }, "RNNConfig.Dim must be in 0…16384 (0: the default), got -1"},
		{"rnn unknown Cell", func() error { _, err := NewRNN(v, RNNConfig{Cell: 7}); return err }, "RNNConfig.Cell must be Vanilla, GRU or LSTM, got 7"},
		{"transformer negative Block", func() error { _, err := NewTransformer(v, TransformerConfig{Block: -8}); return err }, "TransformerConfig.Block must be in 0…16384 (0: the default), got -8"},
		{"transformer negative Heads", func() error { _, err := NewTransformer(v, TransformerConfig{Heads: -2}); return err }, "TransformerConfig.Heads must be in 0…256 (0: the default), got -2"},
		{"transformer huge Layers", func() error { _, err := NewTransformer(v, TransformerConfig{Layers: 1000}); return err }, "TransformerConfig.Layers must be in 0…256 (0: the default), got 1000"},
		{"transformer huge Dim", func() error { _, err := NewTransformer(v, TransformerConfig{Dim: 1 << 15}); return err }, "TransformerConfig.Dim must be in 0…16384 (0: the default), got 32768"},
		{"sampling NaN temperature", func() error { return Sampling{Temperature: math.NaN()}.Validate() }, "Sampling.Temperature must be a finite number ≥ 0 (0: 1; Greedy for the most probable token), got NaN"},
		{"sampling negative temperature", func() error { return Sampling{Temperature: -1}.Validate() }, "Sampling.Temperature must be a finite number ≥ 0 (0: 1; Greedy for the most probable token), got -1"},
		{"sampling Greedy with temperature", func() error { return Sampling{Greedy: true, Temperature: 0.5}.Validate() }, "Sampling.Greedy with Temperature 0.5: choose one"},
		{"sampling Inf temperature", func() error { return Sampling{Temperature: math.Inf(1)}.Validate() }, "got +Inf"},
		{"sampling negative TopK", func() error { return Sampling{TopK: -1}.Validate() }, "Sampling.TopK must be ≥ 0 (0: all), got -1"},
		{"sampling negative TopP", func() error { return Sampling{TopP: -0.5}.Validate() }, "Sampling.TopP must be a finite number ≥ 0 (0 or ≥ 1: all), got -0.5"},
		{"sampling NaN TopP", func() error { return Sampling{TopP: math.NaN()}.Validate() }, "got NaN"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.new(); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
	m, _ := NewFixedWindow(v, WindowConfig{Context: 2, Seed: 1})
	if g := m.Generate(v.Encode("the"), 5, Sampling{Temperature: math.NaN()}); g.Err == nil || len(g.IDs) != 0 {
		t.Errorf("Generate with a NaN temperature: %d tokens, error %v", len(g.IDs), g.Err)
	}
	// A negative temperature used to mean greedy decoding without saying so.
	if g := m.Generate(v.Encode("the"), 5, Sampling{Temperature: -1}); g.Err == nil || len(g.IDs) != 0 {
		t.Errorf("Generate with a negative temperature: %d tokens, error %v", len(g.IDs), g.Err)
	}
	if q := (Sampling{Temperature: -0.5}).Filter([]float64{0.5, 0.3, 0.2}); q != nil {
		t.Errorf("Filter with a negative temperature: %v, want nil", q)
	}
}
