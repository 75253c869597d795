package ngram

import (
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"testing"
)

// countTrieHash is the counter this package used before the sort-based
// countTrie: a hash table from (parent node, word) to a provisional id,
// then a renumbering into trie order. It is kept here as an independent
// reference: TestCountTrieMatchesHash checks that both build identical tries.
func countTrieHash(tok []uint32, starts []int, vocabSize, order int, nltk bool) *trie {
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

// table is an open-addressing hash table from a packed n-gram key
// (parent node id << 32 | word id) to a provisional node id, used while
// counting. Linear probing, power-of-two size, load factor ≤ 1/2.
type table struct {
	keys []uint64
	vals []uint32 // id+1; 0 marks an empty slot
	n    int
	mask uint64
}

func newTable(hint int) *table {
	size := 1024
	for size < 2*hint {
		size <<= 1
	}
	return &table{keys: make([]uint64, size), vals: make([]uint32, size), mask: uint64(size - 1)}
}

// insert returns the id stored for key, or stores next and returns it with
// isNew set.
func (t *table) insert(key uint64, next uint32) (id uint32, isNew bool) {
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	for i := hash64(key) & t.mask; ; i = (i + 1) & t.mask {
		switch {
		case t.vals[i] == 0:
			t.keys[i], t.vals[i] = key, next+1
			t.n++
			return next, true
		case t.keys[i] == key:
			return t.vals[i] - 1, false
		}
	}
}

func (t *table) grow() {
	old := *t
	size := 2 * len(old.keys)
	t.keys, t.vals, t.mask, t.n = make([]uint64, size), make([]uint32, size), uint64(size-1), 0
	for i, v := range old.vals {
		if v != 0 {
			t.insert(old.keys[i], v-1)
		}
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

// TestCountTrieMatchesHash: the sort-based counter builds exactly the
// trie of the hash-table counter (every array of every level), on random
// corpora with a Zipf-like word distribution, empty sentences and a
// literal "<s>" inside sentences, for orders 1–6 in both padding modes.
func TestCountTrieMatchesHash(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 1))
	for trial := range 24 {
		vocab := 2 + rng.IntN(300)
		var sents [][]string
		for range rng.IntN(400) {
			s := make([]string, rng.IntN(25))
			for i := range s {
				// Squaring a uniform variate favours small ids: frequent words.
				u := rng.Float64()
				s[i] = "w" + strconv.Itoa(int(u*u*float64(vocab)))
			}
			if len(s) > 3 && rng.IntN(20) == 0 {
				s[rng.IntN(len(s))] = BOS
			}
			sents = append(sents, s)
		}
		for _, order := range []int{1, 2, 3, 5, 6} {
			for _, nltk := range []bool{false, true} {
				v := newVocab()
				for _, s := range sents {
					for _, w := range s {
						v.add(w)
					}
				}
				tok, starts := encode(v, sents, order, nltk)
				got := countTrie(tok, starts, v.Len(), order, nltk)
				want := countTrieHash(tok, starts, v.Len(), order, nltk)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("trial %d, order %d, nltk %v: tries differ", trial, order, nltk)
				}
			}
		}
	}
}

// encode pads each sentence and maps it to ids (Train uses encodeCorpus,
// which also builds the vocabulary). Standard padding is one <s>
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

// TestParallelBuild: a corpus large enough for the two-goroutine paths
// (radix sort, context statistics, compile) gives the same model as one
// processor, bit for bit.
func TestParallelBuild(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var sents [][]string
	for range 12000 {
		s := make([]string, 5+rng.IntN(20))
		for i := range s {
			u := rng.Float64()
			s[i] = "w" + strconv.Itoa(int(u*u*u*20000))
		}
		sents = append(sents, s)
	}
	build := func(procs int) *Model {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		m, err := Train(sents, Config{Order: 4})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	one, two := build(1), build(2)
	if numParts(len(two.t.levels[2].word)) != 2 && runtime.NumCPU() > 1 {
		t.Fatalf("corpus too small to test the parallel paths: %d bigrams", len(two.t.levels[2].word))
	}
	if !reflect.DeepEqual(one.t, two.t) || !reflect.DeepEqual(one.cp, two.cp) || !reflect.DeepEqual(one.cb, two.cb) {
		t.Fatal("models differ")
	}
}
