package gocache_test

import (
	"log"
	"os"

	"github.com/lingo-nlp/lingo/kernel/gocache"
)

// The go command starts its GOCACHEPROG program and talks to it over the
// program's standard input and output; lingo gocache is this, with the
// directories of a system install. (Not run here: Serve reads requests
// until the go command closes its input.)
func ExampleServe() {
	err := gocache.Serve(os.Stdin, os.Stdout, gocache.Config{
		Own:    os.Getenv("GOCACHE"),
		Shared: []string{"/usr/local/lib/lingo/cache/gocache"},
	})
	if err != nil {
		log.Print(err)
	}
}
