// Package engine runs a kernel session's cells: it implements
// jupyter.Executor by running magics, compiling Go code with kernel/cell,
// building the generated packages into a plugin, and running the plugin in
// a worker process (kernel/worker) that keeps the session's values in
// memory.
//
// A session is a Go module in Lingo's cache directory that requires Lingo
// itself; each cell adds a declarations package (c0001, c0002, …) and a
// plugin package. Plugins are built by calling the Go compiler and linker
// directly with an import configuration of cached archives, which avoids
// the go command's start-up per cell; go build is the fallback and gives
// the usual messages.
//
// The engine supervises the worker. Output arrives as events on a pipe
// (standard error on its own pipe, so a crash report survives the worker);
// if the worker dies the engine reports why, forgets the session's names,
// starts a fresh worker and keeps serving. Interrupting a cell asks the
// worker to stop it cooperatively and kills the worker if the cell ignores
// the request for longer than Grace.
//
// Usage:
//
//	e, err := engine.New(engine.Config{})
//	defer e.Close()
//	err = e.Execute(ctx, jupyter.Cell{Code: "x := 41\nx + 1", Count: 1}, out)
package engine
