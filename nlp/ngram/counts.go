package ngram

import (
	"math/bits"
)

// The n-gram counts live in a trie stored as sorted arrays, one level per
// order, like SRILM's and KenLM's tries: level k holds every distinct k-gram
// once, sorted by (context node, last word), so the k-grams that follow a
// (k−1)-gram context are a contiguous run found by binary search, and
// "which words follow this context" is that run. Level 1 is indexed
// directly by word id. There are no strings and no maps in the finished
// model; an n-gram is an integer node id.
type level struct {
	word   []uint32 // last word of each n-gram
	suffix []uint32 // node (one level down) of the n-gram without its first word; level ≥ 2
	count  []uint32 // raw count c(g)
	adj    []uint32 // Kneser–Ney adjusted count a(g), see adjusted
	child  []uint32 // for levels < N: node i's followers are next-level nodes child[i] … child[i+1]−1
	ctx    []ctxStats
	// index is a hash table over this level's nodes (level ≥ 2) keyed by
	// (parent, word), holding node id + 1 (0 = empty slot); it replaces
	// the binary search of find. A hit is confirmed by checking word and
	// the parent's child range, so the table stores no keys. Only levels
	// whose contexts have long runs of followers get one (buildIndex).
	index []uint32
}

// ctxStats summarise the followers of an n-gram g used as a context.
type ctxStats struct {
	sum    uint64 // Σ_w c(g w)
	adjSum uint64 // Σ_w a(g w)
	types  uint32 // N1+(g •): number of distinct followers
	n      [3]uint32
	// n[0], n[1], n[2]: followers with a(g w) = 1, = 2, ≥ 3 (modified Kneser–Ney)
}

func (s ctxStats) adjTypes() uint32 { return s.n[0] + s.n[1] + s.n[2] }

// trie is the count store. levels[0] is the root (the empty context, one
// node); levels[k] holds the k-grams.
type trie struct {
	order  int
	nltk   bool
	levels []level
}

// countTrie counts every k-gram, k = 1…order, inside each padded sentence.
//
// Level 1 is a histogram of the token ids. Each higher level k+1 is built
// from level k by sorting, with no hashing and no per-n-gram allocation:
//
//  1. at[i] holds the level-k node of the k-gram that starts at token i.
//
//  2. Every position i whose k-gram can grow by one word inside its
//     sentence (i+k < end of sentence) gives one packed key
//
//     key = at[i] << wordBits | tok[i+k]      (parent node, next word)
//
//     where wordBits is the bit length of the largest word id. Node and
//     word ids are below 2³², so the key always fits a uint64 (on SOTU it
//     has at most 21 + 15 = 36 bits).
//
//  3. The keys are radix-sorted (radix.go), each carrying its position i
//     and at[i+1] along. Sorted keys are in (parent, word) order, the
//     trie's order, so each run of equal keys is one distinct (k+1)-gram
//     and its rank among the runs is its node id: its count is the run's
//     length, its word the key's low bits, its parent the high bits, and
//     its suffix (the k-gram without the first word) is at[i+1] for any
//     position i of the run.
//
//  4. Every position of the run gets the new node in at, for the next level.
//
// Continuation counts N1+(• g) of level k are then one pass over level
// k+1's suffix links, and the child ranges of level k one pass over the
// parents. TestCountTrieMatchesHash checks the result against a simple
// hash-table counter.
func countTrie(tok []uint32, starts []int, vocabSize, order int, nltk bool) *trie {
	t := &trie{order: order, nltk: nltk, levels: make([]level, order+1)}
	t.levels[0] = level{word: []uint32{0}, count: []uint32{0}, adj: []uint32{0}, child: []uint32{0, uint32(vocabSize)}}
	l1 := level{word: make([]uint32, vocabSize), count: make([]uint32, vocabSize)}
	for i := range l1.word {
		l1.word[i] = uint32(i)
	}
	for _, w := range tok {
		l1.count[w]++
	}
	t.levels[1] = l1
	if order > 1 {
		c := newCounter(tok, starts, vocabSize)
		bosNodes := []uint32{bosID} // level-k nodes whose first word is <s>
		for k := 1; k < order; k++ {
			bosNodes = c.grow(t, k, bosNodes, nltk)
		}
	}
	top := &t.levels[order]
	top.adj = top.count
	if !nltk && order > 1 {
		t.levels[1].adj[bosID] = 0 // <s> is never predicted
	}
	t.computeStats()
	t.buildIndex()
	return t
}

// counter holds the working arrays of countTrie, allocated once for all
// levels.
type counter struct {
	tok      []uint32
	starts   []int
	wordBits int
	at, next []uint32 // at: node of the current level per position; next: being filled
	keys     []uint64 // (parent node, next word), see countTrie
	vals     []uint64 // position << 32 | suffix node, carried along by the sort
	kbuf     []uint64 // radix sort scratch
	vbuf     []uint64
}

func newCounter(tok []uint32, starts []int, vocabSize int) *counter {
	n := 0 // positions with a bigram
	for s := 0; s+1 < len(starts); s++ {
		n += max(0, starts[s+1]-starts[s]-1)
	}
	return &counter{
		tok: tok, starts: starts,
		wordBits: bits.Len32(uint32(vocabSize - 1)),
		at:       tok, // level 1: the node of a word is its id
		next:     make([]uint32, len(tok)),
		keys:     make([]uint64, n), vals: make([]uint64, n),
		kbuf: make([]uint64, n), vbuf: make([]uint64, n),
	}
}

// grow builds level k+1 from level k (steps 2–4 of countTrie), fills
// level k's child ranges and continuation counts, and returns the level
// k+1 nodes that start with <s>, in increasing order.
func (c *counter) grow(t *trie, k int, bosNodes []uint32, nltk bool) []uint32 {
	tok, at := c.tok, c.at
	prev := &t.levels[k]
	// Step 2: one key per position that has a (k+1)-gram. The suffix
	// node at[i+1] is read here, in position order, rather than after the
	// sort, where the positions are scattered and each read would miss
	// the cache.
	keys, vals := c.keys[:0], c.vals[:0]
	wb := c.wordBits
	for s := 0; s+1 < len(c.starts); s++ {
		for i := c.starts[s]; i+k < c.starts[s+1]; i++ {
			keys = append(keys, uint64(at[i])<<wb|uint64(tok[i+k]))
			vals = append(vals, uint64(i)<<32|uint64(at[i+1]))
		}
	}
	// Step 3: sort; keys < len(prev.word) << wb.
	keyBits := bits.Len64(uint64(max(len(prev.word), 1))<<wb - 1)
	keys, vals = radixSort(keys, vals, c.kbuf[:len(keys)], c.vbuf[:len(keys)], keyBits)
	// Step 3 continued and step 4: one pass over the runs. The loops are
	// written without a jump on "a new run starts here" (newRun is 0 or
	// 1), because that test is a coin flip at the middle orders and a
	// mispredicted branch costs more than the stores it would skip.
	// Rewriting word and suffix for every key of a run stores the same
	// values again.
	distinct, prevKey := 0, ^uint64(0)
	if len(keys) > 0 {
		prevKey = ^keys[0] // ≠ keys[0]
	}
	for _, key := range keys {
		distinct += newRun(key, prevKey)
		prevKey = key
	}
	next := level{word: make([]uint32, distinct), suffix: make([]uint32, distinct), count: make([]uint32, distinct)}
	prev.child = make([]uint32, len(prev.word)+1)
	var nextBOS []uint32
	r := -1
	wordMask := uint64(1)<<wb - 1
	top := k+1 == t.order // no level above: at is not needed any more
	b := 0                // next candidate in bosNodes
	if len(keys) > 0 {
		prevKey = ^keys[0]
	}
	for j, key := range keys {
		v := vals[j]
		isNew := newRun(key, prevKey)
		prevKey = key
		r += isNew
		parent := key >> wb
		next.word[r] = uint32(key & wordMask)
		next.suffix[r] = uint32(v)
		next.count[r]++
		prev.child[parent+1] += uint32(isNew)
		if !top {
			c.next[v>>32] = uint32(r)
		}
		// A (k+1)-gram starts with <s> if its parent does; both lists
		// are increasing.
		for b < len(bosNodes) && uint64(bosNodes[b]) < parent {
			b++
		}
		if b < len(bosNodes) && uint64(bosNodes[b]) == parent && isNew == 1 {
			nextBOS = append(nextBOS, uint32(r))
		}
	}
	for p := 1; p < len(prev.child); p++ {
		prev.child[p] += prev.child[p-1]
	}
	// Continuation counts of level k: distinct left extensions.
	prev.adj = make([]uint32, len(prev.word))
	for _, sfx := range next.suffix {
		prev.adj[sfx]++
	}
	if !nltk {
		for _, x := range bosNodes {
			prev.adj[x] = prev.count[x] // nothing precedes <s>: keep raw counts
		}
	}
	t.levels[k+1] = next
	if k == 1 && !top {
		c.at = make([]uint32, len(tok)) // stop aliasing tok
	}
	c.at, c.next = c.next, c.at
	return nextBOS
}

// newRun is 1 if key differs from the previous key, else 0.
func newRun(key, prev uint64) int {
	d := 0
	if key != prev {
		d = 1
	}
	return d
}

// computeStats fills the context statistics of every level below the top.
func (t *trie) computeStats() {
	for k := 0; k < t.order; k++ {
		l := &t.levels[k]
		l.ctx = make([]ctxStats, len(l.word))
		inParts(len(l.ctx), func(_, lo, hi int) { t.levelStats(k, lo, hi) })
	}
}

// levelStats fills the statistics of contexts lo … hi−1 of level k.
func (t *trie) levelStats(k, lo, hi int) {
	l, next := &t.levels[k], &t.levels[k+1]
	for p := lo; p < hi; p++ {
		var s ctxStats
		var byAdj [4]uint32 // followers with a(g w) = 0, 1, 2, ≥ 3
		for x := l.child[p]; x < l.child[p+1]; x++ {
			c, a := next.count[x], next.adj[x]
			if k == 0 && (c == 0 || (!t.nltk && x == bosID)) {
				continue // unseen words and <s> are not unigram events
			}
			s.sum += uint64(c)
			s.adjSum += uint64(a)
			byAdj[min(a, 3)]++ // an index, not a branch: a varies unpredictably
		}
		s.n = [3]uint32{byAdj[1], byAdj[2], byAdj[3]}
		s.types = byAdj[0] + byAdj[1] + byAdj[2] + byAdj[3]
		l.ctx[p] = s
	}
}

func hash64(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	return k
}

func indexHash(p, w uint32) uint64 { return hash64(uint64(p)<<32 | uint64(w)) }

// buildIndex fills the hash index (load factor ≤ 1/2) of the levels ≥ 2
// whose contexts have at least indexMinFanout followers on average. In
// the other levels a context's followers are a short run (on SOTU 2.6,
// 1.3 and 1.1 for the 3-, 4- and 5-grams, against 17 for the bigrams),
// which binary search scans as fast as a hash probe: the index would cost
// build time and memory for nothing.
func (t *trie) buildIndex() {
	for k := 2; k <= t.order && k < len(t.levels); k++ {
		if len(t.levels[k].word) >= indexMinFanout*len(t.levels[k-1].word) {
			t.indexLevel(k)
		}
	}
}

const indexMinFanout = 4 // followers per context

// indexLevel builds the hash index of level k ≥ 2 (its parents' child
// ranges must be final).
func (t *trie) indexLevel(k int) {
	{
		l := &t.levels[k]
		size := 16
		for size < 2*len(l.word) {
			size <<= 1
		}
		idx := make([]uint32, size)
		mask := uint64(size - 1)
		child := t.levels[k-1].child
		for p := 0; p+1 < len(child); p++ {
			for x := child[p]; x < child[p+1]; x++ {
				i := indexHash(uint32(p), l.word[x]) & mask
				for idx[i] != 0 {
					i = (i + 1) & mask
				}
				idx[i] = x + 1
			}
		}
		l.index = idx
	}
}

// find returns the node at level k+1 of the n-gram (node p at level k) + w.
func (t *trie) find(k int, p, w uint32) (uint32, bool) {
	l := &t.levels[k]
	if k == 0 {
		return w, int(w) < len(t.levels[1].word)
	}
	if k >= t.order {
		return 0, false
	}
	lo, hi := l.child[p], l.child[p+1]
	if next := &t.levels[k+1]; next.index != nil {
		if lo == hi {
			return 0, false
		}
		mask := uint64(len(next.index) - 1)
		for i := indexHash(p, w) & mask; ; i = (i + 1) & mask {
			v := next.index[i]
			if v == 0 {
				return 0, false
			}
			if x := v - 1; x >= lo && x < hi && next.word[x] == w {
				return x, true
			}
		}
	}
	words := t.levels[k+1].word
	for lo < hi {
		mid := (lo + hi) >> 1
		if words[mid] < w {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < l.child[p+1] && words[lo] == w {
		return lo, true
	}
	return 0, false
}

// lookup returns the node of the n-gram ids (level len(ids)).
func (t *trie) lookup(ids []uint32) (uint32, bool) {
	p := uint32(0)
	for k, w := range ids {
		var ok bool
		if p, ok = t.find(k, p, w); !ok {
			return 0, false
		}
	}
	return p, true
}

// CountsOfCounts returns, for n-grams of order n, how many distinct n-grams
// occur exactly r times, r = 0 … max (index r; index 0 is always 0). With
// adjusted set it counts Kneser–Ney adjusted counts instead of raw counts.
func (t *trie) countsOfCounts(n int, adjusted bool, max int) []int {
	out := make([]int, max+1)
	l := &t.levels[n]
	cs := l.count
	if adjusted {
		cs = l.adj
	}
	for i, c := range cs {
		if n == 1 && !t.nltk && i == int(bosID) {
			continue
		}
		if c >= 1 && int(c) <= max {
			out[c]++
		}
	}
	return out
}
