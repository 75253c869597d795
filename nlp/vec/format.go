package vec

import (
	"bufio"
	"bytes"
	le "encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

// The word2vec formats, as written by the original C tool and by gensim's
// save_word2vec_format:
//
//	header:  "<vocab size> <dimension>\n"
//	text:    one line per word: "<word> <v1> <v2> … <vd>\n"
//	binary:  per word: "<word> " then d little-endian float32 (4d bytes),
//	         then "\n" in the C tool's files and nothing in gensim's.
//
// Words are most frequent first. Readers accept both binary variants, a
// trailing space on text lines (the C tool writes one) and CRLF endings.

// Limits that protect readers from headers that lie.
const (
	maxDim      = 1 << 20 // largest dimension a file may declare
	maxWordLen  = 1 << 16 // longest word in a binary file, in bytes
	maxPrealloc = 1 << 22 // values allocated before the data shows up
)

// LoadWord2VecFormat reads a word2vec text (binary=false) or binary file.
func LoadWord2VecFormat(path string, binary bool) (*KeyedVectors, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("vec: %w", err)
	}
	defer f.Close()
	kv, err := ReadWord2VecFormat(f, binary, 0)
	if err != nil {
		return nil, fmt.Errorf("%w (in %s)", err, path)
	}
	return kv, nil
}

// ReadWord2VecFormat reads vectors in the word2vec text or binary format.
// If limit > 0 only the first limit words are read (like gensim's limit).
// Duplicate words keep their first vector, as in gensim. A file shorter
// than its header says, a line with the wrong number of values, a bad
// number or a value that is NaN or infinite is an error naming the word's
// position (gensim would load NaN and infinite values, which then poison
// every similarity the word takes part in).
func ReadWord2VecFormat(r io.Reader, binary bool, limit int) (*KeyedVectors, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	head, err := br.ReadString('\n')
	if err != nil && (err != io.EOF || head == "") {
		return nil, fmt.Errorf("vec: reading word2vec header: %w", eofIsUnexpected(err))
	}
	f := strings.Fields(head)
	if len(f) != 2 {
		return nil, fmt.Errorf("vec: word2vec header must be \"<vocab size> <dimension>\", got %q", clip(head))
	}
	n, err1 := strconv.Atoi(f[0])
	dim, err2 := strconv.Atoi(f[1])
	if err1 != nil || err2 != nil || n < 0 {
		return nil, fmt.Errorf("vec: bad word2vec header %q", clip(head))
	}
	if dim < 1 || dim > maxDim {
		return nil, fmt.Errorf("vec: word2vec header declares dimension %d, want 1…%d", dim, maxDim)
	}
	if limit > 0 && limit < n {
		n = limit
	}
	kv, _ := New(dim)
	// Preallocate no more than maxPrealloc values whatever the header says
	// (n·dim may even overflow an int); the data, if it is there, grows
	// the slices.
	words := min(n, maxPrealloc/dim)
	kv.Words = make([]string, 0, words)
	kv.Vectors = make([]float32, 0, words*dim)
	if binary {
		err = readBinary(br, kv, n)
	} else {
		err = readText(br, kv, n)
	}
	if err != nil {
		return nil, err
	}
	return kv, nil
}

func eofIsUnexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

func clip(s string) string {
	s = strings.TrimRight(s, "\r\n")
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// addRead appends a word read from a file, ignoring duplicates like gensim.
func (kv *KeyedVectors) addRead(word string, v []float32) {
	if _, dup := kv.index[word]; dup {
		return
	}
	kv.index[word] = len(kv.Words)
	kv.Words = append(kv.Words, word)
	kv.Vectors = append(kv.Vectors, v...)
}

func readBinary(br *bufio.Reader, kv *KeyedVectors, n int) error {
	raw := make([]byte, 4*kv.Dim)
	v := make([]float32, kv.Dim)
	var word []byte
	for i := 0; i < n; i++ {
		word = word[:0]
		for {
			c, err := br.ReadByte()
			if err != nil {
				return fmt.Errorf("vec: binary word2vec file ends in word %d of %d: %w", i+1, n, eofIsUnexpected(err))
			}
			if c == ' ' {
				break
			}
			if c == '\n' && len(word) == 0 {
				continue // the C tool's newline after the previous vector
			}
			if len(word) >= maxWordLen {
				return fmt.Errorf("vec: binary word2vec file: word %d is longer than %d bytes (is the file binary?)", i+1, maxWordLen)
			}
			word = append(word, c)
		}
		if _, err := io.ReadFull(br, raw); err != nil {
			return fmt.Errorf("vec: binary word2vec file ends in the vector of word %d of %d (%q): %w", i+1, n, word, eofIsUnexpected(err))
		}
		for j := range v {
			v[j] = math.Float32frombits(le.LittleEndian.Uint32(raw[4*j:]))
			if x := float64(v[j]); math.IsNaN(x) || math.IsInf(x, 0) {
				return fmt.Errorf("vec: binary word2vec file, word %d (%q), value %d: %g is not a finite number", i+1, word, j+1, x)
			}
		}
		kv.addRead(string(word), v)
	}
	return nil
}

func readText(br *bufio.Reader, kv *KeyedVectors, n int) error {
	v := make([]float32, kv.Dim)
	for i := 0; i < n; i++ {
		line, err := br.ReadBytes('\n')
		if err != nil && (err != io.EOF || len(line) == 0) {
			return fmt.Errorf("vec: text word2vec file ends at word %d of %d: %w", i+1, n, eofIsUnexpected(err))
		}
		line = bytes.TrimRight(line, " \t\r\n")
		sp := bytes.IndexByte(line, ' ')
		if sp <= 0 {
			return fmt.Errorf("vec: text word2vec file, word %d: want \"word v1 … v%d\", got %q", i+1, kv.Dim, clip(string(line)))
		}
		word := string(line[:sp])
		fields := bytes.Fields(line[sp+1:])
		if len(fields) != kv.Dim {
			return fmt.Errorf("vec: text word2vec file, word %d (%q): %d values, header says %d", i+1, word, len(fields), kv.Dim)
		}
		for j, f := range fields {
			x, err := strconv.ParseFloat(string(f), 32)
			if err != nil {
				return fmt.Errorf("vec: text word2vec file, word %d (%q), value %d: %w", i+1, word, j+1, errors.Unwrap(err))
			}
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return fmt.Errorf("vec: text word2vec file, word %d (%q), value %d: %q is not a finite number", i+1, word, j+1, f)
			}
			v[j] = float32(x)
		}
		kv.addRead(word, v)
	}
	return nil
}

// WriteWord2VecFormat writes the vectors in the word2vec text or binary
// format, in row order. Both gensim and the C tool read the result.
// Words containing whitespace cannot be stored and are an error.
func (kv *KeyedVectors) WriteWord2VecFormat(w io.Writer, binary bool) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintf(bw, "%d %d\n", kv.Len(), kv.Dim)
	raw := make([]byte, 4*kv.Dim)
	num := make([]byte, 0, 32)
	for i, word := range kv.Words {
		if word == "" || strings.ContainsAny(word, " \t\n\r") {
			return fmt.Errorf("vec: word %d (%q) is empty or contains whitespace, which the word2vec format cannot store", i, word)
		}
		bw.WriteString(word)
		bw.WriteByte(' ')
		row := kv.Row(i)
		if binary {
			for j, x := range row {
				le.LittleEndian.PutUint32(raw[4*j:], math.Float32bits(x))
			}
			bw.Write(raw)
		} else {
			for j, x := range row {
				if j > 0 {
					bw.WriteByte(' ')
				}
				bw.Write(strconv.AppendFloat(num[:0], float64(x), 'g', -1, 32))
			}
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("vec: writing word2vec file: %w", err)
	}
	return nil
}

// SaveWord2VecFormat writes the vectors to a file (see WriteWord2VecFormat).
func (kv *KeyedVectors) SaveWord2VecFormat(path string, binary bool) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("vec: %w", err)
	}
	if err := kv.WriteWord2VecFormat(f, binary); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("vec: %w", err)
	}
	return nil
}
