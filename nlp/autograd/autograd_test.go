package autograd

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// The float32 fast exp must agree with math.Exp to a few ulp over the
// range softmax and GELU use (the expected values are math.Exp's).
func TestExpfAccuracy(t *testing.T) {
	worst := 0.0
	for x := -87.0; x < 88.5; x += 0.0137 {
		got, want := float64(expf(float32(x))), math.Exp(float64(float32(x)))
		if rel := math.Abs(got-want) / want; rel > worst {
			worst = rel
		}
	}
	if worst > 5e-7 {
		t.Errorf("expf max relative error %.3g, want ≤ 5e-7", worst)
	}
	for _, c := range []struct{ x, want float32 }{
		{float32(math.Inf(-1)), 0}, {-200, 0}, {0, 1}, {float32(math.Inf(1)), float32(math.Inf(1))},
	} {
		if got := expf(c.x); got != c.want {
			t.Errorf("expf(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	if v := expf(float32(math.NaN())); v == v {
		t.Errorf("expf(NaN) = %v", v)
	}
}

// float32 ops agree with the float64 ones (reference: the float64 path,
// itself checked by finite differences).
func TestFloat32MatchesFloat64(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	a64, b64 := randT(rng, -1, 1, 2, 5, 8), randT(rng, -1, 1, 8, 7)
	conv := func(x *Tensor[float64]) *Tensor[float32] {
		y := Param[float32](x.shape...)
		for i, v := range x.Data {
			y.Data[i] = float32(v)
		}
		return y
	}
	a32, b32 := conv(a64), conv(b64)
	a64.RequiresGrad, b64.RequiresGrad = true, true
	f64 := Mean(GELU(Softmax(MatMul(a64, b64))))
	f32 := Mean(GELU(Softmax(MatMul(a32, b32))))
	f64.Backward()
	f32.Backward()
	if d := math.Abs(float64(f32.Item()) - f64.Item()); d > 1e-6 {
		t.Errorf("value differs by %g", d)
	}
	for i := range a64.Grad {
		if d := math.Abs(float64(a32.Grad[i]) - a64.Grad[i]); d > 1e-6 {
			t.Fatalf("grad[%d] differs by %g", i, d)
		}
	}
}

func TestShapeErrorsNameBothShapes(t *testing.T) {
	a, b := New[float32](2, 3), New[float32](4, 5)
	cases := []struct {
		name string
		f    func()
		want []string
	}{
		{"MatMul", func() { MatMul(a, b) }, []string{"[2 3]", "[4 5]"}},
		{"Add", func() { Add(a, b) }, []string{"[2 3]", "[4 5]"}},
		{"Mul", func() { Mul(New[float32](3), New[float32](2)) }, []string{"[3]", "[2]"}},
		{"Reshape", func() { Reshape(a, 4, 2) }, []string{"[2 3]", "[4 2]"}},
		{"Concat", func() { Concat(0, a, b) }, []string{"[2 3]", "[4 5]"}},
		{"LayerNorm", func() { LayerNorm(a, New[float32](4), New[float32](4), 1e-5) }, []string{"[2 3]", "[4]"}},
		{"CrossEntropy", func() { CrossEntropy(a, []int{1}) }, []string{"[2 3]", "1 targets"}},
		{"Embedding", func() { Embedding(b, []int{9}) }, []string{"id 9", "[4 5]"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Catch(c.f)
			var se *ShapeError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *ShapeError", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestGradAccumulatesAndZeroGrad(t *testing.T) {
	w := FromSlice([]float64{2}, 1)
	w.RequiresGrad = true
	for range 3 { // d(3w)/dw = 3, three backward passes → 9
		Sum(Scale(w, 3)).Backward()
	}
	if w.Grad[0] != 9 {
		t.Errorf("accumulated grad = %v, want 9", w.Grad[0])
	}
	ZeroGrad([]*Tensor[float64]{w})
	if w.Grad[0] != 0 {
		t.Errorf("after ZeroGrad grad = %v", w.Grad[0])
	}
	// A tensor used twice receives both contributions: d(w·w)/dw = 2w = 4.
	Sum(Mul(w, w)).Backward()
	if w.Grad[0] != 4 {
		t.Errorf("grad of w·w = %v, want 4", w.Grad[0])
	}
}

func TestNoGradRecordsNothing(t *testing.T) {
	w := Param[float32](2, 2)
	var y *Tensor[float32]
	NoGrad(func() { y = Tanh(MatMul(w, w)) })
	if y.RequiresGrad || y.backward != nil {
		t.Errorf("NoGrad output records a gradient: %v", y)
	}
	if !GradEnabled() {
		t.Error("grad mode not restored")
	}
}

func TestReleaseRecyclesBuffers(t *testing.T) {
	x := FromSlice([]float32{1, 2, 3, 4}, 2, 2)
	W := Param[float32](2, 2)
	step := func() float32 {
		loss := Mean(Tanh(MatMul(x, W)))
		loss.Backward()
		v := loss.Item()
		loss.Release()
		return v
	}
	step()
	allocs := testing.AllocsPerRun(20, func() { step() })
	// Tensor headers and closures are still allocated; the buffers are not.
	// 60 is several times this graph's headers and far below a fresh graph.
	if allocs > 60 {
		t.Errorf("%v allocations per step", allocs)
	}
	h := Tanh(MatMul(x, W))
	loss := Mean(h)
	loss.Backward()
	loss.Release()
	if h.Data != nil || loss.Data == nil {
		t.Error("Release should free intermediates and keep the root's value")
	}
}

func TestClipGradNorm(t *testing.T) {
	p := Param[float64](2)
	p.Grad[0], p.Grad[1] = 3, 4 // norm 5
	if n := ClipGradNorm([]*Tensor[float64]{p}, 1); n != 5 {
		t.Errorf("norm before = %v, want 5", n)
	}
	if n := GradNorm([]*Tensor[float64]{p}); math.Abs(n-1) > 1e-6 {
		t.Errorf("norm after = %v, want 1", n)
	}
}

// Values checked by hand: softmax of equal logits is uniform; the masked
// entries of a causal softmax are exactly 0.
func TestCausalSoftmaxValues(t *testing.T) {
	s := Softmax(CausalMask(New[float64](3, 3)))
	want := []float64{1, 0, 0, 0.5, 0.5, 0, 1.0 / 3, 1.0 / 3, 1.0 / 3}
	for i, w := range want {
		if math.Abs(s.Data[i]-w) > 1e-12 {
			t.Fatalf("softmax = %v, want %v", s.Data, want)
		}
	}
}

func TestPrintGraph(t *testing.T) {
	x := FromSlice([]float64{1, 2}, 1, 2).SetLabel("x")
	W := Param[float64](2, 2).SetLabel("W")
	loss := Sum(MatMul(x, W))
	want := "%0 = leaf \"x\" (1, 2)\n%1 = leaf \"W\" (2, 2) grad\n%2 = MatMul(%0, %1) (1, 2)\n%3 = Sum(%2) ()\n"
	if got := GraphString(loss); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestBLASName(t *testing.T) {
	if BLASName() == "" {
		t.Error("empty BLAS name")
	}
	t.Log(BLASName())
}

// The float32 tanh agrees with math.Tanh within the fit's 3.2e-7 bound
// (reference values: math.Tanh in float64).
func TestTanhf32Accuracy(t *testing.T) {
	var xs []float32
	for x := -20.0; x <= 20; x += 0.00123 {
		xs = append(xs, float32(x))
	}
	ys := make([]float32, len(xs))
	tanhSlice(ys, xs)
	for i, x := range xs {
		if d := math.Abs(float64(ys[i]) - math.Tanh(float64(x))); d > 4e-7 {
			t.Fatalf("tanh(%v) = %v, want %v", x, ys[i], math.Tanh(float64(x)))
		}
	}
}

// The parallel paths (rows split over goroutines) give the same numbers as
// the serial ones.
func TestThreadsAgree(t *testing.T) {
	run := func(threads int) ([]float32, []float32) {
		prev := Threads()
		SetThreads(threads)
		defer SetThreads(prev)
		rng := rand.New(rand.NewPCG(5, 5))
		x := Param[float32](8, 4, 64, 64)
		for i := range x.Data {
			x.Data[i] = float32(rng.NormFloat64())
		}
		y := Mean(GELU(MatMul(Softmax(CausalMask(x)), x)))
		y.Backward()
		out := append([]float32{y.Item()}, x.Grad[:64]...)
		y.Release()
		return out, append([]float32(nil), x.Grad...)
	}
	a, ga := run(1)
	b, gb := run(2)
	if a[0] != b[0] {
		t.Errorf("loss %v with 1 thread, %v with 2", a[0], b[0])
	}
	for i := range ga {
		if ga[i] != gb[i] {
			t.Fatalf("grad[%d] %v vs %v", i, ga[i], gb[i])
		}
	}
}

func TestRenderGraph(t *testing.T) {
	W := Param[float32](2, 2)
	b := Graph[float32]{Sum(Tanh(W))}.Render()
	if !strings.Contains(b["text/plain"], "Tanh(%0)") || !strings.Contains(b["text/html"], "<pre") {
		t.Errorf("%v", b)
	}
	if s := OpsTable().String(); !strings.Contains(s, "CrossEntropy") {
		t.Errorf("ops table lacks CrossEntropy:\n%s", s)
	}
}

// The fused op equals the chain it replaces (reference: the unfused ops).
func TestCausalSoftmaxEqualsChain(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 3))
	x := randT(rng, -3, 3, 2, 5, 5)
	a, b := CausalSoftmax(x, 0.35), Softmax(CausalMask(Scale(x, 0.35)))
	for i := range a.Data {
		if math.Abs(a.Data[i]-b.Data[i]) > 1e-15 {
			t.Fatalf("element %d: fused %v, chain %v", i, a.Data[i], b.Data[i])
		}
	}
}

func TestFirstNonFinite(t *testing.T) {
	x := FromSlice([]float64{1, 0, 2}, 3)
	h := Exp(x)
	bad := Log(AddScalar(x, -1)) // log 0 = −Inf, log −1 = NaN
	loss := Sum(Add(h, bad))
	n, i := FirstNonFinite(loss)
	if n != bad || i != 3 {
		t.Fatalf("got %v at %d, want the Log output at 3", n, i)
	}
	if n, _ := FirstNonFinite(Sum(Softmax(CausalMask(New[float64](2, 2))))); n != nil {
		t.Errorf("masked scores reported: %v", n)
	}
}

// SelfAttention equals the unfused chain its documentation spells out:
// Split, per-head Reshape and Transpose, MatMulT, CausalSoftmax (or Scale
// and Softmax), MatMul, and back, forward and backward, in float32 (the
// SIMD kernels when built with them) and float64.
func TestSelfAttentionEqualsChain(t *testing.T) {
	for _, causal := range []bool{true, false} {
		for _, sz := range [][4]int{{2, 7, 16, 2}, {3, 33, 24, 3}, {1, 64, 128, 4}} {
			B, T, C, H := sz[0], sz[1], sz[2], sz[3]
			D := C / H
			rng := rand.New(rand.NewPCG(uint64(T), 3))
			x := Param[float32](B, T, 3*C)
			for i := range x.Data {
				x.Data[i] = float32(rng.NormFloat64())
			}
			wts := make([]float32, B*T*C) // a loss Σ wts ⊙ y that weighs every output differently
			for i := range wts {
				wts[i] = float32(rng.NormFloat64())
			}
			run := func(f func() *Tensor[float32]) (y, g []float32) {
				x.ZeroGrad()
				out := f()
				y = append([]float32(nil), out.Data...)
				l := Sum(Mul(out, FromSlice(wts, B, T, C)))
				l.Backward()
				l.Release()
				return y, append([]float32(nil), x.Grad...)
			}
			fused := func() *Tensor[float32] { return SelfAttention(x, H, causal) }
			chain := func() *Tensor[float32] {
				p := Split(x, -1, C, C, C)
				heads := func(t *Tensor[float32]) *Tensor[float32] { return Transpose(Reshape(t, B, T, H, D), 1, 2) }
				q, k, v := heads(p[0]), heads(p[1]), heads(p[2])
				s := float32(1 / math.Sqrt(float64(D)))
				var w *Tensor[float32]
				if causal {
					w = CausalSoftmax(MatMulT(q, k), s)
				} else {
					w = Softmax(Scale(MatMulT(q, k), s))
				}
				return Reshape(Transpose(MatMul(w, v), 1, 2), B, T, C)
			}
			y1, g1 := run(fused)
			y2, g2 := run(chain)
			for i := range y1 {
				if math.Abs(float64(y1[i]-y2[i])) > 1e-5 {
					t.Fatalf("causal=%v %v: y[%d] = %v, chain %v", causal, sz, i, y1[i], y2[i])
				}
			}
			for i := range g1 {
				if math.Abs(float64(g1[i]-g2[i])) > 1e-4*(1+math.Abs(float64(g2[i]))) {
					t.Fatalf("causal=%v %v: grad[%d] = %v, chain %v", causal, sz, i, g1[i], g2[i])
				}
			}
		}
	}
}

// Pooled buffers come back holding stale values, and gradients written
// into new buffers (gradOrNew) must not depend on them: poisoning every
// pooled buffer with NaN leaves a Transformer block's gradients unchanged.
func TestStalePoolBuffersDoNotLeak(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	p := func(shape ...int) *Tensor[float32] {
		x := Param[float32](shape...)
		for i := range x.Data {
			x.Data[i] = float32(rng.NormFloat64()) * 0.3
		}
		return x
	}
	B, T, C, V := 2, 9, 32, 11
	emb, wqkv, bqkv, wfc, bfc := p(V, C), p(C, 3*C), p(3*C), p(C, V), p(V)
	g, b := p(C), p(C)
	ids, tgt := make([]int, B*T), make([]int, B*T)
	for i := range ids {
		ids[i], tgt[i] = rng.IntN(V), rng.IntN(V)-1 // some targets ignored (−1)
	}
	params := []*Tensor[float32]{emb, wqkv, bqkv, wfc, bfc, g, b}
	step := func() []float32 {
		for _, q := range params {
			q.ZeroGrad()
		}
		x := Embedding(emb, ids, B, T)
		h := Add(x, SelfAttention(Linear(LayerNorm(x, g, b, 1e-5), wqkv, bqkv), 4, true))
		h = Add(h, GELU(h))
		loss := CrossEntropy(Linear(h, wfc, bfc), tgt)
		loss.Backward()
		loss.Release()
		var all []float32
		for _, q := range params {
			all = append(all, q.Grad...)
		}
		return all
	}
	want := step()
	nan := float32(math.NaN())
	pool32.mu.Lock()
	for _, bufs := range pool32.free {
		for _, buf := range bufs {
			for i := range buf {
				buf[i] = nan
			}
		}
	}
	pool32.mu.Unlock()
	got := step()
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("gradient %d: %v after poisoning the pool, %v before", i, got[i], want[i])
		}
	}
}
