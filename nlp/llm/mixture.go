package llm

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/corpus"
	"github.com/lingo-nlp/lingo/nlp/text"
	"github.com/lingo-nlp/lingo/plots"
)

// A Source is one named part of a pretraining mixture.
type Source struct {
	Name string
	// Weight is the relative sampling weight; NewMixture normalises the
	// weights to sum to 1.
	Weight float64
	// Tokens is the size of the source in tokens. When 0, NewMixture counts
	// the tokens of Docs.
	Tokens int64
	// Docs are the documents. A mixture used only for its epochs table
	// (like GPT3Mixture) has none.
	Docs []string
}

// A Mixture is a set of sources with normalised weights.
type Mixture struct {
	Sources []Source
	enc     text.Encoder
	docLens [][]int // tokens per document, per source
}

// NewMixture checks and normalises the weights and counts each source's
// tokens with enc (nil counts whitespace-separated words). Weights must be
// finite and ≥ 0 with a positive sum; names must be distinct.
func NewMixture(enc text.Encoder, sources ...Source) (*Mixture, error) {
	if len(sources) == 0 {
		return nil, errors.New("llm: a mixture needs at least one source")
	}
	var sum float64
	seen := map[string]bool{}
	for _, s := range sources {
		if math.IsNaN(s.Weight) || math.IsInf(s.Weight, 0) || s.Weight < 0 {
			return nil, fmt.Errorf("llm: source %q: weight must be finite and ≥ 0, got %g", s.Name, s.Weight)
		}
		if s.Tokens < 0 {
			return nil, fmt.Errorf("llm: source %q: negative token count %d", s.Name, s.Tokens)
		}
		if seen[s.Name] {
			return nil, fmt.Errorf("llm: source %q appears twice", s.Name)
		}
		seen[s.Name] = true
		sum += s.Weight
	}
	if sum <= 0 {
		return nil, errors.New("llm: the weights of a mixture must not all be 0")
	}
	m := &Mixture{Sources: make([]Source, len(sources)), enc: enc, docLens: make([][]int, len(sources))}
	for i, s := range sources {
		s.Weight /= sum
		lens := make([]int, len(s.Docs))
		var n int64
		for j, d := range s.Docs {
			lens[j] = countTokens(enc, d)
			n += int64(lens[j])
		}
		if s.Tokens == 0 {
			s.Tokens = n
		}
		m.Sources[i], m.docLens[i] = s, lens
	}
	return m, nil
}

func countTokens(enc text.Encoder, s string) int {
	if enc == nil {
		return len(strings.Fields(s))
	}
	return len(enc.Encode(s))
}

// Epochs returns the expected epochs table for training on n tokens: source
// s contributes w_s·n tokens, which is w_s·n/tokens_s passes over it.
func (m *Mixture) Epochs(n int64) *EpochReport {
	r := &EpochReport{TrainTokens: n}
	for _, s := range m.Sources {
		drawn := s.Weight * float64(n)
		r.Rows = append(r.Rows, EpochRow{Name: s.Name, Weight: s.Weight, Tokens: s.Tokens,
			Drawn: int64(math.Round(drawn)), Epochs: epochs(drawn, s.Tokens)})
	}
	return r
}

func epochs(drawn float64, tokens int64) float64 {
	if tokens == 0 {
		return math.Inf(1)
	}
	return drawn / float64(tokens)
}

// GPT3Mixture is the GPT-3 training mixture (Brown et al. 2020, Table 2.2),
// tokens only, without documents: Common Crawl (filtered) 410B tokens at
// weight 60%, WebText2 19B at 22%, Books1 12B at 8%, Books2 55B at 8%,
// Wikipedia 3B at 3%. The paper's weights sum to 101% (rounding); NewMixture
// renormalises. GPT3Mixture().Epochs(300e9) gives 0.43, 3.4, 2.0, 0.43 and
// 3.0 epochs where the paper prints 0.44, 2.9, 1.9, 0.43 and 3.4: the
// paper's columns are rounded (3B tokens for Wikipedia), and its WebText2
// and Wikipedia epochs do not follow from the rounded weights and sizes.
func GPT3Mixture() *Mixture {
	m, err := NewMixture(nil,
		Source{Name: "Common Crawl (filtered)", Weight: 60, Tokens: 410e9},
		Source{Name: "WebText2", Weight: 22, Tokens: 19e9},
		Source{Name: "Books1", Weight: 8, Tokens: 12e9},
		Source{Name: "Books2", Weight: 8, Tokens: 55e9},
		Source{Name: "Wikipedia", Weight: 3, Tokens: 3e9},
	)
	if err != nil {
		panic(err) // constant data
	}
	return m
}

// CorpusSource reads an installed corpus (package corpus) into a Source,
// one document per Sentence.Doc (a speech, a chapter, a file), keeping at
// most maxDocs documents (0 means all). The error wraps
// corpus.ErrNotInstalled when the corpus is missing.
func CorpusSource(name string, weight float64, maxDocs int) (Source, error) {
	c, err := corpus.Get(name)
	if err != nil {
		return Source{}, fmt.Errorf("llm: %w", err)
	}
	src := Source{Name: name, Weight: weight}
	var b strings.Builder
	doc := ""
	flush := func() {
		if b.Len() > 0 {
			src.Docs = append(src.Docs, b.String())
			b.Reset()
		}
	}
	for s, err := range c.All() {
		if err != nil {
			return Source{}, fmt.Errorf("llm: %w", err)
		}
		if s.Doc != doc || b.Len() > 1<<16 {
			flush()
			doc = s.Doc
			if maxDocs > 0 && len(src.Docs) >= maxDocs {
				break
			}
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s.Text)
	}
	if maxDocs == 0 || len(src.Docs) < maxDocs {
		flush()
	}
	return src, nil
}

// A Draw is one document drawn by a Sampler.
type Draw struct {
	Source int    // index into Mixture.Sources
	Doc    int    // index into that source's Docs
	Text   string // the document
	Tokens int    // its length in tokens
}

// A Sampler draws documents from a mixture: first a source s with
// probability w_s, then that source's next document in a shuffled order
// that is reshuffled after each pass (sampling without replacement within a
// pass, as a data loader streaming through a corpus does).
type Sampler struct {
	m     *Mixture
	rng   *rand.Rand
	cum   []float64 // cumulative weights
	order [][]int
	pos   []int
	drawn []int64 // tokens drawn per source
	total int64
}

// Sampler returns a sampler seeded with seed. Every source with a positive
// weight must have documents.
func (m *Mixture) Sampler(seed uint64) (*Sampler, error) {
	s := &Sampler{m: m, rng: rand.New(rand.NewPCG(seed, 0x11a)), order: make([][]int, len(m.Sources)),
		pos: make([]int, len(m.Sources)), drawn: make([]int64, len(m.Sources))}
	var c float64
	for i, src := range m.Sources {
		if src.Weight > 0 && len(src.Docs) == 0 {
			return nil, fmt.Errorf("llm: source %q has weight %.3g but no documents to sample", src.Name, src.Weight)
		}
		c += src.Weight
		s.cum = append(s.cum, c)
		s.order[i] = s.rng.Perm(len(src.Docs))
	}
	return s, nil
}

// Next draws one document.
func (s *Sampler) Next() Draw {
	u := s.rng.Float64() * s.cum[len(s.cum)-1]
	i := 0
	for i < len(s.cum)-1 && (u >= s.cum[i] || s.m.Sources[i].Weight == 0) {
		i++
	}
	if s.pos[i] == len(s.order[i]) {
		s.order[i], s.pos[i] = s.rng.Perm(len(s.order[i])), 0
	}
	j := s.order[i][s.pos[i]]
	s.pos[i]++
	n := s.m.docLens[i][j]
	s.drawn[i] += int64(n)
	s.total += int64(n)
	return Draw{Source: i, Doc: j, Text: s.m.Sources[i].Docs[j], Tokens: n}
}

// Take draws documents until at least n tokens have been drawn by this
// call, and returns them.
func (s *Sampler) Take(n int64) []Draw {
	var out []Draw
	var got int64
	for got < n {
		d := s.Next()
		if d.Tokens == 0 && s.m.Sources[d.Source].Tokens == 0 {
			break // only empty documents: avoid looping forever
		}
		out = append(out, d)
		got += int64(d.Tokens)
	}
	return out
}

// Report is the observed epochs table: tokens drawn so far per source and
// how many passes over the source that is.
func (s *Sampler) Report() *EpochReport {
	r := &EpochReport{TrainTokens: s.total, Observed: true}
	for i, src := range s.m.Sources {
		r.Rows = append(r.Rows, EpochRow{Name: src.Name, Weight: src.Weight, Tokens: src.Tokens,
			Drawn: s.drawn[i], Epochs: epochs(float64(s.drawn[i]), src.Tokens)})
	}
	return r
}

// An EpochRow is one source of an EpochReport.
type EpochRow struct {
	Name   string
	Weight float64 // sampling weight (sums to 1 over the rows)
	Tokens int64   // tokens in the source
	Drawn  int64   // tokens taken from it during training
	Epochs float64 // Drawn / Tokens
}

// An EpochReport is the GPT-3 table: for each source its weight, size and
// the epochs elapsed when training on TrainTokens tokens.
type EpochReport struct {
	TrainTokens int64
	Observed    bool // counted by a Sampler rather than expected from the weights
	Rows        []EpochRow
}

var _ plots.Renderer = (*EpochReport)(nil)

// Table is the report as a plots.Table.
func (r *EpochReport) Table() *plots.Table {
	kind := "expected"
	if r.Observed {
		kind = "observed"
	}
	t := plots.NewTable("source", "weight", "tokens", "tokens drawn", "epochs").
		Format("weight", "%.1f%%").Format("epochs", "%.2f").Bar("epochs")
	t.Caption = fmt.Sprintf("Epochs elapsed (%s) when training on %s tokens", kind, HumanCount(float64(r.TrainTokens)))
	for _, row := range r.Rows {
		t.Row(row.Name, 100*row.Weight, HumanCount(float64(row.Tokens)), HumanCount(float64(row.Drawn)), row.Epochs)
	}
	return t
}

// Render shows the report as a table.
func (r *EpochReport) Render() plots.Bundle { return r.Table().Render() }

// String is the text table.
func (r *EpochReport) String() string { return r.Table().String() }

// HumanCount writes a count with a B/M/K suffix: 3e9 → "3B", 1.4e12 → "1.4T".
func HumanCount(x float64) string {
	for _, u := range []struct {
		v float64
		s string
	}{{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}} {
		if math.Abs(x) >= u.v {
			return trimFloat(x/u.v) + u.s
		}
	}
	return trimFloat(x)
}

func trimFloat(x float64) string {
	s := fmt.Sprintf("%.1f", x)
	return strings.TrimSuffix(s, ".0")
}
