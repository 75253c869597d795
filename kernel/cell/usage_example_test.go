package cell_test

import (
	"fmt"
	"go/importer"
	"strings"

	"github.com/lingo-nlp/lingo/kernel/cell"
)

// The package's usage: compile a cell against a session, then commit it
// once it has run, so later cells see its variables.
func Example() {
	importer := importer.Default()
	st := cell.NewState()
	c, err := cell.Compile(st, "x := 41\nx + 1", "cell1", importer)
	if err != nil {
		fmt.Println(err)
		return
	}
	// build c.DeclSrc and c.MainSrc, run the plugin, then:
	st.Commit(c)
	fmt.Println(c.DeclPath != "", strings.Contains(c.MainSrc, "func Run"))
	// Output: true true
}
