package jupyter_test

import (
	"github.com/lingo-nlp/lingo/kernel/jupyter"
)

// The package's usage (compiled, not run: Serve answers a frontend until
// it asks the kernel to shut down).
func Example() {
	var e jupyter.Executor  // the kernel's engine
	path := "kernel-1.json" // the connection file Jupyter passes
	ci, err := jupyter.ReadConnectionFile(path)
	if err != nil {
		return
	}
	s, err := jupyter.NewServer(ci, jupyter.Config{Executor: e, Version: "0.1.0"})
	if err != nil {
		return
	}
	s.Serve() // until shutdown_request
}
