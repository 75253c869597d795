//go:build goexperiment.simd && amd64

package nn

import "simd/archsimd"

var useSIMD = archsimd.X86.AVX512()

// adamUpdate is adamScalar 16 lanes at a time (GOEXPERIMENT=simd).
func adamUpdate(theta, g, m, v []float32, c adamCoef) {
	if !useSIMD {
		adamScalar(theta, g, m, v, c)
		return
	}
	bc := archsimd.BroadcastFloat32x16
	b1, b2, nb1, nb2 := bc(c.b1), bc(c.b2), bc(1-c.b1), bc(1-c.b2)
	step, ibc2, eps, decay, l2 := bc(c.step), bc(c.invSqrtBC2), bc(c.eps), bc(c.decay), bc(c.l2)
	n := len(theta)
	g, m, v = g[:n], m[:n], v[:n]
	i := 0
	for ; i+16 <= n; i += 16 {
		th := archsimd.LoadFloat32x16Slice(theta[i:])
		gi := l2.MulAdd(th, archsimd.LoadFloat32x16Slice(g[i:]))
		th = th.Mul(decay)
		mi := b1.Mul(archsimd.LoadFloat32x16Slice(m[i:])).Add(nb1.Mul(gi))
		vi := b2.Mul(archsimd.LoadFloat32x16Slice(v[i:])).Add(nb2.Mul(gi.Mul(gi)))
		mi.StoreSlice(m[i:])
		vi.StoreSlice(v[i:])
		th.Sub(step.Mul(mi).Div(vi.Sqrt().MulAdd(ibc2, eps))).StoreSlice(theta[i:])
	}
	archsimd.ClearAVXUpperBits()
	adamScalar(theta[i:], g[i:], m[i:], v[i:], c)
}

// allFinite is allFiniteScalar 16 lanes at a time (x − x is 0 for finite
// x and NaN otherwise).
func allFinite(xs []float32) bool {
	if !useSIMD || len(xs) < 16 {
		return allFiniteScalar(xs)
	}
	var acc archsimd.Float32x16
	i := 0
	for ; i+16 <= len(xs); i += 16 {
		x := archsimd.LoadFloat32x16Slice(xs[i:])
		acc = acc.Add(x.Sub(x))
	}
	var t [16]float32
	acc.Store(&t)
	archsimd.ClearAVXUpperBits()
	return allFiniteScalar(t[:]) && allFiniteScalar(xs[i:])
}
