package wordnet

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyDict makes a private dictionary directory linking Debian's files,
// except those given, which are written with the given contents.
func copyDict(t *testing.T, replace map[string][]byte) string {
	t.Helper()
	openTest(t)
	dir := t.TempDir()
	ents, err := os.ReadDir("/usr/share/wordnet")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if _, ok := replace[e.Name()]; ok {
			continue
		}
		if err := os.Symlink(filepath.Join("/usr/share/wordnet", e.Name()), filepath.Join(dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range replace {
		if data == nil {
			continue // removed
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestOpenErrors(t *testing.T) {
	noun, err := os.ReadFile("/usr/share/wordnet/data.noun")
	if err != nil {
		t.Skip("WordNet 3.0 not installed in /usr/share/wordnet (apt-get install wordnet-base)")
	}
	cut := len(noun) / 2
	tests := []struct {
		name    string
		dir     func(t *testing.T) string
		wantErr string
	}{
		{"missing directory", func(t *testing.T) string { return filepath.Join(t.TempDir(), "nope") }, "no such file"},
		{"empty directory", func(t *testing.T) string { return t.TempDir() }, "index.noun is missing"},
		{"not a directory", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "f")
			os.WriteFile(p, []byte("x"), 0o644)
			return p
		}, "not a directory"},
		{"missing data file", func(t *testing.T) string {
			return copyDict(t, map[string][]byte{"data.verb": nil})
		}, "data.verb is missing"},
		{"corrupt index", func(t *testing.T) string {
			return copyDict(t, map[string][]byte{"index.adv": []byte("  1 header\nquickly r 1 0 x 1 0 00084254\n")})
		}, "index.adv line 2"},
		{"truncated data file", func(t *testing.T) string {
			return copyDict(t, map[string][]byte{"data.noun": noun[:cut]})
		}, "data.noun does not end with a newline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wn, err := Open(tt.dir(t))
			if err == nil {
				wn.Close()
				t.Fatalf("Open succeeded, want error containing %q", tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "wordnet: ") {
				t.Errorf("error %q, want wordnet: … %q", err, tt.wantErr)
			}
		})
	}
}

// TestTruncatedAtLineEnd cuts data.noun at a line boundary, so Open cannot
// tell; lookups of synsets past the cut report errors and never panic.
func TestTruncatedAtLineEnd(t *testing.T) {
	noun, err := os.ReadFile("/usr/share/wordnet/data.noun")
	if err != nil {
		t.Skip("WordNet 3.0 not installed in /usr/share/wordnet (apt-get install wordnet-base)")
	}
	cut := bytes.LastIndexByte(noun[:len(noun)/2], '\n') + 1
	wn, err := Open(copyDict(t, map[string][]byte{"data.noun": noun[:cut]}))
	if err != nil {
		t.Fatal(err)
	}
	defer wn.Close()
	// midnight.n.01 is at offset 15168185, after the cut (~7.6 MB).
	if _, err := wn.Synset("midnight.n.01"); err == nil || !strings.Contains(err.Error(), "beyond the end") {
		t.Errorf("Synset(midnight.n.01) error = %v, want beyond the end of the file", err)
	}
	if ss := wn.Synsets("midnight", Noun); len(ss) != 0 || wn.Err() == nil {
		t.Errorf("Synsets(midnight) = %v, Err = %v; want none and an error", ss, wn.Err())
	}
	// Synsets before the cut still work.
	if s, err := wn.Synset("entity.n.01"); err != nil || s.Definition() == "" {
		t.Errorf("Synset(entity.n.01) = %v, %v", s, err)
	}
}

func TestSynsetNameErrors(t *testing.T) {
	wn := openTest(t)
	for _, name := range []string{"", "dog", "dog.n", "dog.n.00", "dog.n.x", "dog.x.01", "dog.n.99", "nosuchword.n.01", "good.s.01", "..", "dog..01"} {
		if s, err := wn.Synset(name); err == nil {
			t.Errorf("Synset(%q) = %v, want error", name, s)
		} else if !strings.HasPrefix(err.Error(), "wordnet: ") {
			t.Errorf("Synset(%q) error %q lacks the package prefix", name, err)
		}
	}
	// Any lemma of a synset names it (NLTK: domestic_dog.n.01 is dog.n.01).
	if s, err := wn.Synset("Domestic_Dog.n.01"); err != nil || s.Name() != "dog.n.01" {
		t.Errorf("Synset(Domestic_Dog.n.01) = %v, %v", s, err)
	}
	if l, err := wn.Lemma("dog.n.01.domestic_dog"); err != nil || l.String() != "Lemma('dog.n.01.domestic_dog')" {
		t.Errorf("Lemma = %v, %v", l, err)
	}
	if _, err := wn.Lemma("dog.n.01.cat"); err == nil {
		t.Error("Lemma(dog.n.01.cat) succeeded")
	}
}

func TestFindDir(t *testing.T) {
	openTest(t)
	t.Setenv("WNSEARCHDIR", "")
	t.Setenv("WNHOME", "/usr/share/wordnet") // $WNHOME/dict is absent, $WNHOME holds the files
	if d, err := FindDir(); err != nil || d != "/usr/share/wordnet" {
		t.Errorf("FindDir = %q, %v", d, err)
	}
}

func TestMorphyLongInput(t *testing.T) {
	wn := openTest(t)
	// Without deduplication the candidates would grow like Fibonacci numbers.
	if got := wn.Morphy(strings.Repeat("s", 200)+"es", AnyPOS); got != "sss" { // index.noun has "sss"
		t.Errorf("Morphy = %q", got)
	}
	if got := wn.MorphyAll("axes", Noun); strings.Join(got, ",") != "ax,axis" {
		t.Errorf("MorphyAll(axes) = %v, want [ax axis]", got)
	}
}

func TestConcurrentLookups(t *testing.T) {
	wn := openTest(t)
	done := make(chan bool)
	for range 4 {
		go func() {
			for _, w := range []string{"dog", "cat", "run", "good", "tree", "bank"} {
				for _, s := range wn.Synsets(w, AnyPOS) {
					s.Hypernyms()
					s.MaxDepth()
				}
			}
			done <- true
		}()
	}
	for range 4 {
		<-done
	}
}
