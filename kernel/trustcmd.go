package kernel

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/lingo-nlp/lingo/kernel/engine"
	"github.com/lingo-nlp/lingo/kernel/trust"
)

// lessonNotebooks returns the lessons as this user has them: the English
// lessons in notebooks/ and the Chinese edition in notebooks/zh/ of the
// source tree, or, in a system install (whose source has no notebooks),
// the user's own copies in ~/lingo-lessons (lingo lessons makes them) when
// there are some, else the shared read-only lessons.
func lessonNotebooks() ([]string, error) {
	dir, err := lessonsDir()
	if err != nil {
		return nil, err
	}
	en, err := filepath.Glob(filepath.Join(dir, "*.ipynb"))
	if err != nil {
		return nil, err
	}
	zh, err := filepath.Glob(filepath.Join(dir, "zh", "*.ipynb"))
	return append(en, zh...), err
}

// lessonsDir is the directory lessonNotebooks reads.
func lessonsDir() (string, error) {
	if s, ok := installed(); ok {
		if home, err := os.UserHomeDir(); err == nil {
			own := filepath.Join(home, "lingo-lessons")
			if nbs, _ := filepath.Glob(filepath.Join(own, "*.ipynb")); len(nbs) > 0 {
				return own, nil
			}
		}
		return s.lessons(), nil
	}
	root, err := engine.SourceRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, "notebooks"), nil
}

// trustCmd signs notebooks into the user's Jupyter trust database (the
// lessons if none are named), or with --check reports which are trusted
// and fails if any is not.
func trustCmd(args []string, w io.Writer) int {
	fs := flag.NewFlagSet("trust", flag.ContinueOnError)
	fs.SetOutput(w)
	check := fs.Bool("check", false, "only report whether each notebook is trusted; exit 1 if one is not")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	paths := fs.Args()
	if len(paths) == 0 {
		var err error
		if paths, err = lessonNotebooks(); err != nil || len(paths) == 0 {
			fmt.Fprintf(w, "lingo trust: no notebooks named and no lessons found (%v)\n", err)
			return 2
		}
	}
	if !*check {
		if err := trust.Sign(paths...); err != nil {
			fmt.Fprintln(w, err)
			return 1
		}
	}
	ok, err := trust.Trusted(paths...)
	if err != nil {
		fmt.Fprintln(w, err)
		return 1
	}
	var untrusted []string
	for i, p := range paths {
		if !ok[i] {
			untrusted = append(untrusted, notebookName(p))
		}
	}
	switch {
	case len(untrusted) > 0:
		fmt.Fprintf(w, "%d of %d notebooks are not trusted by Jupyter (their charts and tables show as text): %s\nfix: lingo trust %s\n",
			len(untrusted), len(paths), strings.Join(untrusted, ", "), strings.Join(fs.Args(), " "))
		return 1
	case *check:
		fmt.Fprintf(w, "all %d notebooks are trusted by Jupyter\n", len(paths))
	default:
		fmt.Fprintf(w, "signed %d notebooks: Jupyter shows their stored charts and tables\n", len(paths))
	}
	return 0
}

// notebookName is how lingo trust and lingo doctor name a notebook: its
// file name, with zh/ for the Chinese edition's (both editions have a
// 03-word2vec.ipynb).
func notebookName(p string) string {
	if filepath.Base(filepath.Dir(p)) == "zh" {
		return "zh/" + filepath.Base(p)
	}
	return filepath.Base(p)
}
