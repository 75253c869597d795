package autograd

import (
	"fmt"
	"io"
	"strings"
)

// PrintGraph writes the graph that produced t as a numbered list of
// assignments in evaluation order, one line per tensor, like
//
//	%0 = leaf "x" (2, 3) grad
//	%1 = leaf "W" (3, 4) grad
//	%2 = MatMul(%0, %1) (2, 4)
//	%3 = Sum(%2) ()
//
// Leaves that do not require a gradient (data, constants) are marked so.
// With formulas set, each op line is followed by its backward rule.
func PrintGraph[E Float](w io.Writer, t *Tensor[E], formulas bool) error {
	order := topo(t)
	id := make(map[*Tensor[E]]int, len(order))
	var b strings.Builder
	for i, n := range order {
		id[n] = i
		fmt.Fprintf(&b, "%%%d = ", i)
		if n.op == "" {
			b.WriteString("leaf")
			if n.label != "" {
				fmt.Fprintf(&b, " %q", n.label)
			}
		} else {
			b.WriteString(n.op + "(")
			for j, p := range n.parents {
				if j > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "%%%d", id[p])
			}
			b.WriteString(")")
			if n.label != "" {
				fmt.Fprintf(&b, " %q", n.label)
			}
		}
		fmt.Fprintf(&b, " %s", shapeString(n.shape))
		if n.op == "" && n.RequiresGrad {
			b.WriteString(" grad")
		}
		b.WriteByte('\n')
		if formulas && n.op != "" {
			if info, ok := opInfos[n.op]; ok {
				fmt.Fprintf(&b, "     ∂: %s\n", info.Backward)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// GraphString returns PrintGraph's output without formulas.
func GraphString[E Float](t *Tensor[E]) string {
	var b strings.Builder
	PrintGraph(&b, t, false)
	return b.String()
}

func shapeString(s []int) string {
	parts := make([]string, len(s))
	for i, d := range s {
		parts[i] = fmt.Sprint(d)
	}
	if len(s) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
