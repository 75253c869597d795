package lm

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/lingo-nlp/lingo/nlp/text"
)

// A saved model is
//
//	"LINGOLM1"                     magic, 8 bytes
//	uint32 n, n bytes of JSON      header: kind, level, config, vocabulary, steps
//	nn.Params.Save weights         names and shapes checked on Load
//
// Only the weights are stored, not the optimizer state: a loaded model
// continues training with a fresh AdamW.

const lmMagic = "LINGOLM1"

// ErrFormat is wrapped by Load's errors about malformed input.
var ErrFormat = errors.New("malformed model file")

type header struct {
	Kind        string             `json:"kind"`
	Level       Level              `json:"level"`
	Tokens      tokenList          `json:"tokens,omitempty"`
	Merges      mergeList          `json:"merges,omitempty"`
	Steps       int                `json:"steps"`
	Window      *WindowConfig      `json:"window,omitempty"`
	RNN         *RNNConfig         `json:"rnn,omitempty"`
	Transformer *TransformerConfig `json:"transformer,omitempty"`
}

func (m *FixedWindow) Save(w io.Writer) error {
	return save(w, m, header{Window: &m.Cfg})
}

func (m *RNN) Save(w io.Writer) error { return save(w, m, header{RNN: &m.Cfg}) }

func (m *Transformer) Save(w io.Writer) error {
	return save(w, m, header{Transformer: &m.Cfg})
}

func save(w io.Writer, m Model, h header) error {
	b := m.core()
	h.Kind, h.Level, h.Steps = b.kind, b.vocab.Level, b.state.Steps
	if b.vocab.bpe != nil {
		h.Merges = b.vocab.bpe.Merges()
	} else {
		h.Tokens = b.vocab.Tokens()
	}
	js, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("lm: save: %w", err)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(lmMagic)
	binary.Write(bw, binary.LittleEndian, uint32(len(js)))
	bw.Write(js)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("lm: save: %w", err)
	}
	if err := m.Params().Save(w); err != nil {
		return fmt.Errorf("lm: save: %w", err)
	}
	return nil
}

// SaveFile writes m to a file.
func SaveFile(m Model, path string) error { return saveFile(m, path) }

// LoadFile reads a model saved with SaveFile (or a training checkpoint).
func LoadFile(path string) (Model, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("lm: %w", err)
	}
	if st.Size() > 4*maxParams+maxHeader+(1<<20) {
		return nil, fmt.Errorf("lm: %s: %w: %d bytes is more than a model of at most %d parameters takes", path, ErrFormat, st.Size(), maxParams)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("lm: %w", err)
	}
	return Load(bytes.NewReader(b))
}

// Limits that protect Load from headers that lie.
const (
	maxHeader = 64 << 20 // bytes of JSON header
	maxTokens = 1 << 18  // vocabulary entries (tokens or merges)
	maxParams = 1 << 28  // parameters of a model (1 GiB of float32)
	maxWidth  = 1 << 14  // Dim, Hidden, Block
	maxDepth  = 1 << 8   // Layers, Heads, Context
)

// Load reads a model written by Save: it rebuilds the vocabulary and the
// architecture from the header and fills in the weights, checking every
// name and shape. Before it allocates the model it checks the sizes the
// header declares against sane maxima and, when r knows how much is left
// (a *bytes.Reader, or the file LoadFile reads), against the bytes of
// weights that follow: a short file that claims a huge model is an error,
// not an out-of-memory crash.
func Load(r io.Reader) (Model, error) {
	head := make([]byte, len(lmMagic)+4)
	if _, err := io.ReadFull(r, head); err != nil || string(head[:len(lmMagic)]) != lmMagic {
		return nil, fmt.Errorf("lm: %w: missing %s header", ErrFormat, lmMagic)
	}
	n := binary.LittleEndian.Uint32(head[len(lmMagic):])
	if n > maxHeader {
		return nil, fmt.Errorf("lm: %w: header of %d bytes", ErrFormat, n)
	}
	var js []byte
	var err error
	if l, ok := r.(interface{ Len() int }); ok && l.Len() >= int(n) {
		js = make([]byte, n)
		_, err = io.ReadFull(r, js)
	} else {
		js, err = io.ReadAll(io.LimitReader(r, int64(n))) // grows with the data, not with n
	}
	if err != nil || len(js) != int(n) {
		return nil, fmt.Errorf("lm: %w: truncated header (%d of %d bytes)", ErrFormat, len(js), n)
	}
	var h header
	if err := json.Unmarshal(js, &h); err != nil {
		return nil, fmt.Errorf("lm: %w: %v", ErrFormat, err)
	}
	V := len(h.Tokens) // the vocabulary's size, before building it
	if h.Level == BPE {
		V = 256 + len(h.Merges)
	}
	count, err := h.params(V)
	if err != nil {
		return nil, err
	}
	if l, ok := r.(interface{ Len() int }); ok && int64(l.Len()) < 4*count {
		return nil, fmt.Errorf("lm: %w: the header declares %s with %d parameters (%d bytes of weights) but %d bytes follow",
			ErrFormat, h.Kind, count, 4*count, l.Len())
	}
	v, err := h.vocab()
	if err != nil {
		return nil, err
	}
	var m Model
	switch h.Kind {
	case "window":
		m, err = NewFixedWindow(v, *h.Window)
	case "rnn":
		m, err = NewRNN(v, *h.RNN)
	default:
		m, err = NewTransformer(v, *h.Transformer)
	}
	if err != nil {
		return nil, err
	}
	if err := m.Params().Load(r); err != nil {
		return nil, fmt.Errorf("lm: %w", err)
	}
	m.core().state.Steps = h.Steps
	return m, nil
}

// vocab rebuilds the vocabulary of a header.
func (h header) vocab() (*Vocab, error) {
	tokens := []string(h.Tokens)
	switch h.Level {
	case Chars, Words:
		v, err := vocabOf(h.Level, tokens)
		if err != nil {
			return nil, fmt.Errorf("%w (%w)", err, ErrFormat)
		}
		return v, nil
	case BPE:
		b, err := text.NewBPE(h.Merges)
		if err != nil {
			return nil, fmt.Errorf("lm: %w (%w)", err, ErrFormat)
		}
		return NewBPEVocab(b), nil
	}
	return nil, fmt.Errorf("lm: %w: level %d", ErrFormat, h.Level)
}

// params is the number of parameters of the model a header describes
// over a vocabulary of V ids, computed without building it, or an error
// if a size is out of range.
func (h header) params(V int) (int64, error) {
	in := func(name string, x, lo, hi int) error {
		if x < lo || x > hi {
			return fmt.Errorf("lm: %w: %s %s is %d, want %d…%d", ErrFormat, h.Kind, name, x, lo, hi)
		}
		return nil
	}
	var err error
	check := func(name string, x, lo, hi int) {
		if err == nil {
			err = in(name, x, lo, hi)
		}
	}
	v := int64(V)
	var count int64
	switch {
	case h.Kind == "window" && h.Window != nil:
		c := h.Window.withDefaults()
		check("Context", c.Context, 1, maxDepth)
		check("Dim", c.Dim, 1, maxWidth)
		check("Hidden", c.Hidden, 1, maxWidth)
		n, d, H := int64(c.Context), int64(c.Dim), int64(c.Hidden)
		count = (v+1)*d + n*d*H + H + H*v + v
	case h.Kind == "rnn" && h.RNN != nil:
		c := h.RNN.withDefaults()
		check("Dim", c.Dim, 1, maxWidth)
		check("Hidden", c.Hidden, 1, maxWidth)
		check("Cell", int(c.Cell), int(Vanilla), int(LSTM))
		d, H := int64(c.Dim), int64(c.Hidden)
		gates := map[Cell]int64{Vanilla: 1, GRU: 3, LSTM: 4}[c.Cell]
		bias := map[Cell]int64{Vanilla: H, GRU: 6 * H, LSTM: 4 * H}[c.Cell]
		count = v*d + gates*(d*H+H*H) + bias + H*v + v
	case h.Kind == "transformer" && h.Transformer != nil:
		c := h.Transformer.withDefaults()
		check("Block", c.Block, 1, maxWidth)
		check("Dim", c.Dim, 1, maxWidth)
		check("Heads", c.Heads, 1, maxDepth)
		check("Layers", c.Layers, 1, maxDepth)
		C, L := int64(c.Dim), int64(c.Layers)
		count = v*C + int64(c.Block)*C + L*(12*C*C+13*C) + 2*C + C*v
	default:
		return 0, fmt.Errorf("lm: %w: unknown or malformed model %q", ErrFormat, h.Kind)
	}
	if err != nil {
		return 0, err
	}
	if count > maxParams {
		return 0, fmt.Errorf("lm: %w: the header declares %s with %d parameters, more than %d", ErrFormat, h.Kind, count, maxParams)
	}
	return count, nil
}

func saveFile(m Model, path string) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("lm: %w", err)
	}
	if err := m.Save(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("lm: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("lm: %w", err)
	}
	return nil
}

// tokenList and mergeList decode JSON arrays of at most maxTokens
// elements: they count the elements before decoding any.
type (
	tokenList []string
	mergeList [][2]int
)

func (l *tokenList) UnmarshalJSON(b []byte) error {
	n, err := arrayLen(b)
	if err != nil {
		return err
	}
	s := make([]string, 0, n)
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*l = s
	return nil
}

func (l *mergeList) UnmarshalJSON(b []byte) error {
	n, err := arrayLen(b)
	if err != nil {
		return err
	}
	s := make([][2]int, 0, n)
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*l = s
	return nil
}

// arrayLen counts the elements of the JSON array b (its commas at depth 1)
// and returns an error if there are more than maxTokens.
func arrayLen(b []byte) (int, error) {
	n, depth, inString, escaped, empty := 0, 0, false, false, true
	for _, c := range b {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
			continue
		case c == ']' || c == '}':
			depth--
			continue
		case c == ',' && depth == 1:
			n++
		}
		if depth == 1 && c != ' ' && c != '\n' && c != '\t' && c != '\r' {
			empty = false
		}
		if n >= maxTokens {
			return 0, fmt.Errorf("a vocabulary of more than %d entries", maxTokens)
		}
	}
	if empty {
		return 0, nil
	}
	return n + 1, nil
}
