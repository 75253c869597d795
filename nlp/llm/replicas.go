package llm

import (
	"fmt"

	"github.com/lingo-nlp/lingo/nlp/nn"
)

// NumParams is the number of scalars in ps.
func NumParams(ps nn.Params) int {
	n := 0
	for _, p := range ps {
		n += len(p.T.Data)
	}
	return n
}

// GradVector adds the gradients of ps, flattened in order, into dst (a
// parameter without a gradient contributes zeros): the bridge from an
// autograd model to a GradFunc. It panics if len(dst) != NumParams(ps).
func GradVector(ps nn.Params, dst []float64) {
	if n := NumParams(ps); len(dst) != n {
		panic(fmt.Sprintf("llm: GradVector: %d values for %d parameters", len(dst), n))
	}
	off := 0
	for _, p := range ps {
		for i, g := range p.T.Grad {
			dst[off+i] += float64(g)
		}
		off += len(p.T.Data)
	}
}

// SetGrads writes the flattened gradient g into the Grad of every
// parameter of ps, so that an optimizer's Step applies the all-reduced
// gradient to the master model. It panics if len(g) != NumParams(ps).
func SetGrads(ps nn.Params, g []float64) {
	if n := NumParams(ps); len(g) != n {
		panic(fmt.Sprintf("llm: SetGrads: %d values for %d parameters", len(g), n))
	}
	off := 0
	for _, p := range ps {
		if len(p.T.Grad) != len(p.T.Data) {
			p.T.Grad = make([]float32, len(p.T.Data))
		}
		for i := range p.T.Grad {
			p.T.Grad[i] = float32(g[off+i])
		}
		off += len(p.T.Data)
	}
}

// CopyParams copies the values of src into dst, parameter by parameter:
// after each optimizer step the master's weights are broadcast to the
// worker replicas. It returns an error if the two lists differ in names or
// shapes.
func CopyParams(dst, src nn.Params) error {
	if len(dst) != len(src) {
		return fmt.Errorf("llm: CopyParams: %d parameters into %d", len(src), len(dst))
	}
	for i := range src {
		if dst[i].Name != src[i].Name || len(dst[i].T.Data) != len(src[i].T.Data) {
			return fmt.Errorf("llm: CopyParams: parameter %d is %q (%d values) in the source but %q (%d) in the replica",
				i, src[i].Name, len(src[i].T.Data), dst[i].Name, len(dst[i].T.Data))
		}
		copy(dst[i].T.Data, src[i].T.Data)
	}
	return nil
}
