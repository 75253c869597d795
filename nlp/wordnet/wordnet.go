package wordnet

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// POS is a WordNet part of speech, spelled with NLTK's one-letter tags.
type POS byte

// Parts of speech. AnyPOS (the zero value) asks Synsets and Morphy to try
// nouns, verbs, adjectives and adverbs in that order, like NLTK's pos=None.
const (
	AnyPOS POS = 0
	Noun   POS = 'n'
	Verb   POS = 'v'
	Adj    POS = 'a'
	AdjSat POS = 's' // adjective satellite, stored with the adjectives
	Adv    POS = 'r'
)

// posList is NLTK's POS_LIST: the order Synsets and Morphy try.
var posList = [...]POS{Noun, Verb, Adj, Adv}

// String returns the one-letter tag ("n", "v", "a", "s", "r"), or "" for AnyPOS.
func (p POS) String() string {
	if p == AnyPOS {
		return ""
	}
	return string(rune(p))
}

// Name returns the long name: "noun", "verb", "adj", "adj (s)", "adv".
func (p POS) Name() string {
	switch p {
	case Noun:
		return "noun"
	case Verb:
		return "verb"
	case Adj:
		return "adj"
	case AdjSat:
		return "adj (s)"
	case Adv:
		return "adv"
	}
	return "any"
}

// file returns the index of the data/index file pair holding p
// (0 noun, 1 verb, 2 adj and satellites, 3 adv), or -1.
func (p POS) file() int {
	switch p {
	case Noun:
		return 0
	case Verb:
		return 1
	case Adj, AdjSat:
		return 2
	case Adv:
		return 3
	}
	return -1
}

// fileNames are the suffixes of index.*, data.* and *.exc per file index.
var fileNames = [4]string{"noun", "verb", "adj", "adv"}

// filePOS is the part of speech the index files are keyed by.
var filePOS = [4]POS{Noun, Verb, Adj, Adv}

// WordNet is an open WordNet 3.0 database. The index and exception files
// are held in memory; synsets are read from the data files by byte offset
// on first use and cached. A WordNet is safe for concurrent use.
type WordNet struct {
	dir   string
	index [4]lemmaIndex
	exc   [4]map[string][]string
	data  [4]*dataFile

	mu    sync.Mutex
	cache map[uint64]*Synset
	err   error // first error met by a method that cannot return one

	counts   counts
	maxDepth [4]depthOnce // per file; [2] is adjectives incl. satellites
	satDepth depthOnce
	root     *Synset // NLTK's simulated "*ROOT*" synset
}

// Dir returns the dictionary directory the database was opened from.
func (wn *WordNet) Dir() string { return wn.dir }

// Open opens the WordNet database in dir, the directory holding index.noun,
// data.noun and the other files. If dir is "", it is found with FindDir.
// The lexnames file is not needed: its table is built in.
func Open(dir string) (*WordNet, error) {
	if dir == "" {
		d, err := FindDir()
		if err != nil {
			return nil, err
		}
		dir = d
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("wordnet: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("wordnet: %s is not a directory", dir)
	}
	wn := &WordNet{dir: dir, cache: make(map[uint64]*Synset)}
	wn.root = &Synset{name: "*ROOT*", minDepth: 0, maxDepth: 0}
	for i, name := range fileNames {
		if err := wn.index[i].load(filepath.Join(dir, "index."+name)); err != nil {
			wn.Close()
			return nil, err
		}
		exc, err := loadExceptions(filepath.Join(dir, name+".exc"))
		if err != nil {
			wn.Close()
			return nil, err
		}
		wn.exc[i] = exc
		df, err := openDataFile(filepath.Join(dir, "data."+name))
		if err != nil {
			wn.Close()
			return nil, err
		}
		wn.data[i] = df
	}
	return wn, nil
}

// Close releases the data files. Synsets already read stay usable, but
// new lookups fail.
func (wn *WordNet) Close() error {
	var errs []error
	for i, d := range wn.data {
		if d != nil {
			errs = append(errs, d.f.Close())
			wn.data[i] = nil
		}
	}
	return errors.Join(errs...)
}

// Err returns the first error met by a method that has no error result
// (Synsets, Hypernyms, …), which then left out what it could not read —
// for example a synset line cut off in a truncated data file. It is nil
// for a healthy database.
func (wn *WordNet) Err() error {
	wn.mu.Lock()
	defer wn.mu.Unlock()
	return wn.err
}

func (wn *WordNet) setErr(err error) {
	wn.mu.Lock()
	if wn.err == nil {
		wn.err = err
	}
	wn.mu.Unlock()
}

// FindDir returns the first directory that holds a WordNet database among,
// in order: $WNSEARCHDIR, $WNHOME/dict, $WNHOME, /usr/share/wordnet
// (Debian's wordnet-base) and the Homebrew locations.
func FindDir() (string, error) {
	var cands []string
	if d := os.Getenv("WNSEARCHDIR"); d != "" {
		cands = append(cands, d)
	}
	if h := os.Getenv("WNHOME"); h != "" {
		cands = append(cands, filepath.Join(h, "dict"), h)
	}
	cands = append(cands,
		"/usr/share/wordnet",
		"/opt/homebrew/opt/wordnet/dict",
		"/usr/local/opt/wordnet/dict",
		"/opt/homebrew/share/wordnet",
		"/usr/local/share/wordnet",
		"/usr/local/WordNet-3.0/dict",
	)
	for _, d := range cands {
		if _, err := os.Stat(filepath.Join(d, "index.noun")); err == nil {
			return d, nil
		}
	}
	return "", fmt.Errorf("wordnet: no WordNet database found (looked in %s); install Debian's wordnet-base or Homebrew's wordnet, or set WNHOME", strings.Join(cands, ", "))
}

// readFile reads a whole dictionary file with a wordnet-prefixed error.
func readFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("wordnet: %s is missing; is %s a WordNet 3.0 dictionary directory? %w", filepath.Base(path), filepath.Dir(path), err)
		}
		return "", fmt.Errorf("wordnet: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return "", fmt.Errorf("wordnet: %w", err)
	}
	return string(b), nil
}
