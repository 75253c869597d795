package word2vec

import "math"

// worker is one training goroutine's private state.
type worker struct {
	t       *trainer
	r       rng
	sent    []int32     // current sentence after subsampling
	neu1    []float32   // CBOW hidden vector h
	neu1e   []float32   // accumulated gradient for the input vector(s)
	targets []int32     // negative-sampling targets of one prediction
	rows    [][]float32 // CBOW: the context rows of one centre word
	scores  []float64   // full softmax: u_w·h for every word
	hot     *hotRows    // private rows of the most frequent words (several workers)
	loss    float64
	preds   int64
	_       [128]byte // keeps another worker's hot fields off these cache lines
}

func newWorker(t *trainer, seed uint64) *worker {
	// The scratch rows are padded at both ends so that no two workers
	// ever write to the same cache line.
	const pad = 32 // float32s: 128 bytes
	d := t.d
	buf := make([]float32, pad+d+pad+d+pad)
	return &worker{
		t:       t,
		r:       rng(seed),
		neu1:    buf[pad : pad+d : pad+d],
		neu1e:   buf[2*pad+d : 2*pad+2*d : 2*pad+2*d],
		targets: make([]int32, pad, pad+t.cfg.Negative+1+pad)[pad:pad],
		hot:     newHotRows(t),
	}
}

// job trains on sentences [j[0], j[1]) with learning rate alpha.
func (w *worker) job(j [2]int, alpha float32) {
	t := w.t
	var kept int64
	for s := j[0]; s < j[1]; s++ {
		sent := t.ids[t.starts[s]:t.starts[s+1]]
		w.sent = w.sent[:0]
		for _, id := range sent {
			if w.r.uint32() < t.v.keep[id] {
				w.sent = append(w.sent, id)
			}
		}
		kept += int64(len(w.sent))
		if t.cfg.SG {
			w.skipGram(alpha)
		} else {
			w.cbow(alpha)
		}
	}
	if w.hot != nil {
		w.hot.jobDone(t)
	}
	t.done.Add(int64(t.starts[j[1]] - t.starts[j[0]]))
	t.trained.Add(kept)
}

// row returns row i of a |rows|×d matrix.
func (w *worker) row(m []float32, i int32) []float32 {
	d := w.t.d
	o := int(i) * d
	return m[o : o+d : o+d]
}

// skipGram: for each centre word c and context word o in its shrunk
// window, the input vector of o predicts c (as the C tool and gensim).
func (w *worker) skipGram(alpha float32) {
	t := w.t
	window := t.cfg.Window
	sent := w.sent
	for i, c := range sent {
		b := int(w.r.uint32() % uint32(window))
		lo, hi := max(i-window+b, 0), min(i+window+1-b, len(sent))
		for j := lo; j < hi; j++ {
			if j == i {
				continue
			}
			l1 := w.in(sent[j])
			if !w.predict(c, l1, alpha, true) {
				flush(w.neu1e, l1, nil, nil)
			}
		}
	}
}

// cbow: the mean (or sum) h of the context vectors predicts the centre.
func (w *worker) cbow(alpha float32) {
	t := w.t
	window := t.cfg.Window
	sent := w.sent
	h := w.neu1
	for i, c := range sent {
		b := int(w.r.uint32() % uint32(window))
		lo, hi := max(i-window+b, 0), min(i+window+1-b, len(sent))
		rows := w.rows[:0]
		for j := lo; j < hi; j++ {
			if j != i {
				rows = append(rows, w.in(sent[j]))
			}
		}
		w.rows = rows
		if len(rows) == 0 {
			continue
		}
		sumRows(h, rows)
		inv := 1 / float32(len(rows))
		if !t.cfg.CBOWSum {
			scale(inv, h)
		}
		w.predict(c, h, alpha, false)
		if t.cfg.CBOWSum {
			scale(inv, w.neu1e) // gensim spreads a sum's error over the words
		}
		addToRows(w.neu1e, rows)
		clear(w.neu1e)
	}
}

// predict runs the configured output layers for target word c from hidden
// vector h, updating the output weights and accumulating the gradient for
// h in w.neu1e. If direct is set and negative sampling alone could apply
// the gradient to h itself, it does so and predict returns true.
func (w *worker) predict(c int32, h []float32, alpha float32, direct bool) bool {
	t := w.t
	if t.cfg.HS {
		w.hs(c, h, alpha)
		direct = false
	}
	applied := false
	if t.cfg.Negative > 0 {
		applied = w.negative(c, h, alpha, direct)
	}
	if t.cfg.FullSoftmax {
		w.softmax(c, h, alpha)
	}
	return applied
}

// negative is one negative-sampling step: target c with label 1 and
// Negative words drawn from count^0.75 with label 0 (draws equal to c are
// skipped, as in gensim). Dot products outside (−6, 6) give no update.
// With five distinct negatives it takes the six-row kernels, and if direct
// is set applies the gradient straight to h (returning true); otherwise
// the gradient is accumulated in w.neu1e.
func (w *worker) negative(c int32, h []float32, alpha float32, direct bool) bool {
	t := w.t
	tg := append(w.targets[:0], c)
	for k := 0; k < t.cfg.Negative; k++ {
		if s := t.table.sample(&w.r); s != c {
			tg = append(tg, s)
		}
	}
	w.targets = tg
	if len(tg) == 6 && distinct6(tg) {
		var rows [6][]float32
		for k, target := range tg {
			rows[k] = w.out(target)
		}
		f := dot6(h, &rows)
		var g [6]float32
		for k := range g {
			fk := f[k]
			if fk <= -maxExp || fk >= maxExp {
				continue // g stays 0: no update, as gensim
			}
			label, sgn := float32(0), float32(-1)
			if k == 0 {
				label, sgn = 1, 1
			}
			w.loss -= float64(logSigmoid(sgn * fk))
			w.preds++
			g[k] = (label - sigmoid(fk)) * alpha
		}
		e := w.neu1e
		if direct {
			e = h
		}
		update6(&g, h, e, &rows)
		return direct
	}
	e := w.neu1e
	f := dot(h, w.out(c))
	for k, target := range tg {
		var next []float32
		if k+1 < len(tg) {
			next = w.out(tg[k+1])
		}
		label, sgn := float32(0), float32(-1)
		if k == 0 {
			label, sgn = 1, 1
		}
		if f <= -maxExp || f >= maxExp {
			if next != nil {
				f = dot(h, next)
			}
			continue
		}
		w.loss -= float64(logSigmoid(sgn * f))
		w.preds++
		g := (label - sigmoid(f)) * alpha
		f = update(g, h, w.out(target), e, next)
	}
	return false
}

// distinct6 reports whether six word indices are all different.
func distinct6(t []int32) bool {
	t = t[:6]
	for i := 1; i < 6; i++ {
		for j := 0; j < i; j++ {
			if t[i] == t[j] {
				return false
			}
		}
	}
	return true
}

// hs is one hierarchical-softmax step along c's Huffman path: at inner
// node n with branch code b, σ(u_n·h) is trained towards 1 − b.
func (w *worker) hs(c int32, h []float32, alpha float32) {
	t := w.t
	codes, points := t.tree.codes[c], t.tree.points[c]
	for k, node := range points {
		u := w.row(t.syn1, node)
		f := dot(h, u)
		if f <= -maxExp || f >= maxExp {
			continue
		}
		label := 1 - float32(codes[k])
		w.loss -= float64(logSigmoid((2*label - 1) * f))
		w.preds++
		g := (label - sigmoid(f)) * alpha
		update(g, h, u, w.neu1e, nil)
	}
}

// softmax is one step of the exact objective −log P(c | h) with
// P(w | h) = exp(u_w·h) / Σ_v exp(u_v·h); its gradient for u_w is
// (1[w=c] − P(w|h))·h and for h is Σ_w (1[w=c] − P(w|h))·u_w.
func (w *worker) softmax(c int32, h []float32, alpha float32) {
	t := w.t
	n := len(t.v.words)
	if w.scores == nil {
		w.scores = make([]float64, n)
	}
	maxS := math.Inf(-1)
	for i := range n {
		s := float64(dot(h, w.out(int32(i))))
		w.scores[i] = s
		maxS = math.Max(maxS, s)
	}
	var z float64
	for i, s := range w.scores {
		w.scores[i] = math.Exp(s - maxS)
		z += w.scores[i]
	}
	w.loss -= math.Log(w.scores[c] / z)
	w.preds++
	for i := range n {
		y := 0.0
		if int32(i) == c {
			y = 1
		}
		g := float32((y - w.scores[i]/z)) * alpha
		update(g, h, w.out(int32(i)), w.neu1e, nil)
	}
}

// scale computes x *= a.
func scale(a float32, x []float32) {
	for i := range x {
		x[i] *= a
	}
}
