//go:build goexperiment.simd && amd64

package word2vec

import "simd/archsimd"

// SIMD reports whether training uses the 8-wide float32 kernels (built
// with GOEXPERIMENT=simd on amd64, and the CPU has AVX2 and FMA).
var SIMD = archsimd.X86.AVX2() && archsimd.X86.FMA()

// hsum adds the 8 lanes of x.
func hsum(x archsimd.Float32x8) float32 {
	var t [8]float32
	x.Store(&t)
	return ((t[0] + t[4]) + (t[1] + t[5])) + ((t[2] + t[6]) + (t[3] + t[7]))
}

// dot returns a·b; len(b) must be ≥ len(a).
func dot(a, b []float32) float32 {
	if !SIMD {
		return dotGeneric(a, b)
	}
	n := len(a)
	b = b[:n]
	var acc0, acc1 archsimd.Float32x8
	i := 0
	for ; i <= n-16; i += 16 {
		acc0 = archsimd.LoadFloat32x8Slice(a[i:]).MulAdd(archsimd.LoadFloat32x8Slice(b[i:]), acc0)
		acc1 = archsimd.LoadFloat32x8Slice(a[i+8:]).MulAdd(archsimd.LoadFloat32x8Slice(b[i+8:]), acc1)
	}
	if i <= n-8 {
		acc0 = archsimd.LoadFloat32x8Slice(a[i:]).MulAdd(archsimd.LoadFloat32x8Slice(b[i:]), acc0)
		i += 8
	}
	s := hsum(acc0.Add(acc1))
	for ; i < n; i++ {
		s += a[i] * b[i]
	}
	return s
}

// axpy computes y += a·x; len(y) must be ≥ len(x).
func axpy(a float32, x, y []float32) {
	if !SIMD {
		axpyGeneric(a, x, y)
		return
	}
	n := len(x)
	y = y[:n]
	av := archsimd.BroadcastFloat32x8(a)
	i := 0
	for ; i <= n-8; i += 8 {
		archsimd.LoadFloat32x8Slice(x[i:]).MulAdd(av, archsimd.LoadFloat32x8Slice(y[i:])).StoreSlice(y[i:])
	}
	for ; i < n; i++ {
		y[i] += a * x[i]
	}
}

// update: see updateGeneric.
func update(g float32, h, u, e, next []float32) float32 {
	if !SIMD {
		return updateGeneric(g, h, u, e, next)
	}
	n := len(h)
	u, e = u[:n], e[:n]
	gv := archsimd.BroadcastFloat32x8(g)
	i := 0
	if next == nil {
		for ; i <= n-8; i += 8 {
			uv := archsimd.LoadFloat32x8Slice(u[i:])
			uv.MulAdd(gv, archsimd.LoadFloat32x8Slice(e[i:])).StoreSlice(e[i:])
			archsimd.LoadFloat32x8Slice(h[i:]).MulAdd(gv, uv).StoreSlice(u[i:])
		}
		for ; i < n; i++ {
			ui := u[i]
			e[i] += g * ui
			u[i] = ui + g*h[i]
		}
		return 0
	}
	next = next[:n]
	var acc archsimd.Float32x8
	for ; i <= n-8; i += 8 {
		uv := archsimd.LoadFloat32x8Slice(u[i:])
		hv := archsimd.LoadFloat32x8Slice(h[i:])
		uv.MulAdd(gv, archsimd.LoadFloat32x8Slice(e[i:])).StoreSlice(e[i:])
		hv.MulAdd(gv, uv).StoreSlice(u[i:])
		acc = hv.MulAdd(archsimd.LoadFloat32x8Slice(next[i:]), acc) // after the store: next may be u
	}
	s := hsum(acc)
	for ; i < n; i++ {
		ui := u[i]
		e[i] += g * ui
		u[i] = ui + g*h[i]
		s += h[i] * next[i]
	}
	return s
}

// flush: see flushGeneric.
func flush(x, y, a, b []float32) float32 {
	if !SIMD || a == nil {
		return flushGeneric(x, y, a, b)
	}
	n := len(x)
	y, a, b = y[:n], a[:n], b[:n]
	var zero, acc archsimd.Float32x8
	i := 0
	for ; i <= n-8; i += 8 {
		archsimd.LoadFloat32x8Slice(y[i:]).Add(archsimd.LoadFloat32x8Slice(x[i:])).StoreSlice(y[i:])
		zero.StoreSlice(x[i:])
		acc = archsimd.LoadFloat32x8Slice(a[i:]).MulAdd(archsimd.LoadFloat32x8Slice(b[i:]), acc) // after the store: a may be y
	}
	s := hsum(acc)
	for ; i < n; i++ {
		y[i] += x[i]
		x[i] = 0
		s += a[i] * b[i]
	}
	return s
}
