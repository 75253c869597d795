package word2vec

// With several workers, rows written by two cores at once are where
// Hogwild's workers collide: every write moves the row's cache lines from
// one core to the other. On the State of the Union the 100 most frequent
// words are 27 % of the negative samples and 36 % of the context words kept
// after subsampling, and even the rare rows collide often enough that two
// workers spent 1.75× the CPU time of one on the same work. Each worker
// therefore trains on private copies of the input and output rows of the
// most frequent words (all of them, up to replicaFloats per matrix) and,
// every mergeJobs jobs (about 40,000 words), adds what it changed to the
// shared rows and copies them again. Another worker's changes reach it that
// much later, a staleness Hogwild already has in kind. With one worker the
// shared rows are used directly.

const (
	// replicaFloats caps the rows a worker copies: those of the
	// replicaFloats/d most frequent words (16 MB of float32 per copy; a
	// worker keeps two copies, private and base, of syn0 and of syn1neg).
	// Hierarchical softmax's inner-node rows (syn1) stay shared.
	replicaFloats = 1 << 22
	// mergeJobs is how many jobs a worker runs between merges.
	mergeJobs = 4
)

// hotRows holds one worker's private copies of the rows of words
// 0 … n−1 (the vocabulary is sorted by count, most frequent first).
type hotRows struct {
	n, jobs         int
	in, out         []float32 // copies of syn0 and syn1neg rows, n×d (out is nil without syn1neg)
	inBase, outBase []float32 // the shared values when they were copied
}

func newHotRows(t *trainer) *hotRows {
	if t.cfg.Workers < 2 {
		return nil
	}
	n := min(replicaFloats/t.d, len(t.v.words))
	nd := n * t.d
	h := &hotRows{n: n, in: make([]float32, nd), inBase: make([]float32, nd)}
	if t.syn1neg != nil {
		h.out, h.outBase = make([]float32, nd), make([]float32, nd)
	}
	t.hotMu.Lock()
	copy(h.in, t.syn0)
	copy(h.out, t.syn1neg)
	t.hotMu.Unlock()
	copy(h.inBase, h.in)
	copy(h.outBase, h.out)
	return h
}

// epochDone merges a worker's rows at the end of an epoch, so that the
// shared matrices hold every change when training stops.
func (w *worker) epochDone() {
	if w.hot != nil {
		w.hot.push(w.t)
	}
}

// jobDone counts a finished job and merges every mergeJobs jobs.
func (h *hotRows) jobDone(t *trainer) {
	if h.jobs++; h.jobs%mergeJobs == 0 {
		h.push(t)
	}
}

// push adds the changes of the private rows since they were copied into
// the shared ones and copies them again.
func (h *hotRows) push(t *trainer) {
	t.hotMu.Lock()
	defer t.hotMu.Unlock()
	merge(t.syn0[:len(h.in)], h.in, h.inBase)
	if h.out != nil {
		merge(t.syn1neg[:len(h.out)], h.out, h.outBase)
	}
}

// mergeGeneric does shared += private − base, then private = base = shared.
func mergeGeneric(shared, private, base []float32) {
	private, base = private[:len(shared)], base[:len(shared)]
	for i, s := range shared {
		s += private[i] - base[i]
		shared[i], private[i], base[i] = s, s, s
	}
}

// in returns the input row (syn0) of word i that this worker trains.
func (w *worker) in(i int32) []float32 {
	if h := w.hot; h != nil && int(i) < h.n {
		return w.row(h.in, i)
	}
	return w.row(w.t.syn0, i)
}

// out returns the output row (syn1neg) of word i that this worker trains.
func (w *worker) out(i int32) []float32 {
	if h := w.hot; h != nil && int(i) < h.n && h.out != nil {
		return w.row(h.out, i)
	}
	return w.row(w.t.syn1neg, i)
}
