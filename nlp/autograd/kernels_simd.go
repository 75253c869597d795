//go:build goexperiment.simd && amd64

package autograd

import (
	"math"
	"simd/archsimd"
)

// 16-lane AVX-512 versions of the float32 kernels (GOEXPERIMENT=simd).
// Each computes exactly the formula of its scalar twin in fastmath.go,
// lane by lane, and leaves the tail (< 16 elements) to the scalar code or
// to masked loads and stores.
//
// Every kernel clears the upper halves of the vector registers
// (archsimd.ClearAVXUpperBits, VZEROUPPER) before any scalar float code
// runs, its own tail and the caller's code alike, and its scalar results
// leave the vector registers through memory: on Intel CPUs a scalar SSE
// instruction executed while the upper halves are dirty costs about a
// hundred cycles, which made a 128-element row sum 20× slower than its
// scalar loop.

var useSIMD = archsimd.X86.AVX512()

// KernelsName describes the element-wise float32 kernels (exp, tanh, GELU,
// softmax, layer norm) this build and CPU run.
func KernelsName() string {
	switch {
	case useSIMD:
		return "16-lane AVX-512 (GOEXPERIMENT=simd)"
	case useAVX2:
		return "8-lane AVX2 (GOEXPERIMENT=simd; the CPU lacks AVX-512)"
	}
	return "scalar Go (built with GOEXPERIMENT=simd, but the CPU lacks AVX2 and FMA)"
}

// To keep scalar code out of the vector regions, the kernels follow three
// rules: scalar arguments are broadcast into vectors at entry, before any
// vector code; vectors live in local variables only (the compiler copies
// structs and arrays of vectors with SSE moves); and scalar results are
// stored to memory and read back after ClearAVXUpperBits.

type f16 = archsimd.Float32x16

func bc(x float32) f16 { return archsimd.BroadcastFloat32x16(x) }

// bcInt broadcasts float32(n) without scalar float code (no CVTSQ2SS).
func bcInt(n int) f16 { return archsimd.BroadcastInt32x16(int32(n)).ConvertToFloat32() }

// tail is the mask of the first n < 16 lanes.
func tail(n int) archsimd.Mask32x16 { return archsimd.Mask32x16FromBits(0xffff >> (16 - n)) }

// sumAll returns the sum of the 16 lanes of x in every lane.
func sumAll(x f16) f16 {
	y := x.GetHi().Add(x.GetLo())
	z := y.GetHi().Add(y.GetLo())
	z = z.AddPairs(z)
	return z.AddPairs(z).Broadcast1To16()
}

// maxAll returns the largest of the 16 lanes of x in every lane.
func maxAll(x f16) f16 {
	y := x.GetHi().Max(x.GetLo())
	z := y.GetHi().Max(y.GetLo())
	z = z.Max(z.SelectFromPair(1, 0, 3, 2, z))
	return z.Max(z.SelectFromPair(2, 3, 0, 1, z)).Broadcast1To16()
}

// Broadcast constants of the kernels below, set at start-up when the CPU
// runs them: a package-level vector is one load per use, where bc(c) is a
// scalar load and a broadcast.
var (
	c9m     f16
	c9      f16
	cInv81  f16
	tp6     f16
	tp5     f16
	tp4     f16
	tp3     f16
	tp2     f16
	tp1     f16
	tq3     f16
	tq2     f16
	tq1     f16
	cOne    f16
	cHalf   f16
	eLo     f16
	eHi     f16
	eLog2e  f16
	eLn2hi  f16
	eLn2lo  f16
	e6      f16
	e5      f16
	e4      f16
	e3      f16
	cInf    f16
	cNegInf f16
	gC      f16
	gK      f16
	g3K     f16
	cBias   archsimd.Int32x16
)

func init() {
	if !useSIMD {
		return
	}
	c9m = bc(-9)
	c9 = bc(9)
	cInv81 = bc(1.0 / 81)
	tp6 = bc(-0.02476443536579609)
	tp5 = bc(0.18768095970153809)
	tp4 = bc(-0.8796055316925049)
	tp3 = bc(5.954153537750244)
	tp2 = bc(20.39531707763672)
	tp1 = bc(10.601361274719238)
	tq3 = bc(135.67335510253906)
	tq2 = bc(160.8325958251953)
	tq1 = bc(37.601356506347656)
	cOne = bc(1)
	cHalf = bc(0.5)
	eLo = bc(-87.3)
	eHi = bc(88.72)
	eLog2e = bc(1.44269504088896341)
	eLn2hi = bc(0.693359375)
	eLn2lo = bc(-2.12194440e-4)
	e6 = bc(1.0 / 720)
	e5 = bc(1.0 / 120)
	e4 = bc(1.0 / 24)
	e3 = bc(1.0 / 6)
	cInf = bc(float32(math.Inf(1)))
	cNegInf = bc(float32(math.Inf(-1)))
	gC = bc(geluC)
	gK = bc(geluK)
	g3K = bc(3 * geluK)
	cBias = archsimd.BroadcastInt32x16(127)
}

// tanhV is tanhf on 16 lanes, NaN kept.
func tanhV(x f16) f16 {
	xc := x.Max(c9m).Min(c9)
	xc = x.Merge(xc, x.IsNaN())
	u := xc.Mul(xc).Mul(cInv81)
	p := tp6.MulAdd(u, tp5).MulAdd(u, tp4).MulAdd(u, tp3).MulAdd(u, tp2).MulAdd(u, tp1).MulAdd(u, cOne)
	q := tq3.MulAdd(u, tq2).MulAdd(u, tq1).MulAdd(u, cOne)
	return xc.Mul(p).Div(q)
}

// expV is expf on 16 lanes.
func expV(x f16) f16 {
	xc := x.Max(eLo).Min(eHi)
	k := xc.Mul(eLog2e).RoundToEvenScaled(0) // nearest integer
	r := xc.Sub(k.Mul(eLn2hi)).Sub(k.Mul(eLn2lo))
	p := e6.MulAdd(r, e5).MulAdd(r, e4).MulAdd(r, e3).MulAdd(r, cHalf).MulAdd(r, cOne).MulAdd(r, cOne)
	ki := k.ConvertToInt32()
	k1 := ki.ShiftAllRight(1)
	s1 := k1.Add(cBias).ShiftAllLeft(23).AsFloat32x16()
	s2 := ki.Sub(k1).Add(cBias).ShiftAllLeft(23).AsFloat32x16()
	y := p.Mul(s1).Mul(s2)
	y = y.Masked(x.GreaterEqual(eLo))   // underflow (and −∞) → 0
	y = y.Merge(cInf, x.LessEqual(eHi)) // overflow → +∞
	return x.Merge(y, x.IsNaN())        // NaN stays NaN
}

func tanh32(dst, src []float32) {
	if !useSIMD {
		if useAVX2 {
			tanh32x8(dst, src)
			return
		}
		tanh32Scalar(dst, src)
		return
	}
	src = src[:len(dst)]
	i := 0
	for ; i+16 <= len(dst); i += 16 {
		tanhV(archsimd.LoadFloat32x16Slice(src[i:])).StoreSlice(dst[i:])
	}
	archsimd.ClearAVXUpperBits()
	tanh32Scalar(dst[i:], src[i:])
}

func exp32(dst, src []float32) {
	if !useSIMD {
		if useAVX2 {
			exp32x8(dst, src)
			return
		}
		exp32Scalar(dst, src)
		return
	}
	src = src[:len(dst)]
	i := 0
	for ; i+16 <= len(dst); i += 16 {
		expV(archsimd.LoadFloat32x16Slice(src[i:])).StoreSlice(dst[i:])
	}
	archsimd.ClearAVXUpperBits()
	exp32Scalar(dst[i:], src[i:])
}

// softmax32 is softmaxScalar 16 lanes at a time: dst = softmax(src) (dst
// may be src); it returns max(src) and z = Σ e^(src−max).
func softmax32(dst, src []float32) (m, z float32) {
	n := len(src)
	if !useSIMD || n < 16 {
		if useAVX2 && n >= 8 {
			return softmax32x8(dst, src)
		}
		return softmax32Scalar(dst, src)
	}
	dst = dst[:n]
	ninf := cNegInf
	mv := ninf
	i := 0
	for ; i+16 <= n; i += 16 {
		mv = mv.Max(archsimd.LoadFloat32x16Slice(src[i:]))
	}
	if i < n {
		mv = mv.Max(archsimd.LoadFloat32x16SlicePart(src[i:]).Merge(ninf, tail(n-i)))
	}
	mb := maxAll(mv)
	var sv f16
	for i = 0; i+16 <= n; i += 16 {
		e := expV(archsimd.LoadFloat32x16Slice(src[i:]).Sub(mb))
		e.StoreSlice(dst[i:])
		sv = sv.Add(e)
	}
	if i < n {
		e := expV(archsimd.LoadFloat32x16SlicePart(src[i:]).Sub(mb)).Masked(tail(n - i))
		e.StoreSlicePart(dst[i:])
		sv = sv.Add(e)
	}
	zv := sumAll(sv)
	inv := cOne.Div(zv)
	for i = 0; i+16 <= n; i += 16 {
		archsimd.LoadFloat32x16Slice(dst[i:]).Mul(inv).StoreSlice(dst[i:])
	}
	if i < n {
		archsimd.LoadFloat32x16SlicePart(dst[i:]).Mul(inv).StoreSlicePart(dst[i:])
	}
	var t [8]float32
	mb.GetLo().GetLo().Store((*[4]float32)(t[:4]))
	zv.GetLo().GetLo().Store((*[4]float32)(t[4:]))
	archsimd.ClearAVXUpperBits()
	if m, z = t[0], t[4]; m == float32(math.Inf(-1)) { // a fully masked row: zeros, as softmaxScalar
		clear(dst)
		return m, 0
	}
	return m, z
}

// softmaxGrad32: see softmaxGradInPlace.
func softmaxGrad32(g, y []float32) {
	n := len(g)
	if !useSIMD || n < 16 {
		if useAVX2 && n >= 8 {
			softmaxGrad32x8(g, y)
			return
		}
		softmaxGrad32Scalar(g, y)
		return
	}
	y = y[:n]
	var dv f16
	i := 0
	for ; i+16 <= n; i += 16 {
		dv = archsimd.LoadFloat32x16Slice(g[i:]).MulAdd(archsimd.LoadFloat32x16Slice(y[i:]), dv)
	}
	if i < n { // missing lanes load as 0 and add nothing
		dv = archsimd.LoadFloat32x16SlicePart(g[i:]).MulAdd(archsimd.LoadFloat32x16SlicePart(y[i:]), dv)
	}
	dot := sumAll(dv)
	for i = 0; i+16 <= n; i += 16 {
		yi := archsimd.LoadFloat32x16Slice(y[i:])
		yi.Mul(archsimd.LoadFloat32x16Slice(g[i:]).Sub(dot)).StoreSlice(g[i:])
	}
	if i < n {
		yi := archsimd.LoadFloat32x16SlicePart(y[i:])
		yi.Mul(archsimd.LoadFloat32x16SlicePart(g[i:]).Sub(dot)).StoreSlicePart(g[i:])
	}
	archsimd.ClearAVXUpperBits()
}

const geluC, geluK = 0.7978845608028654, 0.044715

func gelu32(y, t, x []float32) {
	if !useSIMD {
		if useAVX2 {
			gelu32x8(y, t, x)
			return
		}
		gelu32Scalar(y, t, x)
		return
	}
	x = x[:len(y)]
	t = t[:len(y)]
	i := 0
	for ; i+16 <= len(y); i += 16 {
		v := archsimd.LoadFloat32x16Slice(x[i:])
		ti := tanhV(gC.Mul(v.Mul(v).Mul(v).MulAdd(gK, v))) // tanh c(x + k x³)
		ti.StoreSlice(t[i:])
		cHalf.Mul(v).Mul(ti.Add(cOne)).StoreSlice(y[i:])
	}
	archsimd.ClearAVXUpperBits()
	gelu32Scalar(y[i:], t[i:], x[i:])
}

func geluGrad32(gx, g, x, t []float32, overwrite bool) {
	if !useSIMD {
		if useAVX2 {
			geluGrad32x8(gx, g, x, t, overwrite)
			return
		}
		geluGrad32Scalar(gx, g, x, t, overwrite)
		return
	}
	g, x, t = g[:len(gx)], x[:len(gx)], t[:len(gx)]
	i := 0
	for ; i+16 <= len(gx); i += 16 {
		one, half := cOne, cHalf
		v := archsimd.LoadFloat32x16Slice(x[i:])
		ti := archsimd.LoadFloat32x16Slice(t[i:])
		// d = ½(1 + t) + ½x(1 − t²)·c(1 + 3k x²)
		d1 := half.Mul(one.Add(ti))
		d2 := half.Mul(v).Mul(one.Sub(ti.Mul(ti))).Mul(gC.Mul(g3K.Mul(v.Mul(v)).Add(one)))
		gi := archsimd.LoadFloat32x16Slice(g[i:]).Mul(d1.Add(d2))
		if !overwrite {
			gi = gi.Add(archsimd.LoadFloat32x16Slice(gx[i:]))
		}
		gi.StoreSlice(gx[i:])
	}
	archsimd.ClearAVXUpperBits()
	geluGrad32Scalar(gx[i:], g[i:], x[i:], t[i:], overwrite)
}

// add32 does dst += src.
func add32(dst, src []float32) {
	if !useSIMD || len(dst) < 16 {
		if useAVX2 && len(dst) >= 8 {
			add32x8(dst, src)
			return
		}
		add32Scalar(dst, src)
		return
	}
	src = src[:len(dst)]
	i := 0
	for ; i+16 <= len(dst); i += 16 {
		archsimd.LoadFloat32x16Slice(dst[i:]).Add(archsimd.LoadFloat32x16Slice(src[i:])).StoreSlice(dst[i:])
	}
	archsimd.ClearAVXUpperBits()
	add32Scalar(dst[i:], src[i:])
}

// lnForward32 is lnForwardScalar for rows whose length is a multiple of 16.
func lnForward32(y, x, gamma, beta []float32, eps float32) (mu, rstd float32) {
	C := len(x)
	if !useSIMD || C%16 != 0 || C == 0 {
		if useAVX2 && C%8 == 0 && C > 0 {
			return lnForward32x8(y, x, gamma, beta, eps)
		}
		return lnForwardScalar(y, x, gamma, beta, eps)
	}
	cv, ev := bcInt(C), bc(eps)
	y, gamma, beta = y[:C], gamma[:C], beta[:C]
	var s f16
	for i := 0; i < C; i += 16 {
		s = s.Add(archsimd.LoadFloat32x16Slice(x[i:]))
	}
	m := sumAll(s).Div(cv)
	var v f16
	for i := 0; i < C; i += 16 {
		d := archsimd.LoadFloat32x16Slice(x[i:]).Sub(m)
		v = d.MulAdd(d, v)
	}
	rs := cOne.Div(sumAll(v).Div(cv).Add(ev).Sqrt())
	for i := 0; i < C; i += 16 {
		xh := archsimd.LoadFloat32x16Slice(x[i:]).Sub(m).Mul(rs)
		xh.MulAdd(archsimd.LoadFloat32x16Slice(gamma[i:]), archsimd.LoadFloat32x16Slice(beta[i:])).StoreSlice(y[i:])
	}
	var t [8]float32
	m.GetLo().GetLo().Store((*[4]float32)(t[:4]))
	rs.GetLo().GetLo().Store((*[4]float32)(t[4:]))
	archsimd.ClearAVXUpperBits()
	return t[0], t[4]
}

// lnBackward32 is lnBackwardScalar for rows whose length is a multiple of 16.
func lnBackward32(dx, gg, gb, x, g, gamma []float32, mu, rstd float32, overwrite bool) {
	C := len(x)
	if !useSIMD || C%16 != 0 || C == 0 {
		if useAVX2 && C%8 == 0 && C > 0 {
			lnBackward32x8(dx, gg, gb, x, g, gamma, mu, rstd, overwrite)
			return
		}
		lnBackwardScalar(dx, gg, gb, x, g, gamma, mu, rstd, overwrite)
		return
	}
	m, rs, cv := bc(mu), bc(rstd), bcInt(C)
	g, gamma = g[:C], gamma[:C]
	var sg, sgx f16
	for i := 0; i < C; i += 16 {
		xh := archsimd.LoadFloat32x16Slice(x[i:]).Sub(m).Mul(rs)
		gi := archsimd.LoadFloat32x16Slice(g[i:])
		gh := gi.Mul(archsimd.LoadFloat32x16Slice(gamma[i:]))
		sg = sg.Add(gh)
		sgx = gh.MulAdd(xh, sgx)
		if gg != nil {
			gi.MulAdd(xh, archsimd.LoadFloat32x16Slice(gg[i:])).StoreSlice(gg[i:])
		}
		if gb != nil {
			gi.Add(archsimd.LoadFloat32x16Slice(gb[i:])).StoreSlice(gb[i:])
		}
	}
	if dx != nil {
		meanG, meanGX := sumAll(sg).Div(cv), sumAll(sgx).Div(cv)
		for i := 0; i < C; i += 16 {
			xh := archsimd.LoadFloat32x16Slice(x[i:]).Sub(m).Mul(rs)
			gh := archsimd.LoadFloat32x16Slice(g[i:]).Mul(archsimd.LoadFloat32x16Slice(gamma[i:]))
			d := gh.Sub(meanG).Sub(xh.Mul(meanGX)).Mul(rs)
			if !overwrite {
				d = d.Add(archsimd.LoadFloat32x16Slice(dx[i:]))
			}
			d.StoreSlice(dx[i:])
		}
	}
	archsimd.ClearAVXUpperBits()
}
