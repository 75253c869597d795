// Command lingo is the Lingo Jupyter kernel for Go and its tools: install the
// kernelspec, run notebooks headlessly, check the set-up.
package main

import (
	"os"

	"github.com/lingo-nlp/lingo/kernel"
)

func main() {
	os.Exit(kernel.Main(os.Args))
}
