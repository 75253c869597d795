package word2vec

// Six-row kernels for the common negative-sampling case K = 5 (one
// positive and five negative output rows). h stays fixed during a
// prediction (its update is applied at the end), so when the six rows are
// distinct their dot products can all be taken in one pass over h and
// their updates applied in a second one, instead of six passes that each
// re-read h and the gradient buffer. The result is the same as six
// sequential update calls, up to float32 rounding.

// dot6Generic returns h·u_k for k = 0…5. Every u_k must have length ≥ len(h).
func dot6Generic(h []float32, u *[6][]float32) [6]float32 {
	n := len(h)
	u0, u1, u2, u3, u4, u5 := u[0][:n], u[1][:n], u[2][:n], u[3][:n], u[4][:n], u[5][:n]
	var s0, s1, s2, s3, s4, s5 float32
	for i := 0; i < n; i++ {
		hi := h[i]
		s0 += hi * u0[i]
		s1 += hi * u1[i]
		s2 += hi * u2[i]
		s3 += hi * u3[i]
		s4 += hi * u4[i]
		s5 += hi * u5[i]
	}
	return [6]float32{s0, s1, s2, s3, s4, s5}
}

// update6Generic applies six output-layer steps with scales g:
//
//	e += Σ_k g_k·u_k (old values);  u_k += g_k·h
//
// e may be h itself (then h's update is applied at once). The rows must be
// distinct and must not overlap h; every slice must have length ≥ len(h).
func update6Generic(g *[6]float32, h, e []float32, u *[6][]float32) {
	n := len(h)
	e = e[:n]
	u0, u1, u2, u3, u4, u5 := u[0][:n], u[1][:n], u[2][:n], u[3][:n], u[4][:n], u[5][:n]
	g0, g1, g2, g3, g4, g5 := g[0], g[1], g[2], g[3], g[4], g[5]
	for i := 0; i < n; i++ {
		hi := h[i]
		a0, a1, a2, a3, a4, a5 := u0[i], u1[i], u2[i], u3[i], u4[i], u5[i]
		u0[i] = a0 + g0*hi
		u1[i] = a1 + g1*hi
		u2[i] = a2 + g2*hi
		u3[i] = a3 + g3*hi
		u4[i] = a4 + g4*hi
		u5[i] = a5 + g5*hi
		e[i] += ((g0*a0 + g1*a1) + (g2*a2 + g3*a3)) + (g4*a4 + g5*a5)
	}
}
