package vec

import (
	"container/heap"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
)

// KeyedVectors is a table of words and their dense vectors, stored as one
// row-major matrix (like gensim's KeyedVectors). Row i belongs to Words[i];
// files written by word2vec tools keep the most frequent words first, which
// is what restrictVocab arguments rely on.
//
// Queries are safe for concurrent use; Add and SetVector are not.
type KeyedVectors struct {
	Dim     int       // vector dimension d
	Words   []string  // row index → word (gensim's index_to_key)
	Vectors []float32 // len(Words)×Dim, row-major

	index map[string]int

	mu     sync.Mutex
	norms  []float64 // ‖row i‖, computed lazily
	normed []float32 // rows divided by their norms, computed lazily
}

// ErrNotFound is wrapped by errors about words missing from the vocabulary.
var ErrNotFound = errors.New("word not in vocabulary")

// New returns empty KeyedVectors of dimension dim.
func New(dim int) (*KeyedVectors, error) {
	if dim < 1 {
		return nil, fmt.Errorf("vec: dimension must be ≥ 1, got %d", dim)
	}
	return &KeyedVectors{Dim: dim, index: make(map[string]int)}, nil
}

// FromMatrix wraps words and a row-major len(words)×dim matrix (which is
// used, not copied).
func FromMatrix(words []string, vectors []float32, dim int) (*KeyedVectors, error) {
	kv, err := New(dim)
	if err != nil {
		return nil, err
	}
	if len(vectors) != len(words)*dim {
		return nil, fmt.Errorf("vec: %d words × dim %d need %d values, got %d", len(words), dim, len(words)*dim, len(vectors))
	}
	for i, w := range words {
		if _, dup := kv.index[w]; dup {
			return nil, fmt.Errorf("vec: duplicate word %q", w)
		}
		kv.index[w] = i
	}
	kv.Words, kv.Vectors = words, vectors
	return kv, nil
}

// Add appends word with a copy of v.
func (kv *KeyedVectors) Add(word string, v []float32) error {
	if len(v) != kv.Dim {
		return fmt.Errorf("vec: vector for %q has length %d, want %d", word, len(v), kv.Dim)
	}
	if _, dup := kv.index[word]; dup {
		return fmt.Errorf("vec: duplicate word %q", word)
	}
	kv.index[word] = len(kv.Words)
	kv.Words = append(kv.Words, word)
	kv.Vectors = append(kv.Vectors, v...)
	kv.invalidate()
	return nil
}

// SetVector overwrites the vector of an existing word.
func (kv *KeyedVectors) SetVector(word string, v []float32) error {
	i, ok := kv.index[word]
	if !ok {
		return fmt.Errorf("vec: %q: %w", word, ErrNotFound)
	}
	if len(v) != kv.Dim {
		return fmt.Errorf("vec: vector for %q has length %d, want %d", word, len(v), kv.Dim)
	}
	copy(kv.Row(i), v)
	kv.invalidate()
	return nil
}

func (kv *KeyedVectors) invalidate() {
	kv.mu.Lock()
	kv.norms, kv.normed = nil, nil
	kv.mu.Unlock()
}

// Len returns the number of words.
func (kv *KeyedVectors) Len() int { return len(kv.Words) }

// Index returns the row of word.
func (kv *KeyedVectors) Index(word string) (int, bool) {
	i, ok := kv.index[word]
	return i, ok
}

// Has reports whether word has a vector.
func (kv *KeyedVectors) Has(word string) bool {
	_, ok := kv.index[word]
	return ok
}

// Row returns the vector in row i (a view into Vectors).
// It panics if i is out of range.
func (kv *KeyedVectors) Row(i int) []float32 {
	return kv.Vectors[i*kv.Dim : (i+1)*kv.Dim : (i+1)*kv.Dim]
}

// Vector returns the vector of word (a view into Vectors, not a copy).
func (kv *KeyedVectors) Vector(word string) ([]float32, error) {
	i, ok := kv.index[word]
	if !ok {
		return nil, fmt.Errorf("vec: %q: %w", word, ErrNotFound)
	}
	return kv.Row(i), nil
}

// Norms returns ‖v_i‖ for every row, computed once and cached.
func (kv *KeyedVectors) Norms() []float64 {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	if len(kv.norms) != len(kv.Words) {
		n := make([]float64, len(kv.Words))
		for i := range n {
			n[i] = Norm(kv.Row(i))
		}
		kv.norms = n
	}
	return kv.norms
}

// Similarity returns the cosine similarity of two words.
func (kv *KeyedVectors) Similarity(w1, w2 string) (float64, error) {
	a, err := kv.Vector(w1)
	if err != nil {
		return 0, err
	}
	b, err := kv.Vector(w2)
	if err != nil {
		return 0, err
	}
	return Cosine(a, b), nil
}

// unitMatrix returns every row divided by its norm (zero rows stay zero),
// computed once and cached.
func (kv *KeyedVectors) unitMatrix() []float32 {
	norms := kv.Norms()
	kv.mu.Lock()
	defer kv.mu.Unlock()
	if len(kv.normed) != len(kv.Vectors) {
		u := make([]float32, len(kv.Vectors))
		for i, n := range norms {
			if n == 0 {
				continue
			}
			row, out := kv.Row(i), u[i*kv.Dim:(i+1)*kv.Dim]
			for j, x := range row {
				out[j] = float32(float64(x) / n)
			}
		}
		kv.normed = u
	}
	return kv.normed
}

// cosines returns cos(row i, q) for rows [0, limit), with q already unit
// length (NaN for zero rows), like gensim's dot(vectors, mean) / norms in float32. Large
// tables are split over GOMAXPROCS goroutines.
func (kv *KeyedVectors) cosines(q []float64, limit int) []float64 {
	u := kv.unitMatrix()
	q32 := make([]float32, len(q))
	for i, x := range q {
		q32[i] = float32(x)
	}
	out := make([]float64, limit)
	d := kv.Dim
	norms := kv.Norms()
	work := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if norms[i] == 0 {
				out[i] = math.NaN() // as gensim's 0/0; never ranked
				continue
			}
			out[i] = float64(dot32(u[i*d:(i+1)*d], q32))
		}
	}
	workers := runtime.GOMAXPROCS(0)
	if limit*d < 1<<20 || workers == 1 {
		work(0, limit)
		return out
	}
	var wg sync.WaitGroup
	chunk := (limit + workers - 1) / workers
	for lo := 0; lo < limit; lo += chunk {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			work(lo, hi)
		}(lo, min(lo+chunk, limit))
	}
	wg.Wait()
	return out
}

// dot32 is a float32 dot product with four accumulators.
func dot32(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// unitRow returns row i divided by its norm, in float64.
func (kv *KeyedVectors) unitRow(i int) []float64 {
	n := kv.Norms()[i]
	out := make([]float64, kv.Dim)
	if n == 0 {
		return out
	}
	for j, x := range kv.Row(i) {
		out[j] = float64(x) / n
	}
	return out
}

func unit64(v []float64) {
	var s float64
	for _, x := range v {
		s += x * x
	}
	if s == 0 {
		return
	}
	n := math.Sqrt(s)
	for i := range v {
		v[i] /= n
	}
}

// topK returns the indices of the k largest scores, best first, skipping
// the indices in skip; equal scores keep the lower index first.
func topK(scores []float64, k int, skip map[int]bool) []int {
	if k <= 0 {
		return nil
	}
	h := &minHeap{scores: scores}
	for i, s := range scores {
		if skip[i] || math.IsNaN(s) {
			continue
		}
		if len(h.idx) < k {
			heap.Push(h, i)
			continue
		}
		if s > scores[h.idx[0]] {
			h.idx[0] = i
			heap.Fix(h, 0)
		}
	}
	out := make([]int, len(h.idx))
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(h).(int)
	}
	return out
}

// minHeap keeps the worst of the current top k at the root: the lowest
// score, and among equal scores the highest index.
type minHeap struct {
	scores []float64
	idx    []int
}

func (h *minHeap) Len() int { return len(h.idx) }
func (h *minHeap) Less(a, b int) bool {
	sa, sb := h.scores[h.idx[a]], h.scores[h.idx[b]]
	if sa != sb {
		return sa < sb
	}
	return h.idx[a] > h.idx[b]
}
func (h *minHeap) Swap(a, b int) { h.idx[a], h.idx[b] = h.idx[b], h.idx[a] }
func (h *minHeap) Push(x any)    { h.idx = append(h.idx, x.(int)) }
func (h *minHeap) Pop() any {
	x := h.idx[len(h.idx)-1]
	h.idx = h.idx[:len(h.idx)-1]
	return x
}
