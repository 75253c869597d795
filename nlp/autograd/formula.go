package autograd

import (
	"fmt"
	"io"
	"sort"
)

// OpInfo documents one op for teaching: the forward computation and the
// gradient rule its backward closure implements, in the notation of the
// lecture (L is the loss, ∂L/∂y the incoming gradient g).
type OpInfo struct {
	Name     string
	Forward  string
	Backward string
}

var opInfos = map[string]OpInfo{}

func register(name, forward, backward string) string {
	opInfos[name] = OpInfo{name, forward, backward}
	return name
}

// Formula returns the forward and backward formulas of the named op, e.g.
// Formula("MatMul").
func Formula(op string) (OpInfo, bool) {
	info, ok := opInfos[op]
	return info, ok
}

// Ops lists every op with its formulas, sorted by name.
func Ops() []OpInfo {
	list := make([]OpInfo, 0, len(opInfos))
	for _, info := range opInfos {
		list = append(list, info)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	return list
}

// PrintFormulas writes the table of ops and their gradient rules to w.
func PrintFormulas(w io.Writer) error {
	for _, info := range Ops() {
		if _, err := fmt.Fprintf(w, "%-13s forward:  %s\n%-13s backward: %s\n", info.Name, info.Forward, "", info.Backward); err != nil {
			return err
		}
	}
	return nil
}
