//go:build goexperiment.simd && amd64

package autograd

import (
	"simd/archsimd"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// SIMDBLAS is a pure-Go blas.Float32 whose Sgemm uses AVX-512 through
// Go's experimental simd/archsimd package (build with GOEXPERIMENT=simd).
// Other routines fall through to gonum. It is installed at start-up when
// the CPU has AVX-512 and no C BLAS (OpenBLAS) is found (see UseBLAS).
//
// The kernel is the textbook register-blocked product: a 4×32 block of C
// lives in eight 16-lane registers while p runs over k, each step adding
// A[i, p]·B[p, j:j+32] for four rows i (one broadcast and two fused
// multiply-adds per row). Transposed operands are first copied into
// row-major scratch buffers, which costs O(mk + kn) against O(mnk).
type SIMDBLAS struct{ gonum.Implementation }

// Name describes the implementation for BLASName.
func (SIMDBLAS) Name() string { return "Lingo SIMD sgemm (pure Go, AVX-512, GOEXPERIMENT=simd)" }

// simdBLAS returns SIMDBLAS if the CPU can run it.
func simdBLAS() (blas.Float32, bool) { return SIMDBLAS{}, useSIMD }

// Sgemm computes C = alpha·op(A)·op(B) + beta·C for row-major matrices.
func (SIMDBLAS) Sgemm(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	if m == 0 || n == 0 {
		return
	}
	checkGemm(tA, tB, m, n, k, len(a), lda, len(b), ldb, len(c), ldc)
	// Leave the upper halves of the vector registers clean: the scalar SSE
	// code the rest of the program runs is otherwise slowed down by them.
	defer archsimd.ClearAVXUpperBits()
	if beta != 1 {
		for i := range m {
			row := c[i*ldc : i*ldc+n]
			if beta == 0 {
				clear(row)
				continue
			}
			for j := range row {
				row[j] *= beta
			}
		}
	}
	if k == 0 || alpha == 0 {
		return
	}
	if tA != blas.NoTrans { // A is stored k×m
		t := getBuf[float32](m * k)
		transposeInto(t, a, k, m, lda)
		defer putBuf(t)
		a, lda = t, k
	}
	if tB != blas.NoTrans { // B is stored n×k
		t := getBuf[float32](k * n)
		transposeInto(t, b, n, k, ldb)
		defer putBuf(t)
		b, ldb = t, n
	}
	sgemmNN(m, n, k, alpha, a, lda, b, ldb, c, ldc)
}

// transposeInto writes the transpose of the rows×cols matrix src (row
// stride ld) into dst as a cols×rows row-major matrix.
func transposeInto(dst, src []float32, rows, cols, ld int) {
	const blk = 32 // tiles keep both sides in cache
	for i0 := 0; i0 < rows; i0 += blk {
		for j0 := 0; j0 < cols; j0 += blk {
			for i := i0; i < min(i0+blk, rows); i++ {
				for j := j0; j < min(j0+blk, cols); j++ {
					dst[j*rows+i] = src[i*ld+j]
				}
			}
		}
	}
}

// sgemmNN adds alpha·A·B to C, all row-major and untransposed. A is
// first packed into blocks of 4 rows stored column by column (ap[4p + r] =
// A[i+r, p]), and each 32-column panel of B into a contiguous k×32 array,
// both zero-padded, so the kernel streams two arrays with no bounds
// arithmetic and one loop handles every edge.
func sgemmNN(m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, c []float32, ldc int) {
	mb := (m + 3) / 4 // row blocks
	ap := getBuf[float32](mb * 4 * k)
	defer putBuf(ap)
	for ib := range mb {
		blk := ap[ib*4*k : (ib+1)*4*k]
		for r := range 4 {
			i := ib*4 + r
			if i >= m {
				for p := range k {
					blk[4*p+r] = 0
				}
				continue
			}
			for p, v := range a[i*lda : i*lda+k] {
				blk[4*p+r] = v
			}
		}
	}
	bp := getBuf[float32](32 * k)
	defer putBuf(bp)
	for j := 0; j < n; j += 32 {
		w := min(32, n-j)
		for p := range k {
			row := bp[32*p : 32*p+32]
			copy(row, b[p*ldb+j:p*ldb+j+w])
			clear(row[w:])
		}
		for ib := range mb {
			kernel4x32(ap[ib*4*k:(ib+1)*4*k], bp[:32*k], c[(ib*4)*ldc+j:], ldc, min(4, m-ib*4), w, alpha)
		}
	}
}

// kernel4x32 computes the 4×32 block Σ_p a[4p:4p+4] ⊗ b[32p:32p+32] and
// adds alpha times its first rows rows and w columns to c (row stride
// ldc). The block lives in eight registers; it leaves the vector
// registers clean.
func kernel4x32(a, b, c []float32, ldc, rows, w int, alpha float32) {
	al := archsimd.BroadcastFloat32x16(alpha)
	var c00, c01, c10, c11, c20, c21, c30, c31 archsimd.Float32x16
	for len(a) >= 4 && len(b) >= 32 {
		b0 := archsimd.LoadFloat32x16Slice(b)
		b1 := archsimd.LoadFloat32x16Slice(b[16:32])
		x := archsimd.BroadcastFloat32x16(a[0])
		c00, c01 = b0.MulAdd(x, c00), b1.MulAdd(x, c01)
		x = archsimd.BroadcastFloat32x16(a[1])
		c10, c11 = b0.MulAdd(x, c10), b1.MulAdd(x, c11)
		x = archsimd.BroadcastFloat32x16(a[2])
		c20, c21 = b0.MulAdd(x, c20), b1.MulAdd(x, c21)
		x = archsimd.BroadcastFloat32x16(a[3])
		c30, c31 = b0.MulAdd(x, c30), b1.MulAdd(x, c31)
		a, b = a[4:], b[32:]
	}
	addRow(c00, c01, al, c, w)
	if rows > 1 {
		addRow(c10, c11, al, c[ldc:], w)
	}
	if rows > 2 {
		addRow(c20, c21, al, c[2*ldc:], w)
	}
	if rows > 3 {
		addRow(c30, c31, al, c[3*ldc:], w)
	}
	archsimd.ClearAVXUpperBits()
}

// addRow adds al·(x0, x1) to the first w ≤ 32 elements of row.
func addRow(x0, x1, al archsimd.Float32x16, row []float32, w int) {
	if w == 32 {
		x0.MulAdd(al, archsimd.LoadFloat32x16Slice(row)).StoreSlice(row)
		x1.MulAdd(al, archsimd.LoadFloat32x16Slice(row[16:32])).StoreSlice(row[16:32])
		return
	}
	row = row[:w]
	x0.MulAdd(al, archsimd.LoadFloat32x16SlicePart(row)).StoreSlicePart(row)
	if w > 16 {
		x1.MulAdd(al, archsimd.LoadFloat32x16SlicePart(row[16:])).StoreSlicePart(row[16:])
	}
}
