package trust_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/lingo-nlp/lingo/kernel/trust"
)

// TestMain skips the example, which runs Jupyter's Python, where no Python
// with nbformat is installed; the tests skip themselves.
func TestMain(m *testing.M) {
	flag.Parse()
	if _, err := trust.FindPython(); err != nil && flag.Lookup("test.run").Value.String() == "" {
		fmt.Fprintln(os.Stderr, err, "; skipping the example")
		flag.Set("test.run", "^(Test|Fuzz)")
	}
	os.Exit(m.Run())
}

// The package's usage, with a Jupyter data directory of its own (the zero
// Notary uses the user's).
func Example() {
	dir, _ := os.MkdirTemp("", "trust-example")
	defer os.RemoveAll(dir)
	notebook := filepath.Join(dir, "03-word2vec.ipynb")
	os.WriteFile(notebook, []byte(`{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`), 0o644)

	n := &trust.Notary{DataDir: dir}
	ok, err := n.Trusted(notebook)
	fmt.Println(ok, err)
	err = n.Sign(notebook)
	ok, err = n.Trusted(notebook) // ok[0] reports it
	fmt.Println(ok, err)
	// Output:
	// [false] <nil>
	// [true] <nil>
}
