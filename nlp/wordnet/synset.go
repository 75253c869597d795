package wordnet

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Synset is a set of synonyms sharing one meaning, with its definition,
// examples and pointers to related synsets. Synsets are created by the
// WordNet that read them and compared by identity: one meaning is one
// *Synset.
type Synset struct {
	wn         *WordNet
	name       string // "dog.n.01"
	pos        POS
	offset     int64
	lexnum     int
	lemmas     []*Lemma
	definition string
	examples   []string
	ptrs       []rawPointer // synset (semantic) pointers
	frameIDs   []int

	minDepth, maxDepth int32                     // -1 until computed; accessed atomically
	parents            atomic.Pointer[[]*Synset] // cached hypernymsAll

	relMu sync.Mutex
	rels  map[string][]*Synset // resolved pointers by symbol, filled on use
}

// Name returns NLTK's name of the synset, lemma.pos.nn: the first lemma in
// lower case, the part of speech and the synset's 1-based position among
// that lemma's senses in the index ("dog.n.01", "good.s.06").
func (s *Synset) Name() string { return s.name }

// String returns "Synset('dog.n.01')", NLTK's repr.
func (s *Synset) String() string { return "Synset('" + s.name + "')" }

// POS returns the part of speech; adjective satellites report AdjSat.
func (s *Synset) POS() POS { return s.pos }

// Offset returns the byte offset of the synset's line in its data file,
// WordNet's synset identifier within a part of speech.
func (s *Synset) Offset() int64 { return s.offset }

// Lexname returns the lexicographer file the synset was written in, such
// as "noun.animal" (lexnames(5WN)).
func (s *Synset) Lexname() string {
	if s.lexnum < 0 || s.lexnum >= len(lexnames) {
		return ""
	}
	return lexnames[s.lexnum]
}

// Lemmas returns the synset's lemmas in database order.
func (s *Synset) Lemmas() []*Lemma { return s.lemmas }

// LemmaNames returns the names of the synset's lemmas ("hot_dog", …).
func (s *Synset) LemmaNames() []string {
	names := make([]string, len(s.lemmas))
	for i, l := range s.lemmas {
		names[i] = l.name
	}
	return names
}

// Definition returns the gloss without its examples.
func (s *Synset) Definition() string { return s.definition }

// Examples returns the example sentences quoted in the gloss.
func (s *Synset) Examples() []string { return s.examples }

// FrameIDs returns the numbers of the verb frames shared by all lemmas.
func (s *Synset) FrameIDs() []int { return s.frameIDs }

// Related returns the synsets that s points to with the given pointer
// symbol ("@" hypernym, "~" hyponym, "#m" member holonym, … as in
// wninput(5WN)), without duplicates and sorted by name as NLTK does.
func (s *Synset) Related(symbol string) ([]*Synset, error) {
	s.relMu.Lock()
	l, ok := s.rels[symbol]
	s.relMu.Unlock()
	if ok {
		return slices.Clone(l), nil
	}
	var out []*Synset
	var seen map[uint64]bool
	for _, p := range s.ptrs {
		if p.symbol != symbol {
			continue
		}
		key := uint64(p.pos)<<32 | uint64(p.offset)
		if seen[key] {
			continue
		}
		if seen == nil {
			seen = make(map[uint64]bool)
		}
		seen[key] = true
		t, err := s.wn.synsetAt(p.pos, int64(p.offset))
		if err != nil {
			return out, err
		}
		out = append(out, t)
	}
	sortByName(out)
	s.relMu.Lock()
	if s.rels == nil {
		s.rels = make(map[string][]*Synset)
	}
	s.rels[symbol] = out
	s.relMu.Unlock()
	return slices.Clone(out), nil
}

// related is Related for the convenience methods: an unreadable target is
// left out and recorded in WordNet.Err.
func (s *Synset) related(symbol string) []*Synset {
	if s.wn == nil { // the simulated root
		return nil
	}
	out, err := s.Related(symbol)
	if err != nil {
		s.wn.setErr(err)
	}
	return out
}

func sortByName(ss []*Synset) {
	slices.SortStableFunc(ss, func(a, b *Synset) int { return strings.Compare(a.name, b.name) })
}

// Relations between synsets, named as in NLTK. Each returns the related
// synsets sorted by name.

// Hypernyms returns the more general synsets (is-a): dog → canine, domestic animal.
func (s *Synset) Hypernyms() []*Synset { return s.related("@") }

// InstanceHypernyms returns the classes an instance belongs to: Paris → city.
func (s *Synset) InstanceHypernyms() []*Synset { return s.related("@i") }

// Hyponyms returns the more specific synsets.
func (s *Synset) Hyponyms() []*Synset { return s.related("~") }

// InstanceHyponyms returns the instances of a class: city → Paris, ….
func (s *Synset) InstanceHyponyms() []*Synset { return s.related("~i") }

// MemberHolonyms returns the groups s is a member of: tree → forest.
func (s *Synset) MemberHolonyms() []*Synset { return s.related("#m") }

// SubstanceHolonyms returns what s is a substance of.
func (s *Synset) SubstanceHolonyms() []*Synset { return s.related("#s") }

// PartHolonyms returns the wholes s is a part of.
func (s *Synset) PartHolonyms() []*Synset { return s.related("#p") }

// MemberMeronyms returns the members of s.
func (s *Synset) MemberMeronyms() []*Synset { return s.related("%m") }

// SubstanceMeronyms returns what s is made of: tree → heartwood, sapwood.
func (s *Synset) SubstanceMeronyms() []*Synset { return s.related("%s") }

// PartMeronyms returns the parts of s: tree → trunk, crown, ….
func (s *Synset) PartMeronyms() []*Synset { return s.related("%p") }

// TopicDomains returns the topics s belongs to.
func (s *Synset) TopicDomains() []*Synset { return s.related(";c") }

// InTopicDomains returns the members of topic s.
func (s *Synset) InTopicDomains() []*Synset { return s.related("-c") }

// RegionDomains returns the regions s belongs to.
func (s *Synset) RegionDomains() []*Synset { return s.related(";r") }

// InRegionDomains returns the members of region s.
func (s *Synset) InRegionDomains() []*Synset { return s.related("-r") }

// UsageDomains returns the usage domains of s.
func (s *Synset) UsageDomains() []*Synset { return s.related(";u") }

// InUsageDomains returns the members of usage domain s.
func (s *Synset) InUsageDomains() []*Synset { return s.related("-u") }

// Attributes returns the attribute nouns of an adjective, or the values of a noun.
func (s *Synset) Attributes() []*Synset { return s.related("=") }

// Entailments returns what a verb entails: snore → sleep.
func (s *Synset) Entailments() []*Synset { return s.related("*") }

// Causes returns what a verb causes: kill → die.
func (s *Synset) Causes() []*Synset { return s.related(">") }

// AlsoSees returns related synsets to "see also".
func (s *Synset) AlsoSees() []*Synset { return s.related("^") }

// VerbGroups returns verb synsets of similar meaning.
func (s *Synset) VerbGroups() []*Synset { return s.related("$") }

// SimilarTos returns similar adjectives (satellites ↔ their head).
func (s *Synset) SimilarTos() []*Synset { return s.related("&") }

// synsetAt returns the synset at offset in the data file of pos, reading
// and caching it on first use.
func (wn *WordNet) synsetAt(pos POS, offset int64) (*Synset, error) {
	fi := pos.file()
	if fi < 0 {
		return nil, fmt.Errorf("wordnet: unknown part of speech %q", string(rune(pos)))
	}
	key := uint64(fi)<<40 | uint64(offset)
	wn.mu.Lock()
	s, ok := wn.cache[key]
	wn.mu.Unlock()
	if ok {
		return s, nil
	}
	d := wn.data[fi]
	if d == nil {
		return nil, fmt.Errorf("wordnet: database is closed")
	}
	line, err := d.line(offset)
	if err != nil {
		return nil, err
	}
	// The line must start with its own 8-digit offset.
	if want := fmt.Sprintf("%08d", offset); len(line) < 8 || string(line[:8]) != want {
		return nil, fmt.Errorf("wordnet: %s: no synset line at offset %d; the file does not match the index", d.name, offset)
	}
	s, err = parseSynsetLine(string(line))
	if err != nil {
		if pe, ok := err.(*ParseError); ok {
			pe.Offset = offset
		}
		return nil, fmt.Errorf("%w (%s)", err, d.name)
	}
	if s.offset != offset {
		return nil, fmt.Errorf("wordnet: %s: line at offset %d claims offset %d", d.name, offset, s.offset)
	}
	if s.pos.file() != fi {
		return nil, fmt.Errorf("wordnet: %s: synset at offset %d has part of speech %q", d.name, offset, s.pos)
	}
	s.wn = wn
	// NLTK's name: first lemma, lower-cased, numbered by its position in
	// that lemma's index entry.
	first := strings.ToLower(s.lemmas[0].name)
	offs := wn.index[fi].lookup(first)
	n := slices.Index(offs, uint32(offset))
	if n < 0 {
		return nil, fmt.Errorf("wordnet: %s: synset at offset %d is not listed under its first lemma %q in index.%s", d.name, offset, first, fileNames[fi])
	}
	s.name = first + "." + s.pos.String() + "." + twoDigits(n+1)

	wn.mu.Lock()
	defer wn.mu.Unlock()
	if old, ok := wn.cache[key]; ok { // another goroutine won the race
		return old, nil
	}
	wn.cache[key] = s
	return s, nil
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
