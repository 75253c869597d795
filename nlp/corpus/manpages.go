package corpus

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/text"
)

// Limits of the man page reader; variables so that tests can lower them.
var (
	// minManPages is how many pages a manpages-zh installation has at
	// least (Debian's 1.6.4 has 703 in zh_CN); fewer means another package
	// put a few Chinese pages there and manpages-zh is missing.
	minManPages = 100
	// maxManPage bounds a page's size, compressed and uncompressed (the
	// largest page of manpages-zh is under 1 MB).
	maxManPage int64 = 16 << 20
)

// manPageFiles lists the man pages under dir (man1 … man9), in order,
// leaving out symbolic links, which repeat a page under another name.
func manPageFiles(dir string) ([]string, error) {
	var files []string
	for sec := '1'; sec <= '9'; sec++ {
		d := filepath.Join(dir, "man"+string(sec))
		entries, err := os.ReadDir(d)
		if err != nil {
			if os.IsNotExist(err) {
				continue
			}
			return nil, err
		}
		for _, e := range entries {
			if e.Type()&fs.ModeSymlink != 0 || e.IsDir() {
				continue
			}
			files = append(files, filepath.Join(d, e.Name()))
		}
	}
	slices.Sort(files)
	if len(files) < minManPages {
		return nil, fmt.Errorf("only %d man pages in %s (want at least %d); is the Debian package manpages-zh installed?", len(files), dir, minManPages)
	}
	return files, nil
}

// readManPage returns the roff source of a man page, gunzipped if its
// name ends in .gz, refusing pages over maxManPage bytes.
func readManPage(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", err
	}
	if st.Size() > maxManPage {
		return "", fmt.Errorf("%s: %d bytes, more than the %d a man page may have", name, st.Size(), maxManPage)
	}
	var r io.Reader = f
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return "", fmt.Errorf("%s: %w", name, err)
		}
		defer zr.Close()
		r = zr
	}
	b, err := io.ReadAll(io.LimitReader(r, maxManPage+1))
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(b)) > maxManPage {
		return "", fmt.Errorf("%s: more than %d bytes uncompressed", name, maxManPage)
	}
	return string(bytes.ToValidUTF8(b, []byte("\uFFFD"))), nil
}

// manPageDoc names a page as man does: "ls(1)" for man1/ls.1.gz.
func manPageDoc(name string) string {
	base := strings.TrimSuffix(filepath.Base(name), ".gz")
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		return base[:i] + "(" + base[i+1:] + ")"
	}
	return base
}

// readManPages streams the sentences of the Simplified-Chinese man pages
// of Debian's manpages-zh; Doc is the page, as "ls(1)". Pages that only
// point to another (.so) are skipped.
func readManPages(dir string) seq {
	files, err := manPageFiles(dir)
	if err != nil {
		return errSeq(fmt.Errorf("corpus: manpages-zh: %w", err))
	}
	return func(yield func(Sentence, error) bool) {
		for _, name := range files {
			src, err := readManPage(name)
			if err != nil {
				yield(Sentence{}, fmt.Errorf("corpus: manpages-zh: %w", err))
				return
			}
			if strings.HasPrefix(src, ".so ") {
				continue
			}
			doc := manPageDoc(name)
			for _, p := range roffParagraphs(src) {
				for s := range text.AllSentences(p) {
					if !yield(Sentence{Text: s, Doc: doc}, nil) {
						return
					}
				}
			}
		}
	}
}
