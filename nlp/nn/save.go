package nn

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Weights are saved in a small self-describing binary format:
//
//	"LINGONN1"                          magic, 8 bytes
//	uint32 count                        number of tensors
//	count × {
//	  uint16 len, name                  UTF-8, ≤ 1024 bytes
//	  uint8 ndim, ndim × uint32 dims    ndim ≤ 8
//	  prod(dims) × float32              little-endian, row-major
//	}
//
// Load checks every name and shape against the model it fills.

const magic = "LINGONN1"

// Save writes the values of ps to w.
func (ps Params) Save(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(magic)
	binary.Write(bw, binary.LittleEndian, uint32(len(ps)))
	var buf [4]byte
	for _, p := range ps {
		binary.Write(bw, binary.LittleEndian, uint16(len(p.Name)))
		bw.WriteString(p.Name)
		shape := p.T.Shape()
		bw.WriteByte(byte(len(shape)))
		for _, d := range shape {
			binary.Write(bw, binary.LittleEndian, uint32(d))
		}
		for _, v := range p.T.Data {
			binary.LittleEndian.PutUint32(buf[:], math.Float32bits(v))
			bw.Write(buf[:])
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("nn: saving weights: %w", err)
	}
	return nil
}

// ErrFormat is wrapped by Load's errors about malformed input.
var ErrFormat = errors.New("malformed weights file")

// Load reads weights written by Save into ps. Every tensor in the file
// must match a parameter of the same name and shape, and every parameter
// must be present, and every weight finite (a NaN or infinity is an error
// naming the tensor and index); otherwise Load returns an error and leaves
// ps unchanged.
func (ps Params) Load(r io.Reader) error {
	br := bufio.NewReader(r)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return fmt.Errorf("nn: loading weights: %w: no %q header", ErrFormat, magic)
	}
	var count uint32
	if err := binary.Read(br, binary.LittleEndian, &count); err != nil {
		return fmt.Errorf("nn: loading weights: %w: %v", ErrFormat, err)
	}
	if int(count) != len(ps) {
		return fmt.Errorf("nn: loading weights: file has %d tensors, model has %d", count, len(ps))
	}
	byName := map[string]*Tensor{}
	for _, p := range ps {
		byName[p.Name] = p.T
	}
	values := map[string][]float32{}
	for range count {
		var n uint16
		if err := binary.Read(br, binary.LittleEndian, &n); err != nil {
			return fmt.Errorf("nn: loading weights: %w: %v", ErrFormat, err)
		}
		if n > 1024 {
			return fmt.Errorf("nn: loading weights: %w: name of %d bytes", ErrFormat, n)
		}
		name := make([]byte, n)
		if _, err := io.ReadFull(br, name); err != nil {
			return fmt.Errorf("nn: loading weights: %w: %v", ErrFormat, err)
		}
		t, ok := byName[string(name)]
		if !ok {
			return fmt.Errorf("nn: loading weights: file has %q, which the model lacks", name)
		}
		if _, dup := values[string(name)]; dup {
			return fmt.Errorf("nn: loading weights: %w: %q appears twice", ErrFormat, name)
		}
		ndim, err := br.ReadByte()
		if err != nil || ndim > 8 {
			return fmt.Errorf("nn: loading weights: %w: bad rank for %q", ErrFormat, name)
		}
		shape := make([]int, ndim)
		for i := range shape {
			var d uint32
			if err := binary.Read(br, binary.LittleEndian, &d); err != nil {
				return fmt.Errorf("nn: loading weights: %w: %v", ErrFormat, err)
			}
			shape[i] = int(d)
		}
		if fmt.Sprint(shape) != fmt.Sprint(t.Shape()) {
			return fmt.Errorf("nn: loading weights: %q has shape %v in the file, %v in the model", name, shape, t.Shape())
		}
		vals := make([]float32, t.Size())
		var buf [4]byte
		for i := range vals {
			if _, err := io.ReadFull(br, buf[:]); err != nil {
				return fmt.Errorf("nn: loading weights: %w: %q truncated: %v", ErrFormat, name, err)
			}
			v := math.Float32frombits(binary.LittleEndian.Uint32(buf[:]))
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				return fmt.Errorf("nn: loading weights: %w: %q[%d] is %v (a model saved after its training diverged?)", ErrFormat, name, i, v)
			}
			vals[i] = v
		}
		values[string(name)] = vals
	}
	for name, vals := range values {
		copy(byName[name].Data, vals)
	}
	return nil
}
