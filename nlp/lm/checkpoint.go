package lm

import (
	"bufio"
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
	Tokens      []string           `json:"tokens,omitempty"`
	Merges      [][2]int           `json:"merges,omitempty"`
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
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("lm: %w", err)
	}
	defer f.Close()
	return Load(bufio.NewReader(f))
}

// Load reads a model written by Save: it rebuilds the vocabulary and the
// architecture from the header and fills in the weights, checking every
// name and shape.
func Load(r io.Reader) (Model, error) {
	head := make([]byte, len(lmMagic)+4)
	if _, err := io.ReadFull(r, head); err != nil || string(head[:len(lmMagic)]) != lmMagic {
		return nil, fmt.Errorf("lm: %w: missing %s header", ErrFormat, lmMagic)
	}
	n := binary.LittleEndian.Uint32(head[len(lmMagic):])
	if n > 64<<20 {
		return nil, fmt.Errorf("lm: %w: header of %d bytes", ErrFormat, n)
	}
	js := make([]byte, n)
	if _, err := io.ReadFull(r, js); err != nil {
		return nil, fmt.Errorf("lm: %w: truncated header", ErrFormat)
	}
	var h header
	if err := json.Unmarshal(js, &h); err != nil {
		return nil, fmt.Errorf("lm: %w: %v", ErrFormat, err)
	}
	var v *Vocab
	var err error
	switch h.Level {
	case Chars, Words:
		v, err = vocabOf(h.Level, h.Tokens)
	case BPE:
		var b *text.BPE
		if b, err = text.NewBPE(h.Merges); err == nil {
			v = NewBPEVocab(b)
		} else {
			err = fmt.Errorf("lm: %w", err)
		}
	default:
		return nil, fmt.Errorf("lm: %w: level %d", ErrFormat, h.Level)
	}
	if err != nil {
		return nil, fmt.Errorf("%w (%w)", err, ErrFormat)
	}
	if len(h.Tokens) > 1<<22 || len(h.Merges) > 1<<22 {
		return nil, fmt.Errorf("lm: %w: %d tokens", ErrFormat, len(h.Tokens))
	}
	var m Model
	switch {
	case h.Kind == "window" && h.Window != nil && sane(h.Window.Context, h.Window.Dim, h.Window.Hidden):
		m, err = NewFixedWindow(v, *h.Window)
	case h.Kind == "rnn" && h.RNN != nil && sane(h.RNN.Dim, h.RNN.Hidden):
		m, err = NewRNN(v, *h.RNN)
	case h.Kind == "transformer" && h.Transformer != nil &&
		sane(h.Transformer.Block, h.Transformer.Dim, h.Transformer.Heads, h.Transformer.Layers):
		m, err = NewTransformer(v, *h.Transformer)
	default:
		return nil, fmt.Errorf("lm: %w: unknown or malformed model %q", ErrFormat, h.Kind)
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

// sane checks sizes read from a file before any allocation depends on them.
func sane(sizes ...int) bool {
	prod := 1
	for _, s := range sizes {
		if s < 1 || s > 1<<14 {
			return false
		}
		prod *= s
	}
	return prod <= 1<<26
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
