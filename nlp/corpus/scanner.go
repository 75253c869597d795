package corpus

import (
	"iter"

	"github.com/lingo-nlp/lingo/nlp/text"
)

// A Sentence is one item of a corpus. Text is always set; the other fields
// depend on the corpus's Kind.
type Sentence struct {
	Text   string    // the sentence; for lexicons and vectors, the word
	Target string    // Parallel: the translation of Text
	Label  int       // Labelled: the class (1 positive, 0 negative); Lexicon: the score
	Vector []float32 // Vectors: the word's embedding
	Doc    string    // the document it came from (file, speech, chapter, synset)
}

// seq is the shape of every reader: items, or a final error.
type seq = iter.Seq2[Sentence, error]

// All streams the corpus: every item with a nil error, or a single error
// (for example one wrapping ErrNotInstalled) after which iteration stops.
// Under LINGO_SCALE=ci at most CILimit items are yielded. Files are opened
// when iteration starts and closed when it ends, even if the loop breaks.
func (c *Corpus) All() iter.Seq2[Sentence, error] {
	return func(yield func(Sentence, error) bool) {
		path, err := c.Location()
		if err != nil {
			yield(Sentence{}, err)
			return
		}
		limit := -1
		if CIScale() {
			limit = ciLimit
		}
		for s, err := range c.read(path) {
			if limit == 0 {
				return
			}
			limit--
			if !yield(s, err) || err != nil {
				return
			}
		}
	}
}

// Texts streams Sentence.Text and reports a read error through *errp (which
// may be nil to ignore errors), for loops that only want strings:
//
//	var err error
//	for s := range c.Texts(&err) { … }
//	if err != nil { … }
func (c *Corpus) Texts(errp *error) iter.Seq[string] {
	return func(yield func(string) bool) {
		for s, err := range c.All() {
			if err != nil {
				if errp != nil {
					*errp = err
				}
				return
			}
			if !yield(s.Text) {
				return
			}
		}
	}
}

// Scanner reads a corpus item by item, like bufio.Scanner:
//
//	sc, err := c.Open()
//	if err != nil { … }
//	defer sc.Close()
//	for sc.Scan() { use(sc.Text()) }
//	if err := sc.Err(); err != nil { … }
type Scanner struct {
	next func() (Sentence, error, bool)
	stop func()
	cur  Sentence
	err  error
}

// Open checks that the corpus is installed and returns a Scanner over it.
// The error for a missing corpus wraps ErrNotInstalled and names the
// install command.
func (c *Corpus) Open() (*Scanner, error) {
	if _, err := c.Location(); err != nil {
		return nil, err
	}
	next, stop := iter.Pull2(c.All())
	return &Scanner{next: next, stop: stop}, nil
}

// Open opens the named corpus; see Corpus.Open.
func Open(name string) (*Scanner, error) {
	c, err := Get(name)
	if err != nil {
		return nil, err
	}
	return c.Open()
}

// Scan advances to the next item and reports whether there is one.
func (s *Scanner) Scan() bool {
	if s.err != nil || s.next == nil {
		return false
	}
	it, err, ok := s.next()
	if !ok {
		s.Close()
		return false
	}
	if err != nil {
		s.err = err
		s.Close()
		return false
	}
	s.cur = it
	return true
}

// Sentence returns the current item.
func (s *Scanner) Sentence() Sentence { return s.cur }

// Text returns the current item's text.
func (s *Scanner) Text() string { return s.cur.Text }

// Err returns the first error met, if any.
func (s *Scanner) Err() error { return s.err }

// Close releases the files of the corpus. It is safe to call twice.
func (s *Scanner) Close() error {
	if s.stop != nil {
		s.stop()
		s.stop, s.next = nil, nil
	}
	return nil
}

// Stats summarises a corpus read once from start to end.
type Stats struct {
	Items int // sentences, pairs, words of a lexicon, vectors
	Words int // tokens of text.Words (a Han character is one), both sides of pairs
}

// Count streams the corpus once and counts its items and words. For
// lexicons and vectors Words equals Items.
func (c *Corpus) Count() (Stats, error) {
	var st Stats
	for s, err := range c.All() {
		if err != nil {
			return st, err
		}
		st.Items++
		switch c.Kind {
		case Lexicon, Vectors:
			st.Words++
		default:
			st.Words += countWords(s.Text) + countWords(s.Target)
		}
	}
	return st, nil
}

func countWords(s string) int {
	if s == "" {
		return 0
	}
	n := 0
	for range (text.Tokenizer{}).All(s) {
		n++
	}
	return n
}
