package nn

import (
	"fmt"
	"strings"

	"github.com/lingo-nlp/lingo/nlp/autograd"
)

// Tensor is the float32 tensor every layer works with.
type Tensor = autograd.Tensor[float32]

// A Param is a trainable tensor with the dotted name it is registered
// under, e.g. "blocks.0.attn.qkv.weight".
type Param struct {
	Name string
	T    *Tensor
}

// A Module is anything that owns parameters: a layer, a block, a model.
type Module interface {
	Params() Params
}

// Params is a registry of named parameters in a fixed order (the order
// layers were declared), which optimizers, Save and Load rely on.
type Params []Param

// Prefix returns ps with prefix + "." put before every name: how a block
// names the parameters of its sub-layers.
func Prefix(prefix string, ps Params) Params {
	out := make(Params, len(ps))
	for i, p := range ps {
		out[i] = Param{prefix + "." + p.Name, p.T}
	}
	return out
}

// Collect joins the parameters of several modules, each under its own prefix:
// Collect("ln1", b.LN1, "attn", b.Attn).
// It panics if the arguments are not alternating names and modules.
func Collect(namesAndModules ...any) Params {
	var out Params
	for i := 0; i+1 < len(namesAndModules); i += 2 {
		name, ok1 := namesAndModules[i].(string)
		m, ok2 := namesAndModules[i+1].(Module)
		if !ok1 || !ok2 {
			panic(fmt.Sprintf("nn: Collect wants name, module pairs; argument %d is %T", i, namesAndModules[i]))
		}
		out = append(out, Prefix(name, m.Params())...)
	}
	return out
}

// Tensors returns the parameter tensors in order.
func (ps Params) Tensors() []*Tensor {
	out := make([]*Tensor, len(ps))
	for i, p := range ps {
		out[i] = p.T
	}
	return out
}

// Count returns the total number of scalar parameters.
func (ps Params) Count() int {
	n := 0
	for _, p := range ps {
		n += p.T.Size()
	}
	return n
}

// Lookup returns the parameter with the given name.
func (ps Params) Lookup(name string) (*Tensor, bool) {
	for _, p := range ps {
		if p.Name == name {
			return p.T, true
		}
	}
	return nil, false
}

// ZeroGrad clears every gradient.
func (ps Params) ZeroGrad() {
	for _, p := range ps {
		p.T.ZeroGrad()
	}
}

// String lists names, shapes and the total count.
func (ps Params) String() string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "%-28s %v\n", p.Name, p.T.Shape())
	}
	fmt.Fprintf(&b, "%d parameters", ps.Count())
	return b.String()
}
