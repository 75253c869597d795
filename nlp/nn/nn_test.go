package nn

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	ag "github.com/lingo-nlp/lingo/nlp/autograd"
)

// fill sets t to 0.3·sin(1.7·i + seed), the deterministic values used by
// testdata/pytorch_reference.py.
func fill(t *Tensor, seed float64) *Tensor {
	for i := range t.Data {
		t.Data[i] = float32(0.3 * math.Sin(1.7*float64(i)+seed))
	}
	return t
}

func filled(seed float64, shape ...int) *Tensor { return fill(ag.New[float32](shape...), seed) }

func near(t *testing.T, name string, got []float32, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", name, len(got), len(want))
	}
	for i := range want {
		if math.Abs(float64(got[i])-want[i]) > tol {
			t.Fatalf("%s = %v\nwant %v", name, got, want)
		}
	}
}

// Expected values: PyTorch 1.13 (testdata/pytorch_reference.py).
func TestCellsMatchPyTorch(t *testing.T) {
	rng := NewRand(1)
	x, h, c := filled(1, 2, 3), filled(2, 2, 2), filled(3, 2, 2)

	rnn := NewRNNCell(rng, 3, 2)
	fill(rnn.Wx, 10)
	fill(rnn.Wh, 11)
	fill(rnn.B, 12)
	near(t, "rnn", rnn.Step(x, h).Data, []float64{-0.2218134, 0.2862751, 0.0533386, 0.2945994}, 1e-6)

	gru := NewGRUCell(rng, 3, 2)
	fill(gru.Wx, 20)
	fill(gru.Wh, 21)
	fill(gru.Bx, 22)
	fill(gru.Bh, 23)
	near(t, "gru", gru.Step(x, h).Data, []float64{0.0631265, -0.1656521, -0.2703186, 0.0766736}, 1e-6)

	lstm := NewLSTMCell(rng, 3, 2)
	fill(lstm.Wx, 30)
	fill(lstm.Wh, 31)
	fill(lstm.B, 32)
	h2, c2 := lstm.Step(x, h, c)
	near(t, "lstm.h", h2.Data, []float64{0.03195, -0.0002144, 0.0787075, 0.0978559}, 1e-6)
	near(t, "lstm.c", c2.Data, []float64{0.0695504, -0.0004745, 0.1952056, 0.2013635}, 1e-6)
}

// Expected values: PyTorch 1.13, the block of ../shared/peers/babygpt_torch.py
// with GELU's tanh form (testdata/pytorch_reference.py).
func TestBlockMatchesPyTorch(t *testing.T) {
	b, err := NewBlock(NewRand(1), 4, 2)
	if err != nil {
		t.Fatal(err)
	}
	fill(b.Attn.QKV.W, 41)
	fill(b.Attn.QKV.B, 42)
	fill(b.Attn.Proj.W, 43)
	fill(b.Attn.Proj.B, 44)
	fill(b.FC.W, 45)
	fill(b.FC.B, 46)
	fill(b.FC2.W, 47)
	fill(b.FC2.B, 48)
	for i, p := range []*Tensor{b.LN1.Gamma, b.LN1.Beta, b.LN2.Gamma, b.LN2.Beta} {
		fill(p, float64(49+i))
		if i%2 == 0 {
			for j := range p.Data {
				p.Data[j]++
			}
		}
	}
	y := b.Forward(filled(40, 1, 3, 4))
	near(t, "block", y.Data, []float64{0.0105983, -0.2962164, 0.0657334, 0.2792776, -0.1543219, -0.3844602,
		0.2533931, 0.3191636, -0.3681537, -0.3661722, 0.4625123, 0.2469879}, 2e-6)
	if got := len(b.Params()); got != 12 {
		t.Errorf("block has %d parameter tensors, want 12", got)
	}
}

// Expected values: PyTorch 1.13 optimizers, three steps with fixed
// gradients (testdata/pytorch_reference.py).
func TestOptimizersMatchPyTorch(t *testing.T) {
	cases := []struct {
		name string
		make func(Params) (Optimizer, error)
		want []float64
	}{
		{"AdamW", func(ps Params) (Optimizer, error) { return NewAdamW(ps, AdamConfig{LR: 0.1}) }, []float64{0.1736391, -0.3126374, -0.0798701, 0.5024337}},
		{"Adam+L2", func(ps Params) (Optimizer, error) { return NewAdam(ps, AdamConfig{LR: 0.1, WeightDecay: 0.1}) }, []float64{0.171187, -0.2966886, -0.0799255, 0.4962116}},
		{"SGD+momentum", func(ps Params) (Optimizer, error) { return NewSGD(ps, SGDConfig{LR: 0.1, Momentum: 0.9}) }, []float64{0.0242148, -0.3330538, 0.0616095, 0.3171777}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := fill(ag.Param[float32](4), 60)
			opt, err := c.make(Params{{"p", p}})
			if err != nil {
				t.Fatal(err)
			}
			for s := range 3 {
				fill(ag.FromSlice(p.Grad, 4), float64(61+s))
				opt.Step()
			}
			// The reference ran in float64; these updates run in float32.
			near(t, c.name, p.Data, c.want, 5e-6)
		})
	}
}

// Hand-computed points of the schedule.
func TestWarmupCosine(t *testing.T) {
	s := WarmupCosine{Peak: 1e-3, Min: 1e-4, Warmup: 10, Total: 110}
	for _, c := range []struct {
		step int
		want float64
	}{{0, 1e-4}, {9, 1e-3}, {10, 1e-3}, {60, 5.5e-4}, {110, 1e-4}, {500, 1e-4}} {
		if got := s.LR(c.step); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("LR(%d) = %g, want %g", c.step, got, c.want)
		}
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	a, _ := NewBlock(NewRand(1), 8, 2)
	b, _ := NewBlock(NewRand(2), 8, 2)
	var buf bytes.Buffer
	if err := a.Params().Save(&buf); err != nil {
		t.Fatal(err)
	}
	saved := buf.Bytes()
	if err := b.Params().Load(bytes.NewReader(saved)); err != nil {
		t.Fatal(err)
	}
	for i, p := range a.Params() {
		q := b.Params()[i]
		if p.Name != q.Name || !equal(p.T.Data, q.T.Data) {
			t.Fatalf("%s differs after load", p.Name)
		}
	}
	// Wrong model: shapes differ, and the error names both.
	c, _ := NewBlock(NewRand(1), 4, 2)
	if err := c.Params().Load(bytes.NewReader(saved)); err == nil || !strings.Contains(err.Error(), "[8] in the file, [4] in the model") {
		t.Errorf("loading into a smaller model: %v", err)
	}
	if err := b.Params().Load(bytes.NewReader(saved[:len(saved)-3])); !errors.Is(err, ErrFormat) {
		t.Errorf("truncated file: %v", err)
	}
	// A NaN or an infinity among the weights (the last float32 of the
	// file) is refused, naming where, and b keeps what it had.
	for _, bits := range [][4]byte{{0, 0, 0xc0, 0x7f}, {0, 0, 0x80, 0x7f}, {0, 0, 0x80, 0xff}} {
		bad := bytes.Clone(saved)
		copy(bad[len(bad)-4:], bits[:])
		before := bytes.Buffer{}
		b.Params().Save(&before)
		err := b.Params().Load(bytes.NewReader(bad))
		last := a.Params()[len(a.Params())-1]
		want := fmt.Sprintf("%q[%d] is ", last.Name, last.T.Size()-1)
		if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), want) {
			t.Errorf("weights with % x at the end: %v; want ErrFormat naming %s", bits, err, want)
		}
		after := bytes.Buffer{}
		b.Params().Save(&after)
		if !bytes.Equal(before.Bytes(), after.Bytes()) {
			t.Error("a refused Load changed the weights")
		}
	}
}

func equal(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func FuzzLoad(f *testing.F) {
	lin := NewLinear(NewRand(1), 2, 3, true)
	var buf bytes.Buffer
	lin.Params().Save(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte("LINGONN1\x02\x00\x00\x00"))
	// nasty cases: 2^32-1 tensors, a name of 65535 bytes, rank 255, a
	// dimension of 2^32-1, NaN weights, the file cut in half
	good := buf.Bytes()
	f.Add([]byte("LINGONN1\xff\xff\xff\xff"))
	f.Add([]byte("LINGONN1\x02\x00\x00\x00\xff\xffW"))
	f.Add(append([]byte("LINGONN1\x02\x00\x00\x00\x06\x00weight\xff"), good[21:]...))
	f.Add([]byte("LINGONN1\x02\x00\x00\x00\x06\x00weight\x02\xff\xff\xff\xff\x03\x00\x00\x00"))
	nan := bytes.Clone(good)
	copy(nan[len(nan)-4:], []byte{0, 0, 0xc0, 0x7f})
	f.Add(nan)
	f.Add(good[:len(good)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		l := NewLinear(NewRand(1), 2, 3, true)
		before := append([]float32(nil), l.W.Data...)
		if err := l.Params().Load(bytes.NewReader(data)); err != nil && !equal(before, l.W.Data) {
			t.Fatal("failed Load modified the weights")
		}
	})
}

func TestCheckFiniteNamesStepAndLayer(t *testing.T) {
	lin := NewLinear(NewRand(1), 2, 2, true)
	ps := Collect("fc", lin)
	x := ag.FromSlice([]float32{float32(math.Inf(1)), 1}, 1, 2)
	loss := ag.Sum(lin.Forward(x))
	loss.Backward()
	err := CheckFinite(7, loss, ps)
	if err == nil || !strings.Contains(err.Error(), "step 7") || !strings.Contains(err.Error(), "fc.weight") ||
		!strings.Contains(err.Error(), "an input already holds one") {
		t.Fatalf("got %v", err)
	}
	ps.ZeroGrad()
	ok := ag.Sum(lin.Forward(ag.FromSlice([]float32{1, 1}, 1, 2)))
	ok.Backward()
	if err := CheckFinite(8, ok, ps); err != nil {
		t.Fatal(err)
	}
}

func TestNewCausalSelfAttentionRejectsBadHeads(t *testing.T) {
	if _, err := NewCausalSelfAttention(NewRand(1), 10, 3); err == nil {
		t.Error("3 heads accepted for dimension 10")
	}
}

// A two-layer tanh MLP fitting XOR with Adam must drive the loss near 0;
// GradStats must record one norm per layer per step.
func TestTrainXORAndGradStats(t *testing.T) {
	rng := NewRand(3)
	l1, l2 := NewLinear(rng, 2, 8, true), NewLinear(rng, 8, 2, true)
	ps := Collect("l1", l1, "l2", l2)
	opt, err := NewAdam(ps, AdamConfig{LR: 0.05})
	if err != nil {
		t.Fatal(err)
	}
	x := ag.FromSlice([]float32{0, 0, 0, 1, 1, 0, 1, 1}, 4, 2)
	y := []int{0, 1, 1, 0}
	var stats GradStats
	var loss float32
	for step := range 200 {
		l := ag.CrossEntropy(l2.Forward(ag.Tanh(l1.Forward(x))), y)
		opt.ZeroGrad()
		l.Backward()
		if step%50 == 0 {
			stats.Record(step, ps)
		}
		opt.Step()
		loss = l.Item()
		l.Release()
	}
	if loss > 0.05 {
		t.Errorf("XOR loss after 200 steps = %v", loss)
	}
	if len(stats.Layers) != 2 || len(stats.Steps) != 4 || stats.Layers[0] != "l1" {
		t.Errorf("stats: layers %v steps %v", stats.Layers, stats.Steps)
	}
	b := stats.Render()
	if !strings.Contains(b["text/plain"], "l2") || !strings.Contains(b["text/html"], "<svg") {
		t.Errorf("render: %.300s", b["text/html"])
	}
}

// adamUpdate (16 lanes under GOEXPERIMENT=simd) matches adamScalar.
func TestAdamUpdateMatchesScalar(t *testing.T) {
	n := 16*5 + 3
	mk := func(seed float64) []float32 { return filled(seed, n).Data }
	th1, g, m1, v1 := mk(1), mk(2), mk(3), mk(4)
	for i := range v1 {
		v1[i] *= v1[i] // v ≥ 0
	}
	th2, m2, v2 := append([]float32(nil), th1...), append([]float32(nil), m1...), append([]float32(nil), v1...)
	c := adamCoef{0.9, 0.999, 0.01, 1.3, 1e-8, 0.999, 0.01}
	adamUpdate(th1, g, m1, v1, c)
	adamScalar(th2, g, m2, v2, c)
	for i := range th1 {
		if math.Abs(float64(th1[i]-th2[i])) > 1e-6 || math.Abs(float64(v1[i]-v2[i])) > 1e-7 {
			t.Fatalf("element %d: %v %v vs scalar %v %v", i, th1[i], v1[i], th2[i], v2[i])
		}
	}
}

// allFinite finds a NaN or ±Inf anywhere, including the SIMD tail, and
// accepts large finite values, zeros of both signs and denormals.
func TestAllFinite(t *testing.T) {
	for _, n := range []int{0, 1, 15, 16, 17, 100} {
		xs := make([]float32, n)
		for i := range xs {
			xs[i] = float32(i) - 50
		}
		if n > 2 {
			xs[0], xs[1], xs[2] = math.MaxFloat32, float32(math.Copysign(0, -1)), math.SmallestNonzeroFloat32
		}
		if !allFinite(xs) {
			t.Errorf("n=%d: finite values reported non-finite", n)
		}
		for i := range xs {
			for _, bad := range []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1))} {
				old := xs[i]
				xs[i] = bad
				if allFinite(xs) {
					t.Errorf("n=%d: %v at %d not found", n, bad, i)
				}
				xs[i] = old
			}
		}
	}
}

// LogSoftmax of (1, 2, 3): log p = z − log(e + e² + e³) = z − 3.40760596;
// large logits do not overflow.
func TestLogSoftmax(t *testing.T) {
	got := LogSoftmax([]float32{1, 2, 3})
	for i, want := range []float64{1 - 3.40760596444438, 2 - 3.40760596444438, 3 - 3.40760596444438} {
		if math.Abs(got[i]-want) > 1e-12 {
			t.Errorf("LogSoftmax[%d] = %v, want %v", i, got[i], want)
		}
	}
	if big := LogSoftmax([]float32{1000, 1000}); math.Abs(big[0]-math.Log(0.5)) > 1e-12 {
		t.Errorf("LogSoftmax(1000, 1000) = %v, want log ½ twice", big)
	}
}
