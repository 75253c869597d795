package text

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"sync"
)

// BPEConfig controls TrainBPE. The zero value learns merges until the
// vocabulary holds 1,000 ids or no pair occurs twice.
type BPEConfig struct {
	// VocabSize is the number of ids after training: the 256 byte values
	// plus one id per merge. Default 1000; it must be ≥ 256.
	VocabSize int
	// MinFrequency stops training when the most frequent pair occurs fewer
	// times than this. Default 2.
	MinFrequency int
}

// BPE is a byte-level byte-pair-encoding tokenizer. Ids 0–255 are the byte
// values; id 256+k is the k-th learned merge. A BPE is safe for concurrent
// use.
type BPE struct {
	merges [][2]int         // merge k joins merges[k][0] and merges[k][1] into id 256+k
	tokens [][]byte         // id → the bytes it stands for
	ranks  map[uint64]int32 // pairKey(a, b) → k

	mu    sync.Mutex
	cache map[string][]int // pre-token → ids
}

// maxPretoken caps the length in bytes of a pre-token, so that encoding
// (quadratic in a pre-token's length) stays fast on pathological input.
const maxPretoken = 256

func pairKey(a, b int) uint64 { return uint64(a)<<32 | uint64(uint32(b)) }

// NewBPE builds a tokenizer from a merge list, as returned by Merges. It
// returns an error if a merge refers to an id not yet defined or repeats an
// earlier merge.
func NewBPE(merges [][2]int) (*BPE, error) {
	b := &BPE{ranks: make(map[uint64]int32, len(merges)), cache: map[string][]int{}}
	b.tokens = make([][]byte, 256, 256+len(merges))
	for i := range 256 {
		b.tokens[i] = []byte{byte(i)}
	}
	for k, m := range merges {
		if err := b.addMerge(m[0], m[1]); err != nil {
			return nil, fmt.Errorf("text: BPE merge %d: %w", k, err)
		}
	}
	return b, nil
}

func (b *BPE) addMerge(x, y int) error {
	n := len(b.tokens)
	if x < 0 || y < 0 || x >= n || y >= n {
		return fmt.Errorf("ids (%d, %d) out of range [0, %d)", x, y, n)
	}
	key := pairKey(x, y)
	if _, dup := b.ranks[key]; dup {
		return fmt.Errorf("pair (%d, %d) merged twice", x, y)
	}
	b.ranks[key] = int32(len(b.merges))
	b.merges = append(b.merges, [2]int{x, y})
	tok := make([]byte, 0, len(b.tokens[x])+len(b.tokens[y]))
	b.tokens = append(b.tokens, append(append(tok, b.tokens[x]...), b.tokens[y]...))
	return nil
}

// Len returns the number of ids: 256 plus the number of merges.
func (b *BPE) Len() int { return len(b.tokens) }

// Merges returns a copy of the learned merges in the order they apply.
func (b *BPE) Merges() [][2]int { return append([][2]int(nil), b.merges...) }

// Token returns the bytes id stands for, as a string (a piece of a UTF-8
// character for some ids). It panics if id is out of range.
func (b *BPE) Token(id int) string { return string(b.tokens[id]) }

// Encode returns the ids of s. Decode(Encode(s)) == s for every string,
// including invalid UTF-8.
func (b *BPE) Encode(s string) []int {
	var ids []int
	for p := range pretokens(s) {
		ids = append(ids, b.encodePretoken(p)...)
	}
	return ids
}

// Pieces returns the tokens of s as strings, to show how s is split.
func (b *BPE) Pieces(s string) []string {
	ids := b.Encode(s)
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = b.Token(id)
	}
	return out
}

// Decode returns the text of ids. It returns an error for an id outside
// [0, Len()).
func (b *BPE) Decode(ids []int) (string, error) {
	var sb strings.Builder
	for i, id := range ids {
		if id < 0 || id >= len(b.tokens) {
			return "", fmt.Errorf("text: BPE id %d at position %d out of range [0, %d)", id, i, len(b.tokens))
		}
		sb.Write(b.tokens[id])
	}
	return sb.String(), nil
}

// encodePretoken applies the merges to one pre-token, lowest rank first.
func (b *BPE) encodePretoken(p string) []int {
	b.mu.Lock()
	cached, ok := b.cache[p]
	b.mu.Unlock()
	if ok {
		return cached
	}
	ids := make([]int, len(p))
	for i := 0; i < len(p); i++ {
		ids[i] = int(p[i])
	}
	for len(ids) > 1 {
		best, at := int32(-1), -1
		for i := 0; i+1 < len(ids); i++ {
			if r, ok := b.ranks[pairKey(ids[i], ids[i+1])]; ok && (best < 0 || r < best) {
				best, at = r, i
			}
		}
		if at < 0 {
			break
		}
		ids = mergePair(ids, b.merges[best][0], b.merges[best][1], 256+int(best))
	}
	b.mu.Lock()
	if len(b.cache) < 1<<16 {
		b.cache[p] = ids
	}
	b.mu.Unlock()
	return ids
}

// mergePair replaces every adjacent (x, y) in ids, left to right, by z.
func mergePair(ids []int, x, y, z int) []int {
	out := ids[:0]
	for i := 0; i < len(ids); i++ {
		if i+1 < len(ids) && ids[i] == x && ids[i+1] == y {
			out = append(out, z)
			i++
			continue
		}
		out = append(out, ids[i])
	}
	return out
}

// WriteTo saves the merges in a small text format: a header line
// "lingo-bpe 1", the number of merges, then one "a b" line per merge.
func (b *BPE) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	var n int64
	c, _ := fmt.Fprintf(bw, "lingo-bpe 1\n%d\n", len(b.merges))
	n += int64(c)
	for _, m := range b.merges {
		c, _ = fmt.Fprintf(bw, "%d %d\n", m[0], m[1])
		n += int64(c)
	}
	return n, bw.Flush()
}

// maxMerges bounds the merge count ReadBPE accepts (GPT-2 has 50,000).
const maxMerges = 1 << 20

// ReadBPE loads a tokenizer saved by WriteTo. It checks the header, the
// count and every id, and returns an error on malformed input.
func ReadBPE(r io.Reader) (*BPE, error) {
	sc := bufio.NewScanner(r)
	line := 0
	next := func() (string, bool) {
		line++
		if !sc.Scan() {
			return "", false
		}
		return sc.Text(), true
	}
	if h, ok := next(); !ok || h != "lingo-bpe 1" {
		return nil, errors.New(`text: BPE: missing header "lingo-bpe 1"`)
	}
	cs, _ := next()
	count, err := strconv.Atoi(cs)
	if err != nil || count < 0 || count > maxMerges {
		return nil, fmt.Errorf("text: BPE line %d: bad merge count %q", line, cs)
	}
	merges := make([][2]int, 0, min(count, 4096))
	for range count {
		l, ok := next()
		if !ok {
			return nil, fmt.Errorf("text: BPE: %d merges announced, %d found", count, len(merges))
		}
		a, bs, found := strings.Cut(l, " ")
		x, err1 := strconv.Atoi(a)
		y, err2 := strconv.Atoi(bs)
		if !found || err1 != nil || err2 != nil {
			return nil, fmt.Errorf("text: BPE line %d: want two ids, got %q", line, l)
		}
		merges = append(merges, [2]int{x, y})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("text: BPE: %w", err)
	}
	if l, ok := next(); ok && strings.TrimSpace(l) != "" {
		return nil, fmt.Errorf("text: BPE line %d: unexpected data after %d merges", line, count)
	}
	return NewBPE(merges)
}

// pretokens splits s into the pieces BPE merges never cross: a word with
// its leading space, a number, a run of other symbols, or a run of
// whitespace (whose last space joins the next piece). Joining the pieces
// gives back s. Pieces are at most maxPretoken bytes.
func pretokens(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for i := 0; i < len(s); {
			j := pretokenEnd(s, i)
			for j-i > maxPretoken {
				k := i + maxPretoken
				for k > i+1 && s[k]&0xC0 == 0x80 { // do not cut inside a character
					k--
				}
				if !yield(s[i:k]) {
					return
				}
				i = k
			}
			if !yield(s[i:j]) {
				return
			}
			i = j
		}
	}
}
