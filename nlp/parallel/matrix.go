package parallel

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// A Matrix is a dense row-major matrix of float64: element (i, j) is
// Data[i*Cols+j].
type Matrix struct {
	Rows, Cols int
	Data       []float64
}

// NewMatrix returns a zero rows×cols matrix. It panics if a size is
// negative.
func NewMatrix(rows, cols int) *Matrix {
	if rows < 0 || cols < 0 {
		panic(fmt.Sprintf("parallel: matrix size %d×%d", rows, cols))
	}
	return &Matrix{Rows: rows, Cols: cols, Data: make([]float64, rows*cols)}
}

// RandomMatrix returns a rows×cols matrix of numbers drawn uniformly from
// [−scale, scale) by a generator seeded with seed.
func RandomMatrix(rows, cols int, scale float64, seed uint64) *Matrix {
	m := NewMatrix(rows, cols)
	rng := rand.New(rand.NewPCG(seed, 0x9a7a11e1))
	for i := range m.Data {
		m.Data[i] = scale * (2*rng.Float64() - 1)
	}
	return m
}

// At returns element (i, j).
func (m *Matrix) At(i, j int) float64 { return m.Data[i*m.Cols+j] }

// Row returns row i, sharing m's storage.
func (m *Matrix) Row(i int) []float64 { return m.Data[i*m.Cols : (i+1)*m.Cols] }

// Clone returns a copy of m.
func (m *Matrix) Clone() *Matrix {
	c := NewMatrix(m.Rows, m.Cols)
	copy(c.Data, m.Data)
	return c
}

// MatMul returns a·b. Every output element is summed over k in increasing
// order, so a product computed on a block of b's columns is bit-identical
// to the same columns of the whole product. It panics if a.Cols ≠ b.Rows.
func MatMul(a, b *Matrix) *Matrix {
	if a.Cols != b.Rows {
		panic(fmt.Sprintf("parallel: MatMul of %d×%d and %d×%d", a.Rows, a.Cols, b.Rows, b.Cols))
	}
	out := NewMatrix(a.Rows, b.Cols)
	for i := range a.Rows {
		o := out.Row(i)
		for k, aik := range a.Row(i) {
			for j, bkj := range b.Row(k) {
				o[j] += aik * bkj
			}
		}
	}
	return out
}

// ColRange returns a copy of columns [lo, hi) of m.
func (m *Matrix) ColRange(lo, hi int) *Matrix {
	out := NewMatrix(m.Rows, hi-lo)
	for i := range m.Rows {
		copy(out.Row(i), m.Row(i)[lo:hi])
	}
	return out
}

// RowRange returns a copy of rows [lo, hi) of m.
func (m *Matrix) RowRange(lo, hi int) *Matrix {
	out := NewMatrix(hi-lo, m.Cols)
	copy(out.Data, m.Data[lo*m.Cols:hi*m.Cols])
	return out
}

// ConcatCols puts matrices with the same number of rows side by side.
func ConcatCols(parts ...*Matrix) *Matrix {
	cols := 0
	for _, p := range parts {
		cols += p.Cols
	}
	out := NewMatrix(parts[0].Rows, cols)
	for i := range out.Rows {
		o := out.Row(i)[:0]
		for _, p := range parts {
			o = append(o, p.Row(i)...)
		}
	}
	return out
}

// GeLU applies the Gaussian error linear unit (tanh form, as in GPT-2)
// to every element: ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
func GeLU(m *Matrix) *Matrix {
	out := m.Clone()
	for i, x := range out.Data {
		out.Data[i] = 0.5 * x * (1 + math.Tanh(math.Sqrt(2/math.Pi)*(x+0.044715*x*x*x)))
	}
	return out
}

// MaxAbsDiff returns max |a − b| over the elements of two matrices of the
// same shape (+Inf if the shapes differ).
func MaxAbsDiff(a, b *Matrix) float64 {
	if a.Rows != b.Rows || a.Cols != b.Cols {
		return math.Inf(1)
	}
	d := 0.0
	for i := range a.Data {
		d = math.Max(d, math.Abs(a.Data[i]-b.Data[i]))
	}
	return d
}

// Identical reports whether a and b have the same shape and the same
// bits in every element.
func Identical(a, b *Matrix) bool {
	if a.Rows != b.Rows || a.Cols != b.Cols {
		return false
	}
	for i := range a.Data {
		if math.Float64bits(a.Data[i]) != math.Float64bits(b.Data[i]) {
			return false
		}
	}
	return true
}

// split returns the bounds of part p of n items cut into parts pieces of
// ⌊n/parts⌋ or ⌈n/parts⌉ items.
func split(n, parts, p int) (lo, hi int) {
	return p * n / parts, (p + 1) * n / parts
}
