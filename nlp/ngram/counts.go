package ngram

import (
	"slices"
	"sort"
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
	// the parent's child range, so the table stores no keys.
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

// encode pads each sentence and maps it to ids. Standard padding is one <s>
// and one </s>; NLTK padding is order−1 of each, like nltk.lm's
// pad_both_ends.
func encode(v *Vocab, sents [][]string, order int, nltk bool) (tok []uint32, starts []int) {
	pad := 1
	if nltk {
		pad = order - 1
	}
	starts = make([]int, 0, len(sents)+1)
	for _, s := range sents {
		starts = append(starts, len(tok))
		for range pad {
			tok = append(tok, bosID)
		}
		tok = v.lookup(s, tok)
		for range pad {
			tok = append(tok, eosID)
		}
	}
	starts = append(starts, len(tok))
	return tok, starts
}

// countTrie counts every k-gram, k = 1…order, inside each padded sentence.
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
	// bosStart[k][i]: k-gram i starts with <s> (standard mode only needs it).
	bosStart := make([]bool, vocabSize)
	bosStart[bosID] = true
	at := slices.Clone(tok) // at[i]: node id of the current-level gram starting at i
	for k := 1; k < order; k++ {
		prev := &t.levels[k]
		positions := 0
		for s := 0; s+1 < len(starts); s++ {
			positions += max(0, starts[s+1]-starts[s]-k)
		}
		h := newTable(positions)
		keys := make([]uint64, 0, positions/2)
		cnt := make([]uint32, 0, positions/2)
		suf := make([]uint32, 0, positions/2)
		for s := 0; s+1 < len(starts); s++ {
			b, e := starts[s], starts[s+1]
			for i := b; i+k < e; i++ {
				key := uint64(at[i])<<32 | uint64(tok[i+k])
				id, isNew := h.insert(key, uint32(len(keys)))
				if isNew {
					keys = append(keys, key)
					cnt = append(cnt, 0)
					suf = append(suf, at[i+1])
				}
				cnt[id]++
				at[i] = id
			}
		}
		h = nil
		// Sort the distinct (k+1)-grams by (parent, word) and renumber:
		// a counting sort by parent gives each parent's run, then each run
		// is sorted by word.
		prev.child = make([]uint32, len(prev.word)+1)
		for _, key := range keys {
			prev.child[key>>32+1]++
		}
		for i := 1; i < len(prev.child); i++ {
			prev.child[i] += prev.child[i-1]
		}
		fill := slices.Clone(prev.child[:len(prev.child)-1])
		order := make([]uint32, len(keys)) // provisional ids in sorted order
		for id, key := range keys {
			p := key >> 32
			order[fill[p]] = uint32(id)
			fill[p]++
		}
		for p := 0; p+1 < len(prev.child); p++ {
			run := order[prev.child[p]:prev.child[p+1]]
			if len(run) > 1 {
				slices.SortFunc(run, func(a, b uint32) int { return cmpU64(keys[a], keys[b]) })
			}
		}
		rank := make([]uint32, len(keys))
		next := level{word: make([]uint32, len(keys)), suffix: make([]uint32, len(keys)), count: make([]uint32, len(keys))}
		nextBOS := make([]bool, len(keys))
		for r, id := range order {
			key := keys[id]
			rank[id] = uint32(r)
			next.word[r] = uint32(key)
			next.suffix[r] = suf[id]
			next.count[r] = cnt[id]
			nextBOS[r] = bosStart[key>>32]
		}
		for s := 0; s+1 < len(starts); s++ {
			b, e := starts[s], starts[s+1]
			for i := b; i+k < e; i++ {
				at[i] = rank[at[i]]
			}
		}
		// Continuation counts of level k: distinct left extensions.
		prev.adj = make([]uint32, len(prev.word))
		for _, sfx := range next.suffix {
			prev.adj[sfx]++
		}
		if !nltk {
			for i, isBOS := range bosStart {
				if isBOS {
					prev.adj[i] = prev.count[i]
				}
			}
		}
		t.levels[k+1] = next
		bosStart = nextBOS
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

// computeStats fills the context statistics of every level below the top.
func (t *trie) computeStats() {
	for k := 0; k < t.order; k++ {
		l, next := &t.levels[k], &t.levels[k+1]
		l.ctx = make([]ctxStats, len(l.word))
		for p := range l.ctx {
			var s ctxStats
			for x := l.child[p]; x < l.child[p+1]; x++ {
				c, a := next.count[x], next.adj[x]
				if k == 0 && (c == 0 || (!t.nltk && x == bosID)) {
					continue // unseen words and <s> are not unigram events
				}
				s.sum += uint64(c)
				s.adjSum += uint64(a)
				s.types++
				switch {
				case a == 1:
					s.n[0]++
				case a == 2:
					s.n[1]++
				case a >= 3:
					s.n[2]++
				}
			}
			l.ctx[p] = s
		}
	}
}

func indexHash(p, w uint32) uint64 { return hash64(uint64(p)<<32 | uint64(w)) }

// buildIndex fills the hash index of every level ≥ 2 (load factor ≤ 1/2).
func (t *trie) buildIndex() {
	for k := 2; k <= t.order && k < len(t.levels); k++ {
		t.indexLevel(k)
	}
}

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

func cmpU64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
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

// followers returns the next-level node range of node p at level k.
func (t *trie) followers(k int, p uint32) (lo, hi uint32) {
	l := &t.levels[k]
	return l.child[p], l.child[p+1]
}

// ngramWords reconstructs the ids of node x at level k by searching each
// level's child ranges (used for output, not in the query path).
func (t *trie) ngramWords(k int, x uint32) []uint32 {
	ids := make([]uint32, k)
	for j := k; j >= 1; j-- {
		ids[j-1] = t.levels[j].word[x]
		if j == 1 {
			break
		}
		child := t.levels[j-1].child
		// parent = last p with child[p] ≤ x
		x = uint32(sort.Search(len(child), func(i int) bool { return child[i] > x }) - 1)
	}
	return ids
}
