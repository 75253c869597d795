package autograd

import (
	"html"
	"strings"

	"github.com/lingo-nlp/lingo/plots"
)

// Graph wraps a tensor so that a notebook shows the graph that produced it
// (PrintGraph with the backward rule under every op) instead of its values:
//
//	autograd.Graph[float32]{loss}
type Graph[E Float] struct {
	T *Tensor[E]
}

var _ plots.Renderer = Graph[float32]{}

// Render shows the graph as preformatted text, in HTML and text/plain.
func (g Graph[E]) Render() plots.Bundle {
	var b strings.Builder
	PrintGraph(&b, g.T, true)
	return plots.Bundle{
		plots.MIMEText: b.String(),
		plots.MIMEHTML: "<pre style=\"line-height:1.25\">" + html.EscapeString(b.String()) + "</pre>",
	}
}

// OpsTable lists every op with its forward and backward formulas.
func OpsTable() *plots.Table {
	t := plots.NewTable("op", "forward", "backward")
	for _, info := range Ops() {
		t.Row(info.Name, info.Forward, info.Backward)
	}
	return t
}
