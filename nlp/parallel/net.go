package parallel

import (
	"fmt"
	"math"
)

// A Layer is a dense layer with a tanh, y = tanh(x·W + b), with the
// gradients of a loss with respect to W and b accumulated in GW and GB.
type Layer struct {
	W, GW *Matrix   // in×out
	B, GB []float64 // out
}

// Forward returns tanh(x·W + b) for the rows of x.
func (l *Layer) Forward(x *Matrix) *Matrix {
	y := MatMul(x, l.W)
	for i := range y.Rows {
		for j, v := range y.Row(i) {
			y.Row(i)[j] = math.Tanh(v + l.B[j])
		}
	}
	return y
}

// Backward takes the layer's input x, its output y and the gradient dy of
// the loss with respect to y; it adds the gradients of W and b to GW and GB
// and returns the gradient with respect to x:
//
//	dz = dy ⊙ (1 − y²),   GW += xᵀ·dz,   GB += Σ_rows dz,   dx = dz·Wᵀ
func (l *Layer) Backward(x, y, dy *Matrix) *Matrix {
	dz := NewMatrix(dy.Rows, dy.Cols)
	for i, g := range dy.Data {
		dz.Data[i] = g * (1 - y.Data[i]*y.Data[i])
	}
	for i := range x.Rows {
		for k, xik := range x.Row(i) {
			gw := l.GW.Row(k)
			for j, d := range dz.Row(i) {
				gw[j] += xik * d
			}
		}
		for j, d := range dz.Row(i) {
			l.GB[j] += d
		}
	}
	dx := NewMatrix(x.Rows, x.Cols)
	for i := range dz.Rows {
		for k := range x.Cols {
			s := 0.0
			for j, d := range dz.Row(i) {
				s += d * l.W.At(k, j)
			}
			dx.Row(i)[k] = s
		}
	}
	return dx
}

// A Net is a stack of tanh layers trained on the squared error
//
//	L = (1/2N) Σ_i ‖f(x_i) − t_i‖²
//
// the model Pipeline cuts into stages.
type Net struct {
	Layers []*Layer
}

// NewNet returns a net whose layer l maps widths[l] to widths[l+1] numbers,
// with random weights.
func NewNet(widths []int, seed uint64) (*Net, error) {
	if len(widths) < 2 {
		return nil, fmt.Errorf("parallel: a net needs at least 2 widths (one layer), got %d", len(widths))
	}
	n := &Net{}
	for l := range len(widths) - 1 {
		in, out := widths[l], widths[l+1]
		if in < 1 || out < 1 {
			return nil, fmt.Errorf("parallel: layer widths must be ≥ 1, got %v", widths)
		}
		scale := 1 / math.Sqrt(float64(in))
		n.Layers = append(n.Layers, &Layer{
			W: RandomMatrix(in, out, scale, seed+uint64(l)), GW: NewMatrix(in, out),
			B: make([]float64, out), GB: make([]float64, out),
		})
	}
	return n, nil
}

// ZeroGrad clears every layer's gradients.
func (n *Net) ZeroGrad() {
	for _, l := range n.Layers {
		clear(l.GW.Data)
		clear(l.GB)
	}
}

// Grads returns a copy of the gradients, layer by layer, W's then b's
// flattened into one slice each.
func (n *Net) Grads() [][]float64 {
	var g [][]float64
	for _, l := range n.Layers {
		g = append(g, append([]float64(nil), l.GW.Data...), append([]float64(nil), l.GB...))
	}
	return g
}

// lossGrad returns the batch's part of the loss, (1/2N)Σ‖y − t‖² over y's
// rows, and its gradient (y − t)/N; N is the size of the whole batch.
func lossGrad(y, t *Matrix, N int) (float64, *Matrix) {
	g := NewMatrix(y.Rows, y.Cols)
	loss := 0.0
	for i, v := range y.Data {
		d := v - t.Data[i]
		loss += d * d / (2 * float64(N))
		g.Data[i] = d / float64(N)
	}
	return loss, g
}

// Step runs the forward and backward pass of the whole batch on one
// goroutine, adds the gradient to the layers (call ZeroGrad first) and
// returns the loss: the reference a pipeline is compared with.
func (n *Net) Step(x, t *Matrix) (float64, error) {
	if err := n.check(x, t); err != nil {
		return 0, err
	}
	acts := []*Matrix{x}
	for _, l := range n.Layers {
		acts = append(acts, l.Forward(acts[len(acts)-1]))
	}
	loss, dy := lossGrad(acts[len(acts)-1], t, x.Rows)
	for i := len(n.Layers) - 1; i >= 0; i-- {
		dy = n.Layers[i].Backward(acts[i], acts[i+1], dy)
	}
	return loss, nil
}

func (n *Net) check(x, t *Matrix) error {
	in, out := n.Layers[0].W.Rows, n.Layers[len(n.Layers)-1].W.Cols
	if x.Cols != in || t.Cols != out || x.Rows != t.Rows || x.Rows == 0 {
		return fmt.Errorf("parallel: batch %d×%d with targets %d×%d does not fit a net from %d to %d numbers",
			x.Rows, x.Cols, t.Rows, t.Cols, in, out)
	}
	return nil
}
