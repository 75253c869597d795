package engine_test

import (
	"context"

	"github.com/lingo-nlp/lingo/kernel/engine"
	"github.com/lingo-nlp/lingo/kernel/jupyter"
)

// The package's usage (compiled, not run: a session builds a worker, which
// engine_test.go does).
func Example() {
	ctx := context.Background()
	var out jupyter.Output
	e, err := engine.New(engine.Config{})
	if err != nil {
		return
	}
	defer e.Close()
	err = e.Execute(ctx, jupyter.Cell{Code: "x := 41\nx + 1", Count: 1}, out) // out is a jupyter.Output
	_ = err
}
