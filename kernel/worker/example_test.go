package worker_test

import "github.com/lingo-nlp/lingo/kernel/worker"

// The whole of a worker binary's main. Compiled only: it serves an engine
// on stdin and stdout.
func Example() {
	worker.Main()
}
