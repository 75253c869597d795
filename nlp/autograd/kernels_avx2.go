//go:build goexperiment.simd && amd64

package autograd

import (
	"math"
	"simd/archsimd"
)

// 8-lane AVX2 + FMA versions of the float32 kernels, for CPUs without
// AVX-512 (most laptops). Each is its 16-lane twin in kernels_simd.go with
// 8 lanes, under the same rules for keeping scalar code out of vector
// regions, and computes its scalar twin's formula lane by lane.

var useAVX2 = archsimd.X86.AVX2() && archsimd.X86.FMA()

type f8 = archsimd.Float32x8

func bc8(x float32) f8 { return archsimd.BroadcastFloat32x8(x) }

// tail8 is the mask of the first n < 8 lanes, computed without scalar
// float code.
func tail8(n int) archsimd.Mask32x8 {
	return iota8.Less(archsimd.BroadcastInt32x8(int32(n)).ConvertToFloat32())
}

// sumAll8 returns the sum of the 8 lanes of x in every lane.
func sumAll8(x f8) f8 {
	z := x.GetHi().Add(x.GetLo())
	z = z.AddPairs(z)
	return z.AddPairs(z).Broadcast1To8()
}

// maxAll8 returns the largest of the 8 lanes of x in every lane.
func maxAll8(x f8) f8 {
	z := x.GetHi().Max(x.GetLo())
	z = z.Max(z.SelectFromPair(1, 0, 3, 2, z))
	return z.Max(z.SelectFromPair(2, 3, 0, 1, z)).Broadcast1To8()
}

var (
	iota8                                                     f8
	c9m8, c98, cInv818                                        f8
	tp68, tp58, tp48, tp38, tp28, tp18, tq38, tq28, tq18      f8
	cOne8, cHalf8, cInf8, cNegInf8                            f8
	eLo8, eHi8, eLog2e8, eLn2hi8, eLn2lo8, e68, e58, e48, e38 f8
	gC8, gK8, g3K8                                            f8
	cBias8                                                    archsimd.Int32x8
)

func init() {
	if !useAVX2 {
		return
	}
	iota8 = archsimd.LoadFloat32x8(&[8]float32{0, 1, 2, 3, 4, 5, 6, 7})
	c9m8, c98, cInv818 = bc8(-9), bc8(9), bc8(1.0/81)
	tp68, tp58, tp48 = bc8(-0.02476443536579609), bc8(0.18768095970153809), bc8(-0.8796055316925049)
	tp38, tp28, tp18 = bc8(5.954153537750244), bc8(20.39531707763672), bc8(10.601361274719238)
	tq38, tq28, tq18 = bc8(135.67335510253906), bc8(160.8325958251953), bc8(37.601356506347656)
	cOne8, cHalf8, cInf8, cNegInf8 = bc8(1), bc8(0.5), bc8(float32(math.Inf(1))), bc8(float32(math.Inf(-1)))
	eLo8, eHi8, eLog2e8, eLn2hi8, eLn2lo8 = bc8(-87.3), bc8(88.72), bc8(1.44269504088896341), bc8(0.693359375), bc8(-2.12194440e-4)
	e68, e58, e48, e38 = bc8(1.0/720), bc8(1.0/120), bc8(1.0/24), bc8(1.0/6)
	gC8, gK8, g3K8 = bc8(geluC), bc8(geluK), bc8(3*geluK)
	cBias8 = archsimd.BroadcastInt32x8(127)
}

// tanhV8 is tanhf on 8 lanes, NaN kept.
func tanhV8(x f8) f8 {
	xc := x.Max(c9m8).Min(c98)
	xc = x.Merge(xc, x.IsNaN())
	u := xc.Mul(xc).Mul(cInv818)
	p := tp68.MulAdd(u, tp58).MulAdd(u, tp48).MulAdd(u, tp38).MulAdd(u, tp28).MulAdd(u, tp18).MulAdd(u, cOne8)
	q := tq38.MulAdd(u, tq28).MulAdd(u, tq18).MulAdd(u, cOne8)
	return xc.Mul(p).Div(q)
}

// expV8 is expf on 8 lanes.
func expV8(x f8) f8 {
	xc := x.Max(eLo8).Min(eHi8)
	k := xc.Mul(eLog2e8).RoundToEven() // nearest integer
	r := xc.Sub(k.Mul(eLn2hi8)).Sub(k.Mul(eLn2lo8))
	p := e68.MulAdd(r, e58).MulAdd(r, e48).MulAdd(r, e38).MulAdd(r, cHalf8).MulAdd(r, cOne8).MulAdd(r, cOne8)
	ki := k.ConvertToInt32()
	k1 := ki.ShiftAllRight(1)
	s1 := k1.Add(cBias8).ShiftAllLeft(23).AsFloat32x8()
	s2 := ki.Sub(k1).Add(cBias8).ShiftAllLeft(23).AsFloat32x8()
	y := p.Mul(s1).Mul(s2)
	y = y.Masked(x.GreaterEqual(eLo8))    // underflow (and −∞) → 0
	y = y.Merge(cInf8, x.LessEqual(eHi8)) // overflow → +∞
	return x.Merge(y, x.IsNaN())          // NaN stays NaN
}

func tanh32x8(dst, src []float32) {
	src = src[:len(dst)]
	i := 0
	for ; i+8 <= len(dst); i += 8 {
		tanhV8(archsimd.LoadFloat32x8Slice(src[i:])).StoreSlice(dst[i:])
	}
	archsimd.ClearAVXUpperBits()
	tanh32Scalar(dst[i:], src[i:])
}

func exp32x8(dst, src []float32) {
	src = src[:len(dst)]
	i := 0
	for ; i+8 <= len(dst); i += 8 {
		expV8(archsimd.LoadFloat32x8Slice(src[i:])).StoreSlice(dst[i:])
	}
	archsimd.ClearAVXUpperBits()
	exp32Scalar(dst[i:], src[i:])
}

// softmax32x8: see softmax32 (len(src) ≥ 8).
func softmax32x8(dst, src []float32) (m, z float32) {
	n := len(src)
	dst = dst[:n]
	mv := cNegInf8
	i := 0
	for ; i+8 <= n; i += 8 {
		mv = mv.Max(archsimd.LoadFloat32x8Slice(src[i:]))
	}
	if i < n {
		mv = mv.Max(archsimd.LoadFloat32x8SlicePart(src[i:]).Merge(cNegInf8, tail8(n-i)))
	}
	mb := maxAll8(mv)
	var sv f8
	for i = 0; i+8 <= n; i += 8 {
		e := expV8(archsimd.LoadFloat32x8Slice(src[i:]).Sub(mb))
		e.StoreSlice(dst[i:])
		sv = sv.Add(e)
	}
	if i < n {
		e := expV8(archsimd.LoadFloat32x8SlicePart(src[i:]).Sub(mb)).Masked(tail8(n - i))
		e.StoreSlicePart(dst[i:])
		sv = sv.Add(e)
	}
	zv := sumAll8(sv)
	inv := cOne8.Div(zv)
	for i = 0; i+8 <= n; i += 8 {
		archsimd.LoadFloat32x8Slice(dst[i:]).Mul(inv).StoreSlice(dst[i:])
	}
	if i < n {
		archsimd.LoadFloat32x8SlicePart(dst[i:]).Mul(inv).StoreSlicePart(dst[i:])
	}
	var t [8]float32
	mb.GetLo().Store((*[4]float32)(t[:4]))
	zv.GetLo().Store((*[4]float32)(t[4:]))
	archsimd.ClearAVXUpperBits()
	if m, z = t[0], t[4]; m == float32(math.Inf(-1)) { // a fully masked row: zeros, as softmaxScalar
		clear(dst)
		return m, 0
	}
	return m, z
}

// softmaxGrad32x8: see softmaxGradInPlace (len(g) ≥ 8).
func softmaxGrad32x8(g, y []float32) {
	n := len(g)
	y = y[:n]
	var dv f8
	i := 0
	for ; i+8 <= n; i += 8 {
		dv = archsimd.LoadFloat32x8Slice(g[i:]).MulAdd(archsimd.LoadFloat32x8Slice(y[i:]), dv)
	}
	if i < n { // missing lanes load as 0 and add nothing
		dv = archsimd.LoadFloat32x8SlicePart(g[i:]).MulAdd(archsimd.LoadFloat32x8SlicePart(y[i:]), dv)
	}
	dot := sumAll8(dv)
	for i = 0; i+8 <= n; i += 8 {
		yi := archsimd.LoadFloat32x8Slice(y[i:])
		yi.Mul(archsimd.LoadFloat32x8Slice(g[i:]).Sub(dot)).StoreSlice(g[i:])
	}
	if i < n {
		yi := archsimd.LoadFloat32x8SlicePart(y[i:])
		yi.Mul(archsimd.LoadFloat32x8SlicePart(g[i:]).Sub(dot)).StoreSlicePart(g[i:])
	}
	archsimd.ClearAVXUpperBits()
}

func gelu32x8(y, t, x []float32) {
	x = x[:len(y)]
	t = t[:len(y)]
	i := 0
	for ; i+8 <= len(y); i += 8 {
		v := archsimd.LoadFloat32x8Slice(x[i:])
		ti := tanhV8(gC8.Mul(v.Mul(v).Mul(v).MulAdd(gK8, v))) // tanh c(x + k x³)
		ti.StoreSlice(t[i:])
		cHalf8.Mul(v).Mul(ti.Add(cOne8)).StoreSlice(y[i:])
	}
	archsimd.ClearAVXUpperBits()
	gelu32Scalar(y[i:], t[i:], x[i:])
}

func geluGrad32x8(gx, g, x, t []float32, overwrite bool) {
	g, x, t = g[:len(gx)], x[:len(gx)], t[:len(gx)]
	i := 0
	for ; i+8 <= len(gx); i += 8 {
		v := archsimd.LoadFloat32x8Slice(x[i:])
		ti := archsimd.LoadFloat32x8Slice(t[i:])
		// d = ½(1 + t) + ½x(1 − t²)·c(1 + 3k x²)
		d1 := cHalf8.Mul(cOne8.Add(ti))
		d2 := cHalf8.Mul(v).Mul(cOne8.Sub(ti.Mul(ti))).Mul(gC8.Mul(g3K8.Mul(v.Mul(v)).Add(cOne8)))
		gi := archsimd.LoadFloat32x8Slice(g[i:]).Mul(d1.Add(d2))
		if !overwrite {
			gi = gi.Add(archsimd.LoadFloat32x8Slice(gx[i:]))
		}
		gi.StoreSlice(gx[i:])
	}
	archsimd.ClearAVXUpperBits()
	geluGrad32Scalar(gx[i:], g[i:], x[i:], t[i:], overwrite)
}

func add32x8(dst, src []float32) {
	src = src[:len(dst)]
	i := 0
	for ; i+8 <= len(dst); i += 8 {
		archsimd.LoadFloat32x8Slice(dst[i:]).Add(archsimd.LoadFloat32x8Slice(src[i:])).StoreSlice(dst[i:])
	}
	archsimd.ClearAVXUpperBits()
	add32Scalar(dst[i:], src[i:])
}

// lnForward32x8 is lnForwardScalar for rows whose length is a multiple of 8.
func lnForward32x8(y, x, gamma, beta []float32, eps float32) (mu, rstd float32) {
	C := len(x)
	cv, ev := archsimd.BroadcastInt32x8(int32(C)).ConvertToFloat32(), bc8(eps)
	y, gamma, beta = y[:C], gamma[:C], beta[:C]
	var s f8
	for i := 0; i < C; i += 8 {
		s = s.Add(archsimd.LoadFloat32x8Slice(x[i:]))
	}
	m := sumAll8(s).Div(cv)
	var v f8
	for i := 0; i < C; i += 8 {
		d := archsimd.LoadFloat32x8Slice(x[i:]).Sub(m)
		v = d.MulAdd(d, v)
	}
	rs := cOne8.Div(sumAll8(v).Div(cv).Add(ev).Sqrt())
	for i := 0; i < C; i += 8 {
		xh := archsimd.LoadFloat32x8Slice(x[i:]).Sub(m).Mul(rs)
		xh.MulAdd(archsimd.LoadFloat32x8Slice(gamma[i:]), archsimd.LoadFloat32x8Slice(beta[i:])).StoreSlice(y[i:])
	}
	var t [8]float32
	m.GetLo().Store((*[4]float32)(t[:4]))
	rs.GetLo().Store((*[4]float32)(t[4:]))
	archsimd.ClearAVXUpperBits()
	return t[0], t[4]
}

// lnBackward32x8 is lnBackwardScalar for rows whose length is a multiple of 8.
func lnBackward32x8(dx, gg, gb, x, g, gamma []float32, mu, rstd float32, overwrite bool) {
	C := len(x)
	m, rs, cv := bc8(mu), bc8(rstd), archsimd.BroadcastInt32x8(int32(C)).ConvertToFloat32()
	g, gamma = g[:C], gamma[:C]
	var sg, sgx f8
	for i := 0; i < C; i += 8 {
		xh := archsimd.LoadFloat32x8Slice(x[i:]).Sub(m).Mul(rs)
		gi := archsimd.LoadFloat32x8Slice(g[i:])
		gh := gi.Mul(archsimd.LoadFloat32x8Slice(gamma[i:]))
		sg = sg.Add(gh)
		sgx = gh.MulAdd(xh, sgx)
		if gg != nil {
			gi.MulAdd(xh, archsimd.LoadFloat32x8Slice(gg[i:])).StoreSlice(gg[i:])
		}
		if gb != nil {
			gi.Add(archsimd.LoadFloat32x8Slice(gb[i:])).StoreSlice(gb[i:])
		}
	}
	if dx != nil {
		meanG, meanGX := sumAll8(sg).Div(cv), sumAll8(sgx).Div(cv)
		for i := 0; i < C; i += 8 {
			xh := archsimd.LoadFloat32x8Slice(x[i:]).Sub(m).Mul(rs)
			gh := archsimd.LoadFloat32x8Slice(g[i:]).Mul(archsimd.LoadFloat32x8Slice(gamma[i:]))
			d := gh.Sub(meanG).Sub(xh.Mul(meanGX)).Mul(rs)
			if !overwrite {
				d = d.Add(archsimd.LoadFloat32x8Slice(dx[i:]))
			}
			d.StoreSlice(dx[i:])
		}
	}
	archsimd.ClearAVXUpperBits()
}
