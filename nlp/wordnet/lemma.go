package wordnet

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Lemma is one word form in one synset: the pair (word, meaning). Lexical
// relations such as antonymy hold between lemmas, not synsets.
type Lemma struct {
	synset   *Synset
	name     string
	marker   string // adjective syntactic marker: "(a)", "(p)", "(ip)" or ""
	lexID    int
	ptrs     []rawPointer // lexical pointers from this lemma
	frameIDs []int
}

// Name returns the lemma as written in the database, with underscores for
// spaces ("hot_dog", "Good_Friday").
func (l *Lemma) Name() string { return l.name }

// Synset returns the synset the lemma belongs to.
func (l *Lemma) Synset() *Synset { return l.synset }

// String returns "Lemma('dog.n.01.dog')", NLTK's repr.
func (l *Lemma) String() string { return "Lemma('" + l.synset.name + "." + l.name + "')" }

// SyntacticMarker returns an adjective's position marker, "(a)", "(p)" or
// "(ip)", or "".
func (l *Lemma) SyntacticMarker() string { return l.marker }

// FrameIDs returns the numbers of the verb frames the lemma takes.
func (l *Lemma) FrameIDs() []int { return l.frameIDs }

// FrameStrings returns the lemma's verb frames with the lemma filled in,
// such as "Somebody run something".
func (l *Lemma) FrameStrings() []string {
	out := make([]string, len(l.frameIDs))
	for i, id := range l.frameIDs {
		out[i] = strings.Replace(verbFrames[id], "%s", l.name, 1)
	}
	return out
}

// posNumbers are the synset type numbers used in sense keys.
var posNumbers = map[POS]int{Noun: 1, Verb: 2, Adj: 3, Adv: 4, AdjSat: 5}

// Key returns the sense key, e.g. "dog%1:05:00::" (senseidx(5WN)).
func (l *Lemma) Key() string {
	s := l.synset
	head, headID := "", ""
	if s.pos == AdjSat {
		if sim := s.SimilarTos(); len(sim) > 0 && len(sim[0].lemmas) > 0 {
			h := sim[0].lemmas[0]
			head, headID = h.name, fmt.Sprintf("%02d", h.lexID)
		}
	}
	return strings.ToLower(fmt.Sprintf("%s%%%d:%02d:%02d:%s:%s", l.name, posNumbers[s.pos], s.lexnum, l.lexID, head, headID))
}

// Count returns how often this sense was tagged in the semantic
// concordance texts (cntlist.rev), 0 if never or if the file is absent.
func (l *Lemma) Count() int {
	wn := l.synset.wn
	if wn == nil {
		return 0
	}
	return wn.counts.get(wn.dir)[l.Key()]
}

// Related returns the lemmas that l points to with a lexical pointer
// symbol ("!" antonym, "+" derivation, "\\" pertainym, …) in file order.
func (l *Lemma) Related(symbol string) ([]*Lemma, error) {
	var out []*Lemma
	for _, p := range l.ptrs {
		if p.symbol != symbol {
			continue
		}
		t, err := l.synset.wn.synsetAt(p.pos, int64(p.offset))
		if err != nil {
			return out, err
		}
		if p.dst >= len(t.lemmas) {
			return out, fmt.Errorf("wordnet: pointer from %v names word %d of %v, which has %d", l, p.dst+1, t, len(t.lemmas))
		}
		out = append(out, t.lemmas[p.dst])
	}
	return out, nil
}

func (l *Lemma) related(symbol string) []*Lemma {
	out, err := l.Related(symbol)
	if err != nil {
		l.synset.wn.setErr(err)
	}
	return out
}

// Antonyms returns the lemmas of opposite meaning: good → bad.
func (l *Lemma) Antonyms() []*Lemma { return l.related("!") }

// DerivationallyRelatedForms returns lemmas of other parts of speech with
// the same root: good (adj) → goodness (noun).
func (l *Lemma) DerivationallyRelatedForms() []*Lemma { return l.related("+") }

// Pertainyms returns the nouns a relational adjective or adverb pertains to.
func (l *Lemma) Pertainyms() []*Lemma { return l.related(`\`) }

// counts holds cntlist.rev, loaded on first use.
type counts struct {
	once sync.Once
	m    map[string]int
}

func (c *counts) get(dir string) map[string]int {
	c.once.Do(func() {
		c.m = map[string]int{}
		text, err := readFile(filepath.Join(dir, "cntlist.rev"))
		if err != nil {
			return
		}
		for line := range strings.Lines(text) {
			f := strings.Fields(line)
			if len(f) < 2 {
				continue
			}
			if n, err := strconv.Atoi(f[len(f)-1]); err == nil {
				c.m[f[0]] = n
			}
		}
	})
	return c.m
}

// verbFrames are WordNet's generic verb sentence frames, numbered from 1
// (wninput(5WN)); %s stands for the verb.
var verbFrames = [...]string{
	"",
	"Something %s",
	"Somebody %s",
	"It is %sing",
	"Something is %sing PP",
	"Something %s something Adjective/Noun",
	"Something %s Adjective/Noun",
	"Somebody %s Adjective",
	"Somebody %s something",
	"Somebody %s somebody",
	"Something %s somebody",
	"Something %s something",
	"Something %s to somebody",
	"Somebody %s on something",
	"Somebody %s somebody something",
	"Somebody %s something to somebody",
	"Somebody %s something from somebody",
	"Somebody %s somebody with something",
	"Somebody %s somebody of something",
	"Somebody %s something on somebody",
	"Somebody %s somebody PP",
	"Somebody %s something PP",
	"Somebody %s PP",
	"Somebody's (body part) %s",
	"Somebody %s somebody to INFINITIVE",
	"Somebody %s somebody INFINITIVE",
	"Somebody %s that CLAUSE",
	"Somebody %s to somebody",
	"Somebody %s to INFINITIVE",
	"Somebody %s whether INFINITIVE",
	"Somebody %s somebody into V-ing something",
	"Somebody %s something with something",
	"Somebody %s INFINITIVE",
	"Somebody %s VERB-ing",
	"It %s that CLAUSE",
	"Something %s INFINITIVE",
}
