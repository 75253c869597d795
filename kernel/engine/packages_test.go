package engine

import (
	"strings"
	"testing"

	"github.com/lingo-nlp/lingo/kernel/cell"
)

// Every Lingo package is usable without an import line, nlp/text too
// (issue 22 item 6: text.Words gave "undefined: text").
func TestLingoPackages(t *testing.T) {
	root, err := SourceRoot()
	if err != nil {
		t.Fatal(err)
	}
	pkgs := lingoPackages(root)
	for name, path := range map[string]string{
		"text": "nlp/text", "wordnet": "nlp/wordnet", "word2vec": "nlp/word2vec", "lm": "nlp/lm",
		"plots": "plots", "lessons": "lessons", "wordnetex": "lessons/wordnetex",
	} {
		if got := pkgs[name]; got != cell.ModulePath+"/"+path {
			t.Errorf("%s → %q, want %s/%s", name, got, cell.ModulePath, path)
		}
	}
	for name, path := range pkgs {
		if strings.Contains(path, "/internal/") || name == "main" {
			t.Errorf("%s → %s should not be imported automatically", name, path)
		}
	}
	e := testEngine(t)
	r := mustRun(t, e, `text.Words("Students opened their books")`)
	if len(r.results) != 1 || !strings.Contains(r.results[0]["text/plain"], "opened") {
		t.Errorf("text.Words without an import: %v %v", r.results, r.errs)
	}
}

// A package name the cell could import but did not is named in the error
// with the import it lacks (issue 22 item 6).
func TestMissingImportHint(t *testing.T) {
	e := testEngine(t)
	r, st := run(t, e, "d := mat.NewDense(2, 2, nil)\nd")
	want := `undefined: mat (to use package mat, add: import "gonum.org/v1/gonum/mat")`
	if st != "error" || len(r.errs) != 1 || !strings.Contains(r.errs[0], want) {
		t.Fatalf("errors %q, want %q", r.errs, want)
	}
	r, _ = run(t, e, "h := sha1.Sum(nil)\nh")
	if want := `import "crypto/sha1"`; len(r.errs) != 1 || !strings.Contains(r.errs[0], want) {
		t.Errorf("errors %q, want the hint %q", r.errs, want)
	}
}
