//go:build goexperiment.simd && amd64

package word2vec

import "simd/archsimd"

// SIMD reports whether training uses the 8-wide float32 kernels (built
// with GOEXPERIMENT=simd on amd64, and the CPU has AVX2 and FMA).
var SIMD = archsimd.X86.AVX2() && archsimd.X86.FMA()

// Every kernel here ends its vector code with archsimd.ClearAVXUpperBits
// (VZEROUPPER) before any scalar float code runs, its own tail loops and
// the caller's code alike: on Intel CPUs a scalar SSE instruction executed
// while the upper halves of the vector registers are dirty costs about a
// hundred cycles, which made these kernels slower than the scalar ones.
// For the same reason results leave the vector registers through memory.

// reduce4 folds the 8 lanes of x into lane 0 of the result as
// ((x0 + x4) + (x1 + x5)) + ((x2 + x6) + (x3 + x7)).
func reduce4(x archsimd.Float32x8) archsimd.Float32x4 {
	z := x.GetHi().Add(x.GetLo())
	z = z.AddPairs(z)
	return z.AddPairs(z)
}

// hsum adds the 8 lanes of x and clears the upper halves of the vector
// registers.
func hsum(x archsimd.Float32x8) float32 {
	var t [4]float32
	reduce4(x).Store(&t)
	archsimd.ClearAVXUpperBits()
	return t[0]
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
	archsimd.ClearAVXUpperBits()
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
		archsimd.ClearAVXUpperBits()
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

// dot6: see dot6Generic.
func dot6(h []float32, u *[6][]float32) [6]float32 {
	if !SIMD {
		return dot6Generic(h, u)
	}
	n := len(h)
	u0, u1, u2, u3, u4, u5 := u[0][:n], u[1][:n], u[2][:n], u[3][:n], u[4][:n], u[5][:n]
	var a0, a1, a2, a3, a4, a5 archsimd.Float32x8
	i := 0
	for ; i <= n-8; i += 8 {
		hv := archsimd.LoadFloat32x8Slice(h[i:])
		a0 = hv.MulAdd(archsimd.LoadFloat32x8Slice(u0[i:]), a0)
		a1 = hv.MulAdd(archsimd.LoadFloat32x8Slice(u1[i:]), a1)
		a2 = hv.MulAdd(archsimd.LoadFloat32x8Slice(u2[i:]), a2)
		a3 = hv.MulAdd(archsimd.LoadFloat32x8Slice(u3[i:]), a3)
		a4 = hv.MulAdd(archsimd.LoadFloat32x8Slice(u4[i:]), a4)
		a5 = hv.MulAdd(archsimd.LoadFloat32x8Slice(u5[i:]), a5)
	}
	var t [6][4]float32
	reduce4(a0).Store(&t[0])
	reduce4(a1).Store(&t[1])
	reduce4(a2).Store(&t[2])
	reduce4(a3).Store(&t[3])
	reduce4(a4).Store(&t[4])
	reduce4(a5).Store(&t[5])
	archsimd.ClearAVXUpperBits()
	s := [6]float32{t[0][0], t[1][0], t[2][0], t[3][0], t[4][0], t[5][0]}
	for ; i < n; i++ {
		hi := h[i]
		s[0] += hi * u0[i]
		s[1] += hi * u1[i]
		s[2] += hi * u2[i]
		s[3] += hi * u3[i]
		s[4] += hi * u4[i]
		s[5] += hi * u5[i]
	}
	return s
}

// update6: see update6Generic.
func update6(g *[6]float32, h, e []float32, u *[6][]float32) {
	if !SIMD {
		update6Generic(g, h, e, u)
		return
	}
	n := len(h)
	e = e[:n]
	u0, u1, u2, u3, u4, u5 := u[0][:n], u[1][:n], u[2][:n], u[3][:n], u[4][:n], u[5][:n]
	g0, g1, g2 := archsimd.BroadcastFloat32x8(g[0]), archsimd.BroadcastFloat32x8(g[1]), archsimd.BroadcastFloat32x8(g[2])
	g3, g4, g5 := archsimd.BroadcastFloat32x8(g[3]), archsimd.BroadcastFloat32x8(g[4]), archsimd.BroadcastFloat32x8(g[5])
	i := 0
	for ; i <= n-8; i += 8 {
		hv := archsimd.LoadFloat32x8Slice(h[i:])
		a0 := archsimd.LoadFloat32x8Slice(u0[i:])
		a1 := archsimd.LoadFloat32x8Slice(u1[i:])
		a2 := archsimd.LoadFloat32x8Slice(u2[i:])
		a3 := archsimd.LoadFloat32x8Slice(u3[i:])
		a4 := archsimd.LoadFloat32x8Slice(u4[i:])
		a5 := archsimd.LoadFloat32x8Slice(u5[i:])
		hv.MulAdd(g0, a0).StoreSlice(u0[i:])
		hv.MulAdd(g1, a1).StoreSlice(u1[i:])
		hv.MulAdd(g2, a2).StoreSlice(u2[i:])
		hv.MulAdd(g3, a3).StoreSlice(u3[i:])
		hv.MulAdd(g4, a4).StoreSlice(u4[i:])
		hv.MulAdd(g5, a5).StoreSlice(u5[i:])
		sum := a0.Mul(g0).Add(a1.Mul(g1)).Add(a2.MulAdd(g2, a3.Mul(g3))).Add(a4.MulAdd(g4, a5.Mul(g5)))
		archsimd.LoadFloat32x8Slice(e[i:]).Add(sum).StoreSlice(e[i:])
	}
	archsimd.ClearAVXUpperBits()
	if i < n {
		update6Generic(g, h[i:], e[i:], &[6][]float32{u0[i:], u1[i:], u2[i:], u3[i:], u4[i:], u5[i:]})
	}
}

// add computes y += x; len(y) must be ≥ len(x).
func add(x, y []float32) {
	if !SIMD {
		addGeneric(x, y)
		return
	}
	n := len(x)
	y = y[:n]
	i := 0
	for ; i <= n-8; i += 8 {
		archsimd.LoadFloat32x8Slice(y[i:]).Add(archsimd.LoadFloat32x8Slice(x[i:])).StoreSlice(y[i:])
	}
	archsimd.ClearAVXUpperBits()
	for ; i < n; i++ {
		y[i] += x[i]
	}
}

// sumRows sets h = Σ_k rows[k] (see sumRowsGeneric), 8 lanes of every
// row at a time, the tail with masked loads.
func sumRows(h []float32, rows [][]float32) {
	if !SIMD {
		sumRowsGeneric(h, rows)
		return
	}
	n := len(h)
	i := 0
	for ; i <= n-8; i += 8 {
		var acc archsimd.Float32x8
		for _, r := range rows {
			acc = acc.Add(archsimd.LoadFloat32x8Slice(r[i:]))
		}
		acc.StoreSlice(h[i:])
	}
	if i < n {
		var acc archsimd.Float32x8
		for _, r := range rows {
			acc = acc.Add(archsimd.LoadFloat32x8SlicePart(r[i:n]))
		}
		acc.StoreSlicePart(h[i:])
	}
	archsimd.ClearAVXUpperBits()
}

// addToRows computes rows[k] += e (see addToRowsGeneric), 8 lanes at a
// time with e loaded once for all rows.
func addToRows(e []float32, rows [][]float32) {
	if !SIMD {
		addToRowsGeneric(e, rows)
		return
	}
	n := len(e)
	i := 0
	for ; i <= n-8; i += 8 {
		ev := archsimd.LoadFloat32x8Slice(e[i:])
		for _, r := range rows {
			archsimd.LoadFloat32x8Slice(r[i:]).Add(ev).StoreSlice(r[i:])
		}
	}
	if i < n {
		ev := archsimd.LoadFloat32x8SlicePart(e[i:])
		for _, r := range rows {
			r = r[i:n]
			archsimd.LoadFloat32x8SlicePart(r).Add(ev).StoreSlicePart(r)
		}
	}
	archsimd.ClearAVXUpperBits()
}

// merge: see mergeGeneric.
func merge(shared, private, base []float32) {
	if !SIMD {
		mergeGeneric(shared, private, base)
		return
	}
	n := len(shared)
	private, base = private[:n], base[:n]
	i := 0
	for ; i <= n-8; i += 8 {
		s := archsimd.LoadFloat32x8Slice(shared[i:]).Add(archsimd.LoadFloat32x8Slice(private[i:]).Sub(archsimd.LoadFloat32x8Slice(base[i:])))
		s.StoreSlice(shared[i:])
		s.StoreSlice(private[i:])
		s.StoreSlice(base[i:])
	}
	archsimd.ClearAVXUpperBits()
	mergeGeneric(shared[i:], private[i:], base[i:])
}
