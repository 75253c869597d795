package word2vec

// The inner loops of training, on float32 rows of length d. The generic
// versions here are unrolled with independent accumulators and indexed so
// that the compiler proves every index in range (all slices are first
// re-sliced to the same length), which is most of what scalar Go can do.
// dot, axpy, update and flush dispatch to them (kernels_generic.go) or,
// when built with GOEXPERIMENT=simd on a CPU with AVX2 and FMA, to the
// 8-wide versions in kernels_simd.go, also pure Go.

// dotGeneric returns a·b; len(b) must be ≥ len(a).
func dotGeneric(a, b []float32) float32 {
	n := len(a)
	b = b[:n]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i <= n-8; i += 8 {
		s0 += a[i]*b[i] + a[i+4]*b[i+4]
		s1 += a[i+1]*b[i+1] + a[i+5]*b[i+5]
		s2 += a[i+2]*b[i+2] + a[i+6]*b[i+6]
		s3 += a[i+3]*b[i+3] + a[i+7]*b[i+7]
	}
	for ; i < n; i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// axpyGeneric computes y += a·x; len(y) must be ≥ len(x).
func axpyGeneric(a float32, x, y []float32) {
	n := len(x)
	y = y[:n]
	i := 0
	for ; i <= n-4; i += 4 {
		y[i] += a * x[i]
		y[i+1] += a * x[i+1]
		y[i+2] += a * x[i+2]
		y[i+3] += a * x[i+3]
	}
	for ; i < n; i++ {
		y[i] += a * x[i]
	}
}

// updateGeneric is one output-layer step of negative sampling or hierarchical
// softmax for the hidden vector h and output row u with gradient scale g:
//
//	e += g·u;  u += g·h
//
// It returns h·next computed after u is updated, so the next prediction's
// dot product rides along the same pass (next may be u itself: each
// element of next is read after the same element of u is written). With
// next nil it returns 0. All slices must have length ≥ len(h).
func updateGeneric(g float32, h, u, e, next []float32) float32 {
	n := len(h)
	u, e = u[:n], e[:n]
	i := 0
	if next == nil {
		for ; i <= n-4; i += 4 {
			u0, u1, u2, u3 := u[i], u[i+1], u[i+2], u[i+3]
			e[i] += g * u0
			e[i+1] += g * u1
			e[i+2] += g * u2
			e[i+3] += g * u3
			u[i] = u0 + g*h[i]
			u[i+1] = u1 + g*h[i+1]
			u[i+2] = u2 + g*h[i+2]
			u[i+3] = u3 + g*h[i+3]
		}
		for ; i < n; i++ {
			ui := u[i]
			e[i] += g * ui
			u[i] = ui + g*h[i]
		}
		return 0
	}
	next = next[:n]
	var s0, s1, s2, s3 float32
	for ; i <= n-4; i += 4 {
		u0, u1, u2, u3 := u[i], u[i+1], u[i+2], u[i+3]
		h0, h1, h2, h3 := h[i], h[i+1], h[i+2], h[i+3]
		e[i] += g * u0
		e[i+1] += g * u1
		e[i+2] += g * u2
		e[i+3] += g * u3
		u[i] = u0 + g*h0
		u[i+1] = u1 + g*h1
		u[i+2] = u2 + g*h2
		u[i+3] = u3 + g*h3
		s0 += h0 * next[i]
		s1 += h1 * next[i+1]
		s2 += h2 * next[i+2]
		s3 += h3 * next[i+3]
	}
	for ; i < n; i++ {
		ui := u[i]
		e[i] += g * ui
		u[i] = ui + g*h[i]
		s0 += h[i] * next[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// flushGeneric computes y += x and clears x, and returns a·b computed after y is
// updated (a may be y). With a nil it returns 0. len(y), len(a) and len(b)
// must be ≥ len(x).
func flushGeneric(x, y, a, b []float32) float32 {
	n := len(x)
	y = y[:n]
	i := 0
	if a == nil {
		for ; i <= n-4; i += 4 {
			y[i] += x[i]
			y[i+1] += x[i+1]
			y[i+2] += x[i+2]
			y[i+3] += x[i+3]
			x[i], x[i+1], x[i+2], x[i+3] = 0, 0, 0, 0
		}
		for ; i < n; i++ {
			y[i] += x[i]
			x[i] = 0
		}
		return 0
	}
	a, b = a[:n], b[:n]
	var s0, s1, s2, s3 float32
	for ; i <= n-4; i += 4 {
		y[i] += x[i]
		y[i+1] += x[i+1]
		y[i+2] += x[i+2]
		y[i+3] += x[i+3]
		x[i], x[i+1], x[i+2], x[i+3] = 0, 0, 0, 0
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < n; i++ {
		y[i] += x[i]
		x[i] = 0
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// addGeneric computes y += x; len(y) must be ≥ len(x).
func addGeneric(x, y []float32) {
	n := len(x)
	y = y[:n]
	i := 0
	for ; i <= n-4; i += 4 {
		y[i] += x[i]
		y[i+1] += x[i+1]
		y[i+2] += x[i+2]
		y[i+3] += x[i+3]
	}
	for ; i < n; i++ {
		y[i] += x[i]
	}
}

// sumRowsGeneric sets h = Σ_k rows[k], reading h once per four rows.
// Every row must have length ≥ len(h).
func sumRowsGeneric(h []float32, rows [][]float32) {
	clear(h)
	n := len(h)
	for len(rows) >= 4 {
		a, b, c, d := rows[0][:n], rows[1][:n], rows[2][:n], rows[3][:n]
		for i := 0; i < n; i++ {
			h[i] += (a[i] + b[i]) + (c[i] + d[i])
		}
		rows = rows[4:]
	}
	for _, r := range rows {
		addGeneric(r, h)
	}
}

// addToRowsGeneric computes rows[k] += e for every row, reading e once per
// two rows. Every row must have length ≥ len(e).
func addToRowsGeneric(e []float32, rows [][]float32) {
	n := len(e)
	for len(rows) >= 2 {
		a, b := rows[0][:n], rows[1][:n]
		for i := 0; i < n; i++ {
			ei := e[i]
			a[i] += ei
			b[i] += ei
		}
		rows = rows[2:]
	}
	for _, r := range rows {
		addGeneric(e, r)
	}
}
