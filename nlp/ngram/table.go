package ngram

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

func hash64(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	return k
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

// get returns the id stored for key.
func (t *table) get(key uint64) (uint32, bool) {
	for i := hash64(key) & t.mask; ; i = (i + 1) & t.mask {
		switch {
		case t.vals[i] == 0:
			return 0, false
		case t.keys[i] == key:
			return t.vals[i] - 1, true
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
