package wordnet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// dataFile is one data.* file, read line by line at byte offsets.
type dataFile struct {
	f    *os.File
	name string
	size int64
}

func openDataFile(path string) (*dataFile, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("wordnet: %s is missing; is %s a WordNet 3.0 dictionary directory? %w", filepath.Base(path), filepath.Dir(path), err)
		}
		return nil, fmt.Errorf("wordnet: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("wordnet: %w", err)
	}
	d := &dataFile{f: f, name: filepath.Base(path), size: st.Size()}
	// A data file ends with a newline; one cut off mid-line was truncated.
	var last [1]byte
	if d.size == 0 {
		f.Close()
		return nil, fmt.Errorf("wordnet: %s is empty", d.name)
	}
	if _, err := f.ReadAt(last[:], d.size-1); err != nil || last[0] != '\n' {
		f.Close()
		return nil, fmt.Errorf("wordnet: %s does not end with a newline: the file is truncated or corrupt", d.name)
	}
	return d, nil
}

// line returns the line starting at byte offset off, without its newline.
func (d *dataFile) line(off int64) ([]byte, error) {
	if off < 0 || off >= d.size {
		return nil, fmt.Errorf("wordnet: %s: offset %d is beyond the end of the file (%d bytes); the file is truncated or does not match the index", d.name, off, d.size)
	}
	buf := make([]byte, 1024)
	n := 0
	for {
		m, err := d.f.ReadAt(buf[n:], off+int64(n))
		if i := bytes.IndexByte(buf[n:n+m], '\n'); i >= 0 {
			return buf[:n+i], nil
		}
		n += m
		if err == io.EOF || (err == nil && off+int64(n) >= d.size) {
			return nil, fmt.Errorf("wordnet: %s: line at offset %d has no end; the file is truncated", d.name, off)
		}
		if err != nil {
			return nil, fmt.Errorf("wordnet: %s: %w", d.name, err)
		}
		if n == len(buf) {
			buf = append(buf, make([]byte, len(buf))...)
		}
	}
}

// rawPointer is one pointer of a data line: symbol, target part of speech
// and offset, and source/target word numbers (0/0 for a synset pointer,
// which relates whole synsets; otherwise a lexical pointer between lemmas).
type rawPointer struct {
	symbol   string
	pos      POS
	offset   uint32
	src, dst int
}

// ParseError reports a malformed data line.
type ParseError struct {
	Offset int64  // byte offset of the line, or -1 if unknown
	Msg    string // what is wrong
}

func (e *ParseError) Error() string {
	if e.Offset >= 0 {
		return fmt.Sprintf("wordnet: bad data line at offset %d: %s", e.Offset, e.Msg)
	}
	return "wordnet: bad data line: " + e.Msg
}

// parseSynsetLine parses one line of a data file (wndb(5WN)):
//
//	offset lex_filenum ss_type w_cnt word lex_id […] p_cnt [ptr…] [frames…] | gloss
//
// w_cnt and lex_id are hexadecimal; each pointer is "symbol offset pos
// source/target" with source/target four hex digits; verb frames are
// "f_cnt + f_num w_num …". The gloss is a definition followed by quoted
// examples. It returns a Synset without name and database, and never panics.
func parseSynsetLine(line string) (*Synset, error) {
	line = strings.TrimSpace(line)
	bar := strings.IndexByte(line, '|')
	if bar < 0 || strings.IndexByte(line[bar+1:], '|') >= 0 {
		return nil, badLine("want exactly one '|' before the gloss")
	}
	s := &Synset{minDepth: -1, maxDepth: -1}
	s.definition, s.examples = parseGloss(line[bar+1:])

	f := fieldIter{s: line[:bar]}
	off, err := f.int(10)
	if err != nil || off < 0 || off > 1<<31 {
		return nil, badLine("bad offset")
	}
	s.offset = int64(off)
	lex, err := f.int(10)
	if err != nil || lex < 0 || lex >= len(lexnames) {
		return nil, badLine("bad lexicographer file number")
	}
	s.lexnum = lex
	switch t := f.next(); t {
	case "n", "v", "a", "s", "r":
		s.pos = POS(t[0])
	default:
		return nil, badLine("bad synset type %q", t)
	}
	nWords, err := f.int(16)
	if err != nil || nWords <= 0 || nWords > 255 {
		return nil, badLine("bad word count")
	}
	s.lemmas = make([]*Lemma, nWords)
	for i := range nWords {
		w := f.next()
		lexID, err := f.int(16)
		if w == "" || err != nil || lexID < 0 {
			return nil, badLine("bad word %d", i+1)
		}
		l := &Lemma{synset: s, name: w, lexID: lexID}
		// A syntactic marker such as "(p)" may follow an adjective.
		if j := strings.IndexByte(w, '('); j >= 0 && strings.HasSuffix(w, ")") {
			l.name, l.marker = w[:j], w[j:]
		}
		s.lemmas[i] = l
	}
	if err := f.pointers(s); err != nil {
		return nil, err
	}
	if err := f.frames(s); err != nil {
		return nil, err
	}
	return s, nil
}

// badLine is the error about a malformed data-file line.
func badLine(format string, args ...any) error {
	return &ParseError{Offset: -1, Msg: fmt.Sprintf(format, args...)}
}

// pointers reads the pointer list of s's line: to other synsets ("0000")
// or from one of its words to a word of another synset.
func (f *fieldIter) pointers(s *Synset) error {
	nWords := len(s.lemmas)
	nPtrs, err := f.int(10)
	if err != nil || nPtrs < 0 {
		return badLine("bad pointer count")
	}
	for i := range nPtrs {
		sym := f.next()
		o, err := f.int(10)
		p := f.next()
		st := f.next()
		if sym == "" || err != nil || o < 0 || o > 1<<31 || len(p) != 1 || len(st) != 4 {
			return badLine("bad pointer %d", i+1)
		}
		src, err1 := strconv.ParseUint(st[:2], 16, 8)
		dst, err2 := strconv.ParseUint(st[2:], 16, 8)
		if err1 != nil || err2 != nil {
			return badLine("bad pointer %d source/target %q", i+1, st)
		}
		ptr := rawPointer{symbol: sym, pos: POS(p[0]), offset: uint32(o), src: int(src) - 1, dst: int(dst) - 1}
		if st == "0000" {
			s.ptrs = append(s.ptrs, ptr)
			continue
		}
		if ptr.src < 0 || ptr.src >= nWords || ptr.dst < 0 {
			return badLine("pointer %d names word %d of %d", i+1, ptr.src+1, nWords)
		}
		l := s.lemmas[ptr.src]
		l.ptrs = append(l.ptrs, ptr)
	}
	return nil
}

// frames reads the verb frames at the end of a verb's line (none on other
// lines): for all of s's words (word 0) or for one.
func (f *fieldIter) frames(s *Synset) error {
	nWords := len(s.lemmas)
	if t := f.next(); t != "" {
		nFrames, err := strconv.Atoi(t)
		if err != nil || nFrames < 0 {
			return badLine("bad frame count")
		}
		for i := range nFrames {
			plus := f.next()
			num, err1 := f.int(10)
			w, err2 := f.int(16)
			if plus != "+" || err1 != nil || err2 != nil || num <= 0 || num >= len(verbFrames) || w < 0 || w > nWords {
				return badLine("bad verb frame %d", i+1)
			}
			if w == 0 { // all words of the synset
				s.frameIDs = append(s.frameIDs, num)
				for _, l := range s.lemmas {
					l.frameIDs = append(l.frameIDs, num)
				}
			} else {
				l := s.lemmas[w-1]
				l.frameIDs = append(l.frameIDs, num)
			}
		}
	}
	return nil
}

// parseGloss splits a gloss into its definition and quoted examples the
// way NLTK does: examples are the texts between pairs of double quotes; the
// definition is what remains, trimmed of spaces and semicolons.
func parseGloss(g string) (def string, examples []string) {
	var sb strings.Builder
	rest := g
	for {
		i := strings.IndexByte(rest, '"')
		if i < 0 {
			sb.WriteString(rest)
			break
		}
		j := strings.IndexByte(rest[i+1:], '"')
		if j < 0 {
			sb.WriteString(rest)
			break
		}
		sb.WriteString(rest[:i])
		examples = append(examples, rest[i+1:i+1+j])
		rest = rest[i+1+j+1:]
	}
	def = strings.Trim(strings.TrimSpace(sb.String()), "; ")
	return def, examples
}
