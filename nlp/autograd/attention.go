package autograd

var opCausalSoftmax = register("CausalSoftmax",
	"y[…, i, :] = softmax(s·x[…, i, 0..i]) and 0 after i  (scale, causal mask and softmax fused)",
	"∂L/∂x[…, i, j] += s·y_ij (g_ij − Σ_{k≤i} g_ik y_ik) for j ≤ i")

// CausalSoftmax computes Softmax(CausalMask(Scale(x, scale))) for
// attention scores x (…, T, T) in one pass: row i is the softmax of
// scale·x[i, 0..i] and exactly 0 beyond i. Fusing the three ops saves
// four passes over the scores and skips the masked half of the exps; the
// unfused chain gives the same numbers and is the one to read first.
// It panics if the last two axes differ.
func CausalSoftmax[E Float](x *Tensor[E], scale E) *Tensor[E] {
	if x.NDim() < 2 || x.Dim(-1) != x.Dim(-2) {
		shapePanic(opCausalSoftmax, "need (…, T, T) scores, got %v", x.shape)
	}
	T := x.Dim(-1)
	out := result(opCausalSoftmax, x.shape, x)
	n := len(x.Data) / max(T, 1) // rows
	parallelFor(n, 64, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			i := r % T // query position: keys 0..i are visible
			xs, y := x.Data[r*T:r*T+i+1], out.Data[r*T:(r+1)*T]
			m := xs[0]
			for _, v := range xs[1:] {
				m = max(m, v)
			}
			vis := y[:i+1]
			for j, v := range xs {
				vis[j] = scale * (v - m) // scale > 0 keeps the max at 0
			}
			expSlice(vis, vis)
			var z E
			for _, v := range vis {
				z += v
			}
			inv := 1 / z
			for j := range vis {
				vis[j] *= inv
			}
			clear(y[i+1:])
		}
	})
	if out.RequiresGrad {
		out.backward = func() {
			gx := x.grad()
			parallelFor(n, 64, func(lo, hi int) {
				for r := lo; r < hi; r++ {
					i := r % T
					y, g, dx := out.Data[r*T:r*T+i+1], out.Grad[r*T:r*T+i+1], gx[r*T:r*T+i+1]
					var dot E
					for j := range y {
						dot += g[j] * y[j]
					}
					for j := range y {
						dx[j] += scale * y[j] * (g[j] - dot)
					}
				}
			})
		}
	}
	return out
}
