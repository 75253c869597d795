package autograd

var (
	opSum  = register("Sum", "y = Σᵢ xᵢ", "∂L/∂xᵢ += g")
	opMean = register("Mean", "y = (1/n) Σᵢ xᵢ", "∂L/∂xᵢ += g/n")
)

// Sum returns the sum of all elements as a 0-dimensional tensor.
func Sum[E Float](x *Tensor[E]) *Tensor[E] {
	out := result(opSum, []int{}, x)
	var s E
	for _, v := range x.Data {
		s += v
	}
	out.Data[0] = s
	if out.RequiresGrad {
		out.backward = func() {
			gx, g := x.grad(), out.Grad[0]
			for i := range gx {
				gx[i] += g
			}
		}
	}
	return out
}

// Mean returns the mean of all elements as a 0-dimensional tensor.
func Mean[E Float](x *Tensor[E]) *Tensor[E] {
	out := result(opMean, []int{}, x)
	var s E
	for _, v := range x.Data {
		s += v
	}
	n := E(len(x.Data))
	out.Data[0] = s / n
	if out.RequiresGrad {
		out.backward = func() {
			gx, g := x.grad(), out.Grad[0]/n
			for i := range gx {
				gx[i] += g
			}
		}
	}
	return out
}
