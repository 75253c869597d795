// Package kernel is Lingo's Jupyter kernel for Go: the messaging protocol
// over ZeroMQ, the cell compiler, the worker that keeps a session's state in
// memory, magics, history, completion and inspection, kernelspec install,
// and a headless notebook runner.
//
// A cell is compiled to two Go packages: its declarations (with variables
// hoisted from top-level x := …) and a plugin holding its statements. The
// worker process loads each plugin and runs it; later cells import earlier
// declarations packages, so their variables live on in the worker's memory.
// The kernel process never runs user code: when a cell kills the worker
// (os.Exit, a panic in a goroutine, a stack overflow, running out of
// memory) the kernel reports it, starts a fresh worker and keeps serving.
//
// Usage:
//
//	lingo install --user                     # register the kernelspec
//	lingo kernel --connection-file F         # what Jupyter runs
//	lingo run notebooks/00-tour.ipynb --html tour.html
//	lingo doctor
package kernel
