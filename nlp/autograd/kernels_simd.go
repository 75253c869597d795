//go:build goexperiment.simd && amd64

package autograd

import "simd/archsimd"

// 16-lane AVX-512 versions of the float32 kernels (GOEXPERIMENT=simd).
// Each computes exactly the formula of its scalar twin in fastmath.go,
// lane by lane, and leaves the tail (< 16 elements) to the scalar code.

var useSIMD = archsimd.X86.AVX512()

type f16 = archsimd.Float32x16

func bc(x float32) f16 { return archsimd.BroadcastFloat32x16(x) }

// tanhConsts holds the broadcast coefficients of tanhf.
type tanhConsts struct{ lo, hi, inv81, p1, p2, p3, p4, p5, p6, one, q1, q2, q3 f16 }

func newTanhConsts() *tanhConsts {
	return &tanhConsts{bc(-9), bc(9), bc(1.0 / 81),
		bc(10.601361274719238), bc(20.39531707763672), bc(5.954153537750244),
		bc(-0.8796055316925049), bc(0.18768095970153809), bc(-0.02476443536579609),
		bc(1), bc(37.601356506347656), bc(160.8325958251953), bc(135.67335510253906)}
}

// tanh of 16 lanes, NaN kept.
func (c *tanhConsts) tanh(x f16) f16 {
	xc := x.Max(c.lo).Min(c.hi)
	xc = x.Merge(xc, x.IsNaN())
	u := xc.Mul(xc).Mul(c.inv81)
	p := c.p6.MulAdd(u, c.p5).MulAdd(u, c.p4).MulAdd(u, c.p3).MulAdd(u, c.p2).MulAdd(u, c.p1).MulAdd(u, c.one)
	q := c.q3.MulAdd(u, c.q2).MulAdd(u, c.q1).MulAdd(u, c.one)
	return xc.Mul(p).Div(q)
}

func tanh32(dst, src []float32) {
	if !useSIMD {
		tanh32Scalar(dst, src)
		return
	}
	c := newTanhConsts()
	src = src[:len(dst)]
	i := 0
	for ; i+16 <= len(dst); i += 16 {
		c.tanh(archsimd.LoadFloat32x16Slice(src[i:])).StoreSlice(dst[i:])
	}
	archsimd.ClearAVXUpperBits()
	tanh32Scalar(dst[i:], src[i:])
}

func exp32(dst, src []float32) {
	if !useSIMD {
		exp32Scalar(dst, src)
		return
	}
	lo, hi := bc(-87.3), bc(88.72)
	log2e, ln2hi, ln2lo := bc(1.44269504088896341), bc(0.693359375), bc(-2.12194440e-4)
	one, c2, c3, c4, c5, c6 := bc(1), bc(1.0/2), bc(1.0/6), bc(1.0/24), bc(1.0/120), bc(1.0/720)
	inf := bc(float32(posInf()))
	bias := archsimd.BroadcastInt32x16(127)
	src = src[:len(dst)]
	i := 0
	for ; i+16 <= len(dst); i += 16 {
		x := archsimd.LoadFloat32x16Slice(src[i:])
		xc := x.Max(lo).Min(hi)
		k := xc.Mul(log2e).RoundToEvenScaled(0) // nearest integer
		r := xc.Sub(k.Mul(ln2hi)).Sub(k.Mul(ln2lo))
		p := c6.MulAdd(r, c5).MulAdd(r, c4).MulAdd(r, c3).MulAdd(r, c2).MulAdd(r, one).MulAdd(r, one)
		ki := k.ConvertToInt32()
		k1 := ki.ShiftAllRight(1)
		s1 := k1.Add(bias).ShiftAllLeft(23).AsFloat32x16()
		s2 := ki.Sub(k1).Add(bias).ShiftAllLeft(23).AsFloat32x16()
		y := p.Mul(s1).Mul(s2)
		y = y.Masked(x.GreaterEqual(lo))  // underflow (and −∞) → 0
		y = y.Merge(inf, x.LessEqual(hi)) // overflow → +∞
		y = x.Merge(y, x.IsNaN())         // NaN stays NaN
		y.StoreSlice(dst[i:])
	}
	archsimd.ClearAVXUpperBits()
	exp32Scalar(dst[i:], src[i:])
}

const geluC, geluK = 0.7978845608028654, 0.044715

func gelu32(y, t, x []float32) {
	if !useSIMD {
		gelu32Scalar(y, t, x)
		return
	}
	c := newTanhConsts()
	cc, ck, half := bc(geluC), bc(geluK), bc(0.5)
	x = x[:len(y)]
	t = t[:len(y)]
	i := 0
	for ; i+16 <= len(y); i += 16 {
		v := archsimd.LoadFloat32x16Slice(x[i:])
		u := cc.Mul(v.Mul(v).Mul(v).MulAdd(ck, v)) // c(x + k x³)
		ti := c.tanh(u)
		ti.StoreSlice(t[i:])
		half.Mul(v).Mul(ti.Add(c.one)).StoreSlice(y[i:])
	}
	archsimd.ClearAVXUpperBits()
	gelu32Scalar(y[i:], t[i:], x[i:])
}

func geluGrad32(gx, g, x, t []float32) {
	if !useSIMD {
		geluGrad32Scalar(gx, g, x, t)
		return
	}
	one, half, cc, k3 := bc(1), bc(0.5), bc(geluC), bc(3*geluK)
	g, x, t = g[:len(gx)], x[:len(gx)], t[:len(gx)]
	i := 0
	for ; i+16 <= len(gx); i += 16 {
		v := archsimd.LoadFloat32x16Slice(x[i:])
		ti := archsimd.LoadFloat32x16Slice(t[i:])
		// d = ½(1 + t) + ½x(1 − t²)·c(1 + 3k x²)
		d1 := half.Mul(one.Add(ti))
		d2 := half.Mul(v).Mul(one.Sub(ti.Mul(ti))).Mul(cc.Mul(k3.Mul(v.Mul(v)).Add(one)))
		gi := archsimd.LoadFloat32x16Slice(g[i:])
		gi.MulAdd(d1.Add(d2), archsimd.LoadFloat32x16Slice(gx[i:])).StoreSlice(gx[i:])
	}
	archsimd.ClearAVXUpperBits()
	geluGrad32Scalar(gx[i:], g[i:], x[i:], t[i:])
}

// add32 does dst += src.
func add32(dst, src []float32) {
	if !useSIMD || len(dst) < 16 {
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

// hsum adds the 16 lanes of x.
func hsum(x f16) float32 {
	var t [16]float32
	x.Store(&t)
	var s float32
	for _, v := range t {
		s += v
	}
	return s
}

// lnForward32 is lnForwardScalar for rows whose length is a multiple of 16.
func lnForward32(y, x, gamma, beta []float32, eps float32) (mu, rstd float32) {
	C := len(x)
	if !useSIMD || C%16 != 0 || C == 0 {
		return lnForwardScalar(y, x, gamma, beta, eps)
	}
	y, gamma, beta = y[:C], gamma[:C], beta[:C]
	var s f16
	for i := 0; i < C; i += 16 {
		s = s.Add(archsimd.LoadFloat32x16Slice(x[i:]))
	}
	mu = hsum(s) / float32(C)
	m := bc(mu)
	var v f16
	for i := 0; i < C; i += 16 {
		d := archsimd.LoadFloat32x16Slice(x[i:]).Sub(m)
		v = d.MulAdd(d, v)
	}
	rstd = 1 / sqrtE(hsum(v)/float32(C)+eps)
	rs := bc(rstd)
	for i := 0; i < C; i += 16 {
		xh := archsimd.LoadFloat32x16Slice(x[i:]).Sub(m).Mul(rs)
		xh.MulAdd(archsimd.LoadFloat32x16Slice(gamma[i:]), archsimd.LoadFloat32x16Slice(beta[i:])).StoreSlice(y[i:])
	}
	archsimd.ClearAVXUpperBits()
	return mu, rstd
}

// lnBackward32 is lnBackwardScalar for rows whose length is a multiple of 16.
func lnBackward32(dx, gg, gb, x, g, gamma []float32, mu, rstd float32) {
	C := len(x)
	if !useSIMD || C%16 != 0 || C == 0 {
		lnBackwardScalar(dx, gg, gb, x, g, gamma, mu, rstd)
		return
	}
	g, gamma = g[:C], gamma[:C]
	m, rs := bc(mu), bc(rstd)
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
		meanG, meanGX := bc(hsum(sg)/float32(C)), bc(hsum(sgx)/float32(C))
		for i := 0; i < C; i += 16 {
			xh := archsimd.LoadFloat32x16Slice(x[i:]).Sub(m).Mul(rs)
			gh := archsimd.LoadFloat32x16Slice(g[i:]).Mul(archsimd.LoadFloat32x16Slice(gamma[i:]))
			d := gh.Sub(meanG).Sub(xh.Mul(meanGX)).Mul(rs)
			d.Add(archsimd.LoadFloat32x16Slice(dx[i:])).StoreSlice(dx[i:])
		}
	}
	archsimd.ClearAVXUpperBits()
}
