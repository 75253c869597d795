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
// Where it can (linux/amd64), the worker is linked against two Go shared
// libraries, libcore.so (the standard library's packages it uses, and
// kernel/rt) and librest.so (plots, gonum, gonum/plot, ...), and every cell
// is compiled and linked with -linkshared against them: a plugin then holds
// only the cell's code and the packages the worker lacks (Lingo's nlp
// packages, modules added with %go get), instead of its own copy of
// everything it imports. Go's linker cannot build loadable plugins that way
// as released; the engine builds a copy of it from the toolchain's source
// with a few source edits (linkerPatches) once per Go version; an edit whose
// text is not found exactly once in the source is refused. If the patched
// linker or the libraries cannot be built, or the shared worker does not
// start, cells are linked statically against a statically linked worker,
// the user is told once on stderr, and Engine.LinkMode (lingo doctor's
// LinkPlan) says which way a session links.
// The worker deletes a plugin file once it has loaded it. Each session
// directory is locked while its kernel runs, so a new kernel can remove the
// directories of kernels that died.
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
