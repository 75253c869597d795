package ngram

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// The ARPA back-off format (Paul & Baker 1992), read and written by SRILM
// and KenLM, stores for every listed n-gram g = h w
//
//	log10 P(w | h)          and, below the top order,   log10 β(g)
//
// and a query backs off from the longest listed n-gram:
//
//	P(w | h) = P(h w)                 if h w is listed
//	         = β(h) · P(w | h′)       otherwise (β = 1 when h is not listed).
//
// An interpolated model fits this form exactly: P of a seen n-gram is the
// full interpolated probability and β(h) = γ(h), because α(h, w) = 0 for
// unseen (h, w). MLE, add-k and Stupid Backoff do not fit and cannot be
// written.

// log10Zero stands for log10 0 in ARPA files, as in SRILM and KenLM.
const log10Zero = -99

// WriteARPA writes the model in ARPA format with probabilities in full
// float64 precision, laid out as SRILM and KenLM write it: the log10
// probability, a tab, the n-gram's words separated by spaces and, where
// there is one, a tab and the log10 backoff weight. Every vocabulary word is listed as a unigram (<s> with
// log10 P = −99). It fails for MLE, Laplace, Lidstone and Stupid Backoff.
func (m *Model) WriteARPA(w io.Writer) error {
	switch m.cfg.Smoothing {
	case MLE, Laplace, Lidstone, StupidBackoff:
		return fmt.Errorf("ngram: the ARPA format cannot represent %v exactly", m.cfg.Smoothing)
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	n := m.cfg.Order
	fmt.Fprintf(bw, "\\data\\\n")
	fmt.Fprintf(bw, "ngram 1=%d\n", m.vocab.Len()) // every vocabulary entry
	for k := 2; k <= n; k++ {
		fmt.Fprintf(bw, "ngram %d=%d\n", k, m.NumNGrams(k))
	}
	var line []byte
	for k := 1; k <= n; k++ {
		fmt.Fprintf(bw, "\n\\%d-grams:\n", k)
		parent := m.t.parents(k)
		ids := make([]uint32, k)
		l := &m.t.levels[k]
		for x := range l.word {
			node := uint32(x)
			for j := k - 1; j >= 0; j-- {
				ids[j] = m.t.levels[j+1].word[node]
				if j > 0 {
					node = parent[j+1][node]
				}
			}
			lp, bo, hasBO := m.arpaEntry(k, uint32(x), ids)
			line = appendLog(line[:0], lp)
			for j, id := range ids { // a tab before the n-gram, spaces inside it
				if j == 0 {
					line = append(line, '\t')
				} else {
					line = append(line, ' ')
				}
				line = append(line, m.vocab.Word(id)...)
			}
			if k < n && hasBO {
				line = append(line, '\t')
				line = appendLog(line, bo)
			}
			line = append(line, '\n')
			if _, err := bw.Write(line); err != nil {
				return fmt.Errorf("ngram: writing ARPA: %w", err)
			}
		}
	}
	fmt.Fprintf(bw, "\n\\end\\\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("ngram: writing ARPA: %w", err)
	}
	return nil
}

func appendLog(b []byte, v float64) []byte {
	if math.IsInf(v, -1) || v < log10Zero {
		v = log10Zero
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// arpaEntry returns log10 P(w | h) and log10 β(h w) for node x at level k
// whose words are ids.
func (m *Model) arpaEntry(k int, x uint32, ids []uint32) (lp, bo float64, hasBO bool) {
	if m.cfg.Smoothing == Backoff {
		return m.logp[k][x], m.bow[k][x], k < m.cfg.Order
	}
	if m.cp != nil {
		lp = math.Log10(m.cp[k][x]) // the compiled P(w | h), identical to probIDs
	} else {
		lp = math.Log10(m.probIDs(ids[k-1], ids[:k-1], nil))
	}
	if k < m.cfg.Order {
		st := m.t.levels[k].ctx[x]
		gamma := 1.0
		if st.sum > 0 {
			_, gamma = m.alphaGamma(k, st, 0, 0)
		}
		return lp, math.Log10(gamma), true
	}
	return lp, 0, false
}

// parents returns, for each level j ≤ k, the parent (level j−1) of every
// node.
func (t *trie) parents(k int) [][]uint32 {
	out := make([][]uint32, k+1)
	for j := 2; j <= k; j++ {
		child := t.levels[j-1].child
		p := make([]uint32, len(t.levels[j].word))
		for q := 0; q+1 < len(child); q++ {
			for x := child[q]; x < child[q+1]; x++ {
				p[x] = uint32(q)
			}
		}
		out[j] = p
	}
	return out
}

// log10Backoff is the ARPA query: P from the longest listed n-gram times
// the backoff weights of the longer listed contexts.
func (m *Model) log10Backoff(w uint32, ctx []uint32, tr *[]step) float64 {
	var cbuf [16]uint32
	cn := m.contexts(ctx, cbuf[:0])
	J := len(cn) - 1
	for j := J; j >= 0; j-- {
		x, ok := m.t.find(j, cn[j], w)
		if !ok {
			continue
		}
		lp := m.logp[j+1][x]
		if tr != nil {
			*tr = append(*tr, step{j: j, ctxNode: cn[j], found: lp > log10Zero, word: w, alpha: math.Pow(10, lp), p: math.Pow(10, lp)})
		}
		for i := j + 1; i <= J; i++ {
			lp += m.bow[i][cn[i]]
			if tr != nil {
				*tr = append(*tr, step{j: i, ctxNode: cn[i], word: w, gamma: math.Pow(10, m.bow[i][cn[i]]), p: math.Pow(10, lp)})
			}
		}
		if lp <= log10Zero {
			return math.Inf(-1)
		}
		return lp
	}
	return math.Inf(-1)
}

// A ParseError reports a malformed ARPA file or native model.
type ParseError struct {
	Line int // 1-based line number; 0 when not line-based
	Msg  string
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("ngram: line %d: %s", e.Line, e.Msg)
	}
	return "ngram: " + e.Msg
}

// arpaEntryTmp is one parsed n-gram line before sorting.
type arpaEntryTmp struct {
	parent, word uint32
	suffix       uint32
	logp, bow    float64
	line         int
}

// ReadARPA reads an ARPA back-off model (SRILM, KenLM, or WriteARPA). The
// result answers every query (Prob, NextWords, Perplexity, Generate,
// WriteARPA) but has no counts. Errors name the offending line: a malformed
// line, an unknown word, an n-gram whose prefix or suffix is not listed,
// a duplicate, or a section whose length differs from its \data\ count.
func ReadARPA(r io.Reader) (*Model, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	lineNo := 0
	next := func() (string, bool) {
		for sc.Scan() {
			lineNo++
			s := strings.TrimSpace(sc.Text())
			if s != "" {
				return s, true
			}
		}
		return "", false
	}
	perr := func(format string, a ...any) error {
		return &ParseError{Line: lineNo, Msg: fmt.Sprintf(format, a...)}
	}
	// Header: skip anything before \data\.
	var s string
	var ok bool
	for {
		if s, ok = next(); !ok {
			if err := sc.Err(); err != nil {
				return nil, fmt.Errorf("ngram: reading ARPA: %w", err)
			}
			return nil, perr("no \\data\\ section")
		}
		if s == `\data\` {
			break
		}
	}
	var counts []int
	for {
		if s, ok = next(); !ok {
			return nil, perr("unexpected end of file in \\data\\")
		}
		if !strings.HasPrefix(s, "ngram ") {
			break
		}
		k, c, found := strings.Cut(strings.TrimSpace(s[len("ngram "):]), "=")
		kn, err1 := strconv.Atoi(strings.TrimSpace(k))
		cn, err2 := strconv.Atoi(strings.TrimSpace(c))
		if !found || err1 != nil || err2 != nil || cn < 0 || cn > math.MaxUint32-4 {
			return nil, perr("malformed count line %q", s)
		}
		if kn != len(counts)+1 {
			return nil, perr("expected ngram %d=…, got %q", len(counts)+1, s)
		}
		if kn > 255 {
			return nil, perr("order %d too large", kn)
		}
		counts = append(counts, cn)
	}
	if len(counts) == 0 {
		return nil, perr("\\data\\ lists no n-gram counts")
	}
	n := len(counts)
	m := &Model{cfg: Config{Order: n, Smoothing: Backoff, MinCount: 1, K: 0.5, Alpha: 0.4}, vocab: newVocab()}
	m.t = &trie{order: n, levels: make([]level, n+1)}
	m.logp = make([][]float64, n+1)
	m.bow = make([][]float64, n+1)
	m.logp[0], m.bow[0] = []float64{0}, []float64{0}
	for k := 1; k <= n; k++ {
		if s != fmt.Sprintf(`\%d-grams:`, k) {
			return nil, perr("expected \\%d-grams:, got %q", k, truncateStr(s))
		}
		header := lineNo
		var ents []arpaEntryTmp
		for {
			if s, ok = next(); !ok {
				if err := sc.Err(); err != nil {
					return nil, fmt.Errorf("ngram: reading ARPA: %w", err)
				}
				return nil, perr("unexpected end of file in \\%d-grams:", k)
			}
			if strings.HasPrefix(s, `\`) {
				break
			}
			if len(ents) >= counts[k-1] {
				return nil, perr("more %d-grams than the %d announced in \\data\\ (section starts at line %d)", k, counts[k-1], header)
			}
			e, err := m.parseARPALine(s, k, n)
			if err != nil {
				return nil, perr("%v", err)
			}
			e.line = lineNo
			ents = append(ents, e)
		}
		if len(ents) != counts[k-1] {
			return nil, perr("\\%d-grams: section (line %d) has %d entries, \\data\\ announced %d", k, header, len(ents), counts[k-1])
		}
		if err := m.buildARPALevel(k, ents); err != nil {
			return nil, err
		}
	}
	if s != `\end\` {
		return nil, perr("expected \\end\\, got %q", truncateStr(s))
	}
	return m, nil
}

func truncateStr(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// parseARPALine parses "logp w1 … wk [bow]" of order k. Unigrams add
// their word to the vocabulary; higher orders look up their prefix and
// suffix in the finished lower levels.
func (m *Model) parseARPALine(s string, k, n int) (arpaEntryTmp, error) {
	var e arpaEntryTmp
	f := strings.Fields(s)
	if len(f) != k+1 && !(k < n && len(f) == k+2) {
		return e, fmt.Errorf("%d-gram line needs %d or %d fields, got %d", k, k+1, k+2, len(f))
	}
	var err error
	if e.logp, err = parseLog(f[0]); err != nil {
		return e, err
	}
	if len(f) == k+2 {
		if e.bow, err = parseLog(f[k+1]); err != nil {
			return e, err
		}
	}
	words := f[1 : k+1]
	if k == 1 {
		if _, dup := m.vocab.ids[words[0]]; dup && m.vocab.ids[words[0]] > eosID {
			return e, fmt.Errorf("duplicate unigram %q", words[0])
		}
		e.word = m.vocab.add(words[0])
		return e, nil
	}
	ids := make([]uint32, k)
	for i, w := range words {
		id, ok := m.vocab.ids[w]
		if !ok {
			return e, fmt.Errorf("word %q is not a listed unigram", w)
		}
		ids[i] = id
	}
	var ok bool
	if e.parent, ok = m.t.lookup(ids[:k-1]); !ok {
		return e, fmt.Errorf("prefix %q of this %d-gram is not listed", strings.Join(words[:k-1], " "), k)
	}
	if e.suffix, ok = m.t.lookup(ids[1:]); !ok {
		return e, fmt.Errorf("suffix %q of this %d-gram is not listed", strings.Join(words[1:], " "), k)
	}
	e.word = ids[k-1]
	return e, nil
}

func parseLog(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 1) {
		return 0, fmt.Errorf("bad log10 value %q", s)
	}
	if v < log10Zero {
		v = log10Zero
	}
	return v, nil
}

// buildARPALevel installs the parsed entries as level k.
func (m *Model) buildARPALevel(k int, ents []arpaEntryTmp) error {
	t := m.t
	if k == 1 {
		V := m.vocab.Len()
		l := level{word: make([]uint32, V)}
		lp, bo := make([]float64, V), make([]float64, V)
		for i := range lp {
			l.word[i] = uint32(i)
			lp[i] = log10Zero // specials not listed in the file
		}
		seen := make([]bool, V)
		for _, e := range ents {
			if seen[e.word] {
				return &ParseError{Line: e.line, Msg: fmt.Sprintf("duplicate unigram %q", m.vocab.Word(e.word))}
			}
			seen[e.word] = true
			lp[e.word], bo[e.word] = e.logp, e.bow
		}
		t.levels[0] = level{word: []uint32{0}, child: []uint32{0, uint32(V)}}
		t.levels[1] = l
		m.logp[1], m.bow[1] = lp, bo
		return nil
	}
	slices.SortFunc(ents, func(a, b arpaEntryTmp) int {
		if c := cmp.Compare(a.parent, b.parent); c != 0 {
			return c
		}
		return cmp.Compare(a.word, b.word)
	})
	l := level{word: make([]uint32, len(ents)), suffix: make([]uint32, len(ents))}
	lp, bo := make([]float64, len(ents)), make([]float64, len(ents))
	prev := &t.levels[k-1]
	prev.child = make([]uint32, len(prev.word)+1)
	for i, e := range ents {
		if i > 0 && e.parent == ents[i-1].parent && e.word == ents[i-1].word {
			return &ParseError{Line: max(e.line, ents[i-1].line), Msg: fmt.Sprintf("duplicate %d-gram (also on line %d)", k, min(e.line, ents[i-1].line))}
		}
		l.word[i], l.suffix[i], lp[i], bo[i] = e.word, e.suffix, e.logp, e.bow
		prev.child[e.parent+1]++
	}
	for i := 1; i < len(prev.child); i++ {
		prev.child[i] += prev.child[i-1]
	}
	t.levels[k] = l
	t.indexLevel(k) // the next level's lines look their prefixes up here
	m.logp[k], m.bow[k] = lp, bo
	return nil
}
