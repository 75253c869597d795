package text

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"html"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/lingo-nlp/lingo/plots"
)

// VocabConfig controls BuildVocab. The zero value keeps every word and has
// no unknown token. Validate says which values mean nothing.
type VocabConfig struct {
	// MinCount drops words seen fewer times (gensim's min_count); 0 means
	// 1, negative values are an error.
	MinCount int
	// MaxSize keeps at most this many ids, counting the unknown token and
	// specials; 0 means no limit. It must leave room for at least one
	// word besides them.
	MaxSize int
	// Unknown, if not empty, is a token with id 0 that stands for every
	// word not in the vocabulary; its count is the total of dropped words.
	Unknown string
	// Specials are extra tokens ("<pad>", "<bos>", "<eos>") given the next
	// ids, in order, with count 0. They must be non-empty, distinct and
	// differ from Unknown.
	Specials []string
}

// Validate returns an error naming the first meaningless field: a
// negative MinCount or MaxSize, a MaxSize with no room for a word after
// the unknown token and the specials, or an empty or repeated special.
func (c VocabConfig) Validate() error {
	if c.MinCount < 0 {
		return fmt.Errorf("text: VocabConfig.MinCount must be ≥ 0 (0: 1), got %d", c.MinCount)
	}
	reserved := len(c.Specials)
	if c.Unknown != "" {
		reserved++
	}
	if c.MaxSize < 0 || (c.MaxSize > 0 && c.MaxSize <= reserved) {
		return fmt.Errorf("text: VocabConfig.MaxSize must be 0 (no limit) or more than the %d ids of the unknown token and the specials, got %d", reserved, c.MaxSize)
	}
	seen := map[string]bool{c.Unknown: c.Unknown != ""}
	for i, s := range c.Specials {
		if s == "" || seen[s] {
			return fmt.Errorf("text: VocabConfig.Specials[%d] must be a token not given before, got %q", i, s)
		}
		seen[s] = true
	}
	return nil
}

// Vocab is a word ↔ id mapping with counts. Ids are dense, starting at 0:
// the unknown token, then the specials, then words by decreasing count,
// ties by byte order of the word, so the numbering is deterministic.
type Vocab struct {
	words  []string
	counts []int
	index  map[string]int
	unk    int // id of the unknown token, or -1
	total  int // tokens counted, including dropped ones
}

// Counter counts words before a Vocab is built, so counts can be gathered
// over a stream in several passes or cells.
type Counter map[string]int

// Add counts each word once.
func (c Counter) Add(words ...string) {
	for _, w := range words {
		c[w]++
	}
}

// BuildVocab counts the words yielded by words and builds a vocabulary,
// or returns an error if cfg is invalid (see VocabConfig.Validate).
func BuildVocab(words iter.Seq[string], cfg VocabConfig) (*Vocab, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c := Counter{}
	for w := range words {
		c[w]++
	}
	return c.Vocab(cfg)
}

// Vocab builds a vocabulary from the counts; see VocabConfig. It returns
// an error if cfg is invalid.
func (c Counter) Vocab(cfg VocabConfig) (*Vocab, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	minCount := max(cfg.MinCount, 1)
	v := &Vocab{index: map[string]int{}, unk: -1}
	if cfg.Unknown != "" {
		v.unk = v.add(cfg.Unknown, 0)
	}
	for _, s := range cfg.Specials {
		v.add(s, 0)
	}
	type wc struct {
		w string
		n int
	}
	kept := make([]wc, 0, len(c))
	for w, n := range c {
		v.total += n
		if _, special := v.index[w]; n >= minCount && !special {
			kept = append(kept, wc{w, n})
		}
	}
	slices.SortFunc(kept, func(a, b wc) int {
		return cmp.Or(cmp.Compare(b.n, a.n), strings.Compare(a.w, b.w))
	})
	if cfg.MaxSize > 0 {
		kept = kept[:min(len(kept), cfg.MaxSize-len(v.words))]
	}
	dropped := v.total
	for _, e := range kept {
		v.add(e.w, e.n)
		dropped -= e.n
	}
	if v.unk >= 0 {
		v.counts[v.unk] = dropped
	}
	return v, nil
}

func (v *Vocab) add(w string, n int) int {
	id := len(v.words)
	v.words = append(v.words, w)
	v.counts = append(v.counts, n)
	v.index[w] = id
	return id
}

// Len returns the number of ids.
func (v *Vocab) Len() int { return len(v.words) }

// ID returns the id of w; for a word not in the vocabulary it returns the
// unknown token's id, or -1 if there is none.
func (v *Vocab) ID(w string) int {
	if id, ok := v.index[w]; ok {
		return id
	}
	return v.unk
}

// Has reports whether w has an id of its own.
func (v *Vocab) Has(w string) bool { _, ok := v.index[w]; return ok }

// Word returns the word with the given id. It panics if id is out of range.
func (v *Vocab) Word(id int) string { return v.words[id] }

// Count returns how many times the word with the given id was counted (for
// the unknown token: all dropped words). It panics if id is out of range.
func (v *Vocab) Count(id int) int { return v.counts[id] }

// Total returns the number of tokens counted, including dropped words.
func (v *Vocab) Total() int { return v.total }

// Unknown returns the id of the unknown token, or -1.
func (v *Vocab) Unknown() int { return v.unk }

// Words returns the words in id order (a copy).
func (v *Vocab) Words() []string { return slices.Clone(v.words) }

// Encode maps words to ids (unknown words to Unknown(), possibly -1).
func (v *Vocab) Encode(words []string) []int {
	ids := make([]int, len(words))
	for i, w := range words {
		ids[i] = v.ID(w)
	}
	return ids
}

// Decode maps ids back to words. It returns an error for an id out of range.
func (v *Vocab) Decode(ids []int) ([]string, error) {
	out := make([]string, len(ids))
	for i, id := range ids {
		if id < 0 || id >= len(v.words) {
			return nil, fmt.Errorf("text: vocabulary id %d at position %d out of range [0, %d)", id, i, len(v.words))
		}
		out[i] = v.words[id]
	}
	return out, nil
}

// WriteTo saves the vocabulary as text: a header line
// "lingo-vocab 1 <total> <unknown id>", then one "word\tcount" line per id
// in id order. Words containing a tab or newline are quoted with
// strconv.Quote (and so is any word starting with a double quote).
func (v *Vocab) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriter(w)
	n, _ := fmt.Fprintf(bw, "lingo-vocab 1 %d %d\n", v.total, v.unk)
	total := int64(n)
	for id, word := range v.words {
		if strings.ContainsAny(word, "\t\n\r") || strings.HasPrefix(word, `"`) || word == "" {
			word = strconv.Quote(word)
		}
		n, _ = fmt.Fprintf(bw, "%s\t%d\n", word, v.counts[id])
		total += int64(n)
	}
	return total, bw.Flush()
}

// ReadVocab loads a vocabulary saved by WriteTo, checking every line.
func ReadVocab(r io.Reader) (*Vocab, error) {
	br := bufio.NewReader(r)
	header, err := br.ReadString('\n')
	if err != nil && header == "" {
		return nil, errors.New("text: vocabulary: empty input")
	}
	var total, unk int
	if _, err := fmt.Sscanf(header, "lingo-vocab 1 %d %d\n", &total, &unk); err != nil {
		return nil, fmt.Errorf("text: vocabulary: bad header %q", strings.TrimSpace(header))
	}
	if total < 0 {
		return nil, fmt.Errorf("text: vocabulary: header counts %d tokens, want ≥ 0", total)
	}
	v := &Vocab{index: map[string]int{}, unk: -1, total: total}
	for line := 2; ; line++ {
		l, err := br.ReadString('\n')
		if l == "" && err == io.EOF {
			break
		}
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("text: vocabulary: %w", err)
		}
		l = strings.TrimSuffix(l, "\n")
		i := strings.LastIndexByte(l, '\t')
		if i < 0 {
			return nil, fmt.Errorf("text: vocabulary line %d: no tab in %q", line, l)
		}
		word, cs := l[:i], l[i+1:]
		if strings.HasPrefix(word, `"`) {
			if word, err = strconv.Unquote(word); err != nil {
				return nil, fmt.Errorf("text: vocabulary line %d: bad quoted word %q", line, l[:i])
			}
		}
		n, err := strconv.Atoi(cs)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("text: vocabulary line %d: bad count %q", line, cs)
		}
		if _, dup := v.index[word]; dup {
			return nil, fmt.Errorf("text: vocabulary line %d: duplicate word %q", line, word)
		}
		v.add(word, n)
	}
	if unk < -1 || unk >= len(v.words) {
		return nil, fmt.Errorf("text: vocabulary: unknown id %d out of range for %d words", unk, len(v.words))
	}
	v.unk = unk
	return v, nil
}

var _ plots.Renderer = (*Vocab)(nil)

// Render shows the size and the most frequent entries as a table.
func (v *Vocab) Render() plots.Bundle {
	const top = 15
	var t, h strings.Builder
	fmt.Fprintf(&t, "Vocab: %d ids, %d tokens counted\n", v.Len(), v.total)
	fmt.Fprintf(&h, "<div><b>Vocab</b>: %d ids, %d tokens counted<table><tr><th>id</th><th>word</th><th>count</th></tr>", v.Len(), v.total)
	for id := range min(top, v.Len()) {
		fmt.Fprintf(&t, "%6d  %-20s %d\n", id, v.words[id], v.counts[id])
		fmt.Fprintf(&h, "<tr><td>%d</td><td>%s</td><td>%d</td></tr>", id, html.EscapeString(v.words[id]), v.counts[id])
	}
	if v.Len() > top {
		fmt.Fprintf(&t, "   … %d more\n", v.Len()-top)
		fmt.Fprintf(&h, "<tr><td colspan=3>… %d more</td></tr>", v.Len()-top)
	}
	h.WriteString("</table></div>")
	return plots.Bundle{plots.MIMEText: t.String(), plots.MIMEHTML: h.String()}
}
