package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/text"
)

// maxParagraph bounds the text gathered before sentence splitting, so a file
// without blank lines is still processed in pieces.
const maxParagraph = 1 << 20

// paragraphs calls f with each paragraph of r: runs of non-blank lines.
func paragraphs(r io.Reader, f func(string) bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var para strings.Builder
	flush := func() bool {
		p := strings.TrimSpace(para.String())
		para.Reset()
		return p == "" || f(p)
	}
	for {
		line, err := br.ReadString('\n')
		if strings.TrimSpace(line) == "" {
			if !flush() {
				return nil
			}
		} else {
			para.WriteString(line)
			if para.Len() > maxParagraph && !flush() {
				return nil
			}
		}
		if err == io.EOF {
			flush()
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// readTextFiles streams the sentences of plain-text files in order; the
// document name is the file name without extension.
func readTextFiles(files []string) seq {
	return func(yield func(Sentence, error) bool) {
		for _, name := range files {
			if !sentencesOfFile(name, yield) {
				return
			}
		}
	}
}

func sentencesOfFile(name string, yield func(Sentence, error) bool) bool {
	f, err := os.Open(name)
	if err != nil {
		yield(Sentence{}, fmt.Errorf("corpus: %w", err))
		return false
	}
	defer f.Close()
	doc := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	more := true
	err = paragraphs(f, func(p string) bool {
		for s := range text.AllSentences(p) {
			if !yield(Sentence{Text: s, Doc: doc}, nil) {
				more = false
				return false
			}
		}
		return true
	})
	if err != nil && more {
		yield(Sentence{}, fmt.Errorf("corpus: %s: %w", name, err))
		return false
	}
	return more
}

// readSOTU streams the State of the Union addresses: one file per address,
// named YEAR_president_party.txt, read in chronological (name) order.
func readSOTU(dir string) seq {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err == nil && len(files) == 0 {
		err = fmt.Errorf("no .txt files in %s", dir)
	}
	if err != nil {
		return errSeq(fmt.Errorf("corpus: sotu: %w", err))
	}
	slices.Sort(files)
	return readTextFiles(files)
}

// readMobyDick streams Moby Dick in reading order, given by the package's
// file_list.json (etymology, extracts, chapters 1–135, epilogue); the table
// of contents is skipped. Without file_list.json files are read by name.
func readMobyDick(dir string) seq {
	var order []string
	if b, err := os.ReadFile(filepath.Join(dir, "file_list.json")); err == nil {
		if err := json.Unmarshal(b, &order); err != nil {
			return errSeq(fmt.Errorf("corpus: moby-dick: file_list.json: %w", err))
		}
	} else {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, f := range files {
			order = append(order, filepath.Base(f))
		}
		slices.Sort(order)
	}
	var files []string
	for _, name := range order {
		if name == "contents.txt" || name == "data.txt" || filepath.Base(name) != name {
			continue
		}
		files = append(files, filepath.Join(dir, name))
	}
	if len(files) == 0 {
		return errSeq(fmt.Errorf("corpus: moby-dick: no chapter files in %s", dir))
	}
	return readTextFiles(files)
}

// errSeq yields a single error.
func errSeq(err error) seq {
	return func(yield func(Sentence, error) bool) { yield(Sentence{}, err) }
}
