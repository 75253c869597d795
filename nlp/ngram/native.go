package ngram

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// The native format keeps the counts, so a loaded model can be
// re-smoothed (WithSmoothing) and explained; ARPA keeps only
// probabilities. Layout, little-endian:
//
//	"LNGRAM01"
//	order u32, smoothing u32, K f64, Discount f64, Alpha f64, MinCount u32, NLTK u8,
//	has-discounts u8 [, order × 3 f64]
//	vocabulary: n u32, then n × (length u32, bytes)
//	level 1: count [V]u32, adj [V]u32 (and child [V+1]u32 if order > 1)
//	level k ≥ 2: size u32, word, suffix, count, adj [size]u32 (and child [size+1]u32 if k < order)
const nativeMagic = "LNGRAM01"

// WriteTo writes the model in the native binary format. ARPA models have
// no counts; write them with WriteARPA.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	if m.cfg.Smoothing == Backoff {
		return 0, errors.New("ngram: an ARPA model has no counts; use WriteARPA")
	}
	cw := &countWriter{w: bufio.NewWriterSize(w, 1<<16)}
	le := binary.LittleEndian
	put := func(v any) { binary.Write(cw, le, v) }
	cw.Write([]byte(nativeMagic))
	c := m.cfg
	put(uint32(c.Order))
	put(uint32(c.Smoothing))
	put([]float64{c.K, c.Discount, c.Alpha})
	put(uint32(c.MinCount))
	put(boolByte(c.NLTK))
	put(boolByte(c.Discounts != nil))
	for _, d := range c.Discounts {
		put(d[:])
	}
	put(uint32(m.vocab.Len()))
	for _, s := range m.vocab.words {
		put(uint32(len(s)))
		cw.Write([]byte(s))
	}
	for k := 1; k <= c.Order; k++ {
		l := &m.t.levels[k]
		if k > 1 {
			put(uint32(len(l.word)))
			put(l.word)
			put(l.suffix)
		}
		put(l.count)
		put(l.adj)
		if k < c.Order {
			put(l.child)
		}
	}
	if cw.err == nil {
		cw.err = cw.w.(*bufio.Writer).Flush()
	}
	if cw.err != nil {
		return cw.n, fmt.Errorf("ngram: writing model: %w", cw.err)
	}
	return cw.n, nil
}

func boolByte(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.err = err
	return n, err
}

// nativeReader reads the native format, checking everything.
type nativeReader struct {
	r   *bufio.Reader
	err error
}

func (nr *nativeReader) fail(format string, a ...any) {
	if nr.err == nil {
		nr.err = &ParseError{Msg: fmt.Sprintf(format, a...)}
	}
}

func (nr *nativeReader) bytes(n int) []byte {
	if nr.err != nil {
		return nil
	}
	b := make([]byte, 0, min(n, 1<<16))
	for len(b) < n && nr.err == nil {
		chunk := make([]byte, min(n-len(b), 1<<16))
		if _, err := io.ReadFull(nr.r, chunk); err != nil {
			nr.fail("truncated model file")
			return nil
		}
		b = append(b, chunk...)
	}
	return b
}

func (nr *nativeReader) u32() uint32 {
	b := nr.bytes(4)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}

func (nr *nativeReader) f64() float64 {
	b := nr.bytes(8)
	if b == nil {
		return 0
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(b))
}

// u32s reads n values; the slice grows as data arrives, so a corrupt length
// fails at the end of the file instead of allocating it up front.
func (nr *nativeReader) u32s(n int) []uint32 {
	out := make([]uint32, 0, min(n, 1<<14))
	for len(out) < n && nr.err == nil {
		b := nr.bytes(4 * min(n-len(out), 1<<14))
		for i := 0; i+4 <= len(b); i += 4 {
			out = append(out, binary.LittleEndian.Uint32(b[i:]))
		}
	}
	if nr.err != nil {
		return nil
	}
	return out
}

// Load reads a model written by WriteTo. It checks the file's structure
// (sizes, sorted runs, ids in range) and returns a ParseError if it is
// damaged; it does not re-verify that the counts are mutually consistent.
func Load(r io.Reader) (*Model, error) {
	nr := &nativeReader{r: bufio.NewReaderSize(r, 1<<16)}
	if string(nr.bytes(len(nativeMagic))) != nativeMagic {
		return nil, &ParseError{Msg: "not a native n-gram model (bad magic)"}
	}
	c, err := nr.config()
	if err != nil {
		return nil, err
	}
	v, err := nr.vocab()
	if err != nil {
		return nil, err
	}
	t, err := nr.trie(c, v.Len())
	if err != nil {
		return nil, err
	}
	if _, err := nr.r.ReadByte(); err != io.EOF {
		return nil, &ParseError{Msg: "trailing data after the model"}
	}
	m := &Model{cfg: c, vocab: v, t: t}
	if err := checkChildren(t); err != nil {
		return nil, err
	}
	t.computeStats()
	t.buildIndex()
	m.setDiscounts()
	return m, nil
}

// config reads and checks the model's configuration.
func (nr *nativeReader) config() (Config, error) {
	var c Config
	c.Order = int(nr.u32())
	c.Smoothing = Smoothing(nr.u32())
	c.K, c.Discount, c.Alpha = nr.f64(), nr.f64(), nr.f64()
	c.MinCount = int(nr.u32())
	if b := nr.bytes(1); b != nil {
		c.NLTK = b[0] == 1
	}
	if nr.err != nil {
		return c, nr.err
	}
	if c.Order < 1 || c.Order > 255 {
		return c, &ParseError{Msg: fmt.Sprintf("bad order %d", c.Order)}
	}
	if b := nr.bytes(1); b != nil && b[0] == 1 {
		c.Discounts = make([][3]float64, c.Order)
		for k := range c.Discounts {
			for i := range 3 {
				c.Discounts[k][i] = nr.f64()
			}
		}
	}
	if nr.err != nil {
		return c, nr.err
	}
	if c.Smoothing == Backoff {
		return c, &ParseError{Msg: "bad configuration: smoothing"}
	}
	if _, err := c.withDefaults(); err != nil {
		return c, &ParseError{Msg: "bad configuration: " + err.Error()}
	}
	return c, nil
}

// vocab reads the vocabulary, which starts with <unk>, <s> and </s>.
func (nr *nativeReader) vocab() (*Vocab, error) {
	V := int(nr.u32())
	if V < 3 || V > math.MaxUint32/2 {
		return nil, &ParseError{Msg: fmt.Sprintf("bad vocabulary size %d", V)}
	}
	v := &Vocab{ids: make(map[string]uint32)}
	for i := 0; i < V && nr.err == nil; i++ {
		n := nr.u32()
		if n > 1<<20 {
			nr.fail("word %d is %d bytes long", i, n)
			break
		}
		w := string(nr.bytes(int(n)))
		if _, dup := v.ids[w]; dup && nr.err == nil {
			nr.fail("duplicate vocabulary word %q", w)
		}
		v.add(w)
	}
	if nr.err != nil {
		return nil, nr.err
	}
	if v.words[0] != Unk || v.words[1] != BOS || v.words[2] != EOS {
		return nil, &ParseError{Msg: "vocabulary does not start with <unk>, <s>, </s>"}
	}
	return v, nil
}

// trie reads the levels of the count trie, checking each against the
// levels below it.
func (nr *nativeReader) trie(c Config, V int) (*trie, error) {
	t := &trie{order: c.Order, nltk: c.NLTK, levels: make([]level, c.Order+1)}
	t.levels[0] = level{word: []uint32{0}, count: []uint32{0}, adj: []uint32{0}, child: []uint32{0, uint32(V)}}
	for k := 1; k <= c.Order; k++ {
		l := &t.levels[k]
		size := V
		if k > 1 {
			size = int(nr.u32())
			l.word = nr.u32s(size)
			l.suffix = nr.u32s(size)
		} else {
			l.word = make([]uint32, V)
			for i := range l.word {
				l.word[i] = uint32(i)
			}
		}
		l.count = nr.u32s(size)
		l.adj = nr.u32s(size)
		if nr.err != nil {
			return nil, nr.err
		}
		if k > 1 {
			if err := checkLevel(t, k, V); err != nil {
				return nil, err
			}
		}
		if k < c.Order {
			l.child = nr.u32s(size + 1)
		}
		if nr.err != nil {
			return nil, nr.err
		}
	}
	return t, nil
}

// checkLevel checks that level k's ids are in range.
func checkLevel(t *trie, k, V int) error {
	l, below := &t.levels[k], len(t.levels[k-1].word)
	for i := range l.word {
		if int(l.word[i]) >= V || int(l.suffix[i]) >= below || l.count[i] == 0 {
			return &ParseError{Msg: fmt.Sprintf("level %d entry %d out of range", k, i)}
		}
	}
	return nil
}

// checkChildren checks every child array: it starts at 0, never
// decreases, ends at the next level's size, and each run of words is
// strictly increasing (so binary search is valid).
func checkChildren(t *trie) error {
	for k := 1; k < t.order; k++ {
		child, next := t.levels[k].child, &t.levels[k+1]
		if len(child) != len(t.levels[k].word)+1 || child[0] != 0 || int(child[len(child)-1]) != len(next.word) {
			return &ParseError{Msg: fmt.Sprintf("level %d: bad child index", k)}
		}
		for p := 0; p+1 < len(child); p++ {
			if child[p] > child[p+1] {
				return &ParseError{Msg: fmt.Sprintf("level %d: child index decreases at %d", k, p)}
			}
		}
		for p := 0; p+1 < len(child); p++ {
			for x := child[p] + 1; x < child[p+1]; x++ {
				if next.word[x-1] >= next.word[x] {
					return &ParseError{Msg: fmt.Sprintf("level %d: followers of %d not sorted", k, p)}
				}
			}
		}
	}
	return nil
}
