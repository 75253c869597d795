// Package kernel is the lingo command: Lingo's Jupyter kernel for Go and
// its tools — install the kernelspec, run notebooks headlessly, check the
// set-up (doctor), warm the build cache. main.go calls Main.
//
// # Layout
//
// The kernel is a few packages with one job each, layered like go/scanner,
// go/parser and go/types: each is tested on its own, and a package only
// imports the ones below it.
//
//	kernel            the lingo command: flags, install, doctor, lingo run
//	├─ jupyter        the Jupyter protocol: wire format, sockets, dispatch
//	│  │              of requests, the execute queue; the Executor interface
//	│  └─ zmtp        the ZeroMQ wire protocol (ZMTP 3.1) and socket types
//	├─ history        the cells executed, for history_request
//	├─ notebook       nbformat read/write, HTML rendering (lingo run --html)
//	└─ engine         the worker supervisor: implements jupyter.Executor
//	   ├─ cell        the cell compiler: split, type-check, generate
//	   └─ worker      the worker process (plugin host); protocol types
//	      └─ rt       the runtime that generated cell code calls
//
// kernel/jupyter speaks Jupyter's messaging protocol 5.3 over ZeroMQ. It
// verifies the HMAC-SHA256 signature of every incoming message and drops a
// bad one, decodes each request once, answers kernel_info, history and comm
// requests itself, and hands code to an Executor: Execute for
// execute_request (one at a time, from a queue; interrupt_request cancels
// the ctx of every cell requested before it), Complete, Inspect and
// IsComplete for the requests about code. What a cell produces comes back
// through the Output interface and is published on iopub. ZeroMQ is
// reached in one file (zmtp.go) behind a three-method socket interface.
// The package also holds the protocol's client side (StartKernel, Client),
// which lingo run uses.
//
// kernel/zmtp is the ZeroMQ wire protocol (ZMTP 3.1, NULL mechanism) with
// the socket types Jupyter uses, written for hostile local peers: frame
// sizes are checked before allocating, each connection's handshake runs on
// its own with a timeout, and each peer has a bounded send queue that drops
// when full, so one peer that never reads cannot stall the others.
//
// kernel/engine implements Executor. It owns a session: a Go module in the
// cache directory whose packages are the compiled cells. It runs magics,
// asks kernel/cell to compile Go code, builds the result (running the Go
// compiler and linker directly, against the worker's shared libraries where
// it can, falling back to go build) and sends the plugin to a worker
// process over two pipes, relaying the worker's events to the Output. It supervises the worker: when the worker dies, it reports
// the death, starts a fresh worker and says that the session's state was
// lost; an interrupted cell that does not stop within a grace period gets
// its worker killed the same way. The kernel process itself never runs user
// code.
//
// kernel/cell is pure: given the session's State and a cell's source, it
// returns Go source for two packages — the cell's declarations (with
// top-level x := … hoisted to package variables) and a plugin whose Run
// holds the statements — or a CompileError whose messages name the cell's
// own lines. It also answers completion, inspection and is-complete
// questions by type-checking the cell against the session. It runs no
// processes and touches no files; its tests are tables and fuzz targets.
//
// kernel/worker is the worker binary's whole main: it loads each plugin,
// runs it on its own goroutine and sends events (stream, display, result,
// error, input request, done) back; its protocol types are the contract
// with kernel/engine. kernel/rt is the small runtime linked into every cell
// (cooperative interrupt checks, results, input) and is the only kernel
// package cell code imports.
//
// Usage:
//
//	lingo install --user                     # register the kernelspec
//	lingo kernel --connection-file F         # what Jupyter runs
//	lingo run notebooks/00-tour.ipynb --html tour.html
//	lingo doctor
package kernel
