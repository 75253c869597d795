package autograd

import "math"

// Element-wise transcendental functions over slices. float64 uses the
// math package (exact enough for gradient checks); float32 uses a short
// polynomial exp, accurate to about 2 ulp, because math.Exp through
// float64 would cost more than all the matrix products of a small model.

// expf returns eˣ for float32 x: write x = k·ln2 + r with |r| ≤ ln2/2, so
// eˣ = 2ᵏ·eʳ, and eʳ is a degree-6 Taylor polynomial (error < r⁷/7! ≈ 1e-7).
func expf(x float32) float32 {
	switch {
	case x != x: // NaN
		return x
	case x > 88.72:
		return float32(math.Inf(1))
	case x < -87.3:
		return 0
	}
	const (
		log2e = 1.44269504088896341
		ln2hi = 0.693359375 // ln 2 split so k·ln2hi is exact
		ln2lo = -2.12194440e-4
	)
	t := x * log2e
	if t < 0 {
		t -= 0.5
	} else {
		t += 0.5
	}
	k := int32(t)
	kf := float32(k)
	r := x - kf*ln2hi - kf*ln2lo
	p := 1 + r*(1+r*(1.0/2+r*(1.0/6+r*(1.0/24+r*(1.0/120+r*(1.0/720))))))
	// 2ᵏ = 2^(k/2)·2^(k−k/2), each built from its exponent bits, so that
	// k from −126 to 128 stays within the normal float32 range.
	k1 := k >> 1
	return p * math.Float32frombits(uint32(k1+127)<<23) * math.Float32frombits(uint32(k-k1+127)<<23)
}

func expSlice[E Float](dst, src []E) {
	switch d := any(dst).(type) {
	case []float32:
		exp32(d, any(src).([]float32))
	case []float64:
		s := any(src).([]float64)
		for i, x := range s[:len(d)] {
			d[i] = math.Exp(x)
		}
	}
}

// tanhSlice computes tanh element-wise. For float32 it uses a rational
// function fitted for this package (iteratively reweighted least squares,
// Sanathanan–Koerner) in u = x²/81 on |x| ≤ 9, tanh x ≈ x·P(u)/Q(u), with
// maximum absolute error 3.2e-7; beyond ±9, tanh x = ±1 to float32
// precision. It avoids exp and is ~3× faster than 1 − 2/(e²ˣ + 1).
func tanhSlice[E Float](dst, src []E) {
	switch d := any(dst).(type) {
	case []float32:
		tanh32(d, any(src).([]float32))
	case []float64:
		s := any(src).([]float64)
		for i, x := range s[:len(d)] {
			d[i] = math.Tanh(x)
		}
	}
}

// tanhf is the float32 rational approximation described at tanhSlice.
func tanhf(x float32) float32 {
	if x > 9 { // comparisons, not min/max: NaN passes through unchanged
		x = 9
	} else if x < -9 {
		x = -9
	}
	u := x * x * (1.0 / 81)
	p := 1 + u*(10.601361274719238+u*(20.39531707763672+u*(5.954153537750244+
		u*(-0.8796055316925049+u*(0.18768095970153809+u*-0.02476443536579609)))))
	q := 1 + u*(37.601356506347656+u*(160.8325958251953+u*135.67335510253906))
	return x * p / q
}

// sigmoidSlice: σ(x) = 1/(1 + e⁻ˣ).
func sigmoidSlice[E Float](dst, src []E) {
	switch d := any(dst).(type) {
	case []float32:
		s := any(src).([]float32)
		for i, x := range s[:len(d)] {
			d[i] = 1 / (1 + expf(-x))
		}
	case []float64:
		s := any(src).([]float64)
		for i, x := range s[:len(d)] {
			d[i] = 1 / (1 + math.Exp(-x))
		}
	}
}

func logE[E Float](x E) E { return E(math.Log(float64(x))) }

func sqrtE[E Float](x E) E { return E(math.Sqrt(float64(x))) }

// expE is the scalar exp for one element of type E.
func expE[E Float](x E) E {
	if x32, ok := any(x).(float32); ok {
		return E(expf(x32))
	}
	return E(math.Exp(float64(x)))
}

func negInf[E Float]() E { return E(math.Inf(-1)) }

// Scalar float32 kernels (kernels_simd.go may replace their callers'
// bodies with 16-lane versions).

func exp32Scalar(dst, src []float32) {
	for i, x := range src[:len(dst)] {
		dst[i] = expf(x)
	}
}

func tanh32Scalar(dst, src []float32) {
	for i, x := range src[:len(dst)] {
		dst[i] = tanhf(x)
	}
}

// gelu32Scalar computes t = tanh u and y = ½x(1 + t), u = c(x + kx³).
func gelu32Scalar(y, t, x []float32) {
	const c, k = 0.7978845608028654, 0.044715
	for i, v := range x[:len(y)] {
		ti := tanhf(c * (v + k*v*v*v))
		t[i], y[i] = ti, 0.5*v*(1+ti)
	}
}

// geluGrad32Scalar adds g·GELU'(x) into gx (or writes it, if overwrite
// is set), given t = tanh u from the forward pass.
func geluGrad32Scalar(gx, g, x, t []float32, overwrite bool) {
	const c, k = 0.7978845608028654, 0.044715
	for i := range gx {
		v, ti := x[i], t[i]
		d := g[i] * (0.5*(1+ti) + 0.5*v*(1-ti*ti)*c*(1+3*k*v*v))
		if overwrite {
			gx[i] = d
		} else {
			gx[i] += d
		}
	}
}

// softmax32Scalar: see softmaxScalar.
func softmax32Scalar(dst, src []float32) (m, z float32) { return softmaxScalar(dst, src) }

// softmaxGrad32Scalar: see softmaxGradInPlace.
func softmaxGrad32Scalar(g, y []float32) { softmaxGradScalar(g, y) }

func add32Scalar(dst, src []float32) {
	for i, x := range src[:len(dst)] {
		dst[i] += x
	}
}

// addInto does dst += src element-wise (the accumulation at the heart of
// every backward rule), with the float32 kernel when it applies.
func addInto[E Float](dst, src []E) {
	if d, ok := any(dst).([]float32); ok {
		add32(d, any(src).([]float32))
		return
	}
	for i, x := range src[:len(dst)] {
		dst[i] += x
	}
}
