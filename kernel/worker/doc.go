// Package worker is the Lingo kernel's worker process: it loads each
// compiled cell (a Go plugin), runs it on its own goroutine, and sends what
// the cell produces — standard output, displays, results, errors, input
// requests — to the kernel.
//
// Worker and kernel talk over two pipes with one JSON object per line:
// commands arrive on file descriptor 3, events leave on file descriptor 4.
// Standard output is captured through a pipe and sent as "stream" events so
// it stays in order with displays; standard error goes straight to the
// kernel, so a crash report survives the worker's death. Before each "done"
// event the worker writes StderrMarker to standard error; the kernel waits
// for it, so everything a cell wrote to standard error is shown before the
// cell is reported finished.
//
// Runs are numbered (Command.Seq); an interrupt names the run it stops, so
// one that arrives before its run has begun still stops it, before it
// starts. The "ready" and "done" events report the working directory and,
// when it changed, the environment, which the kernel's magics follow. A
// cell that closed os.Stdout or os.Stderr gets working ones back at the
// next cell. The worker's goroutine stacks are limited to 64 MB, so runaway
// recursion ends quickly.
//
// Usage: the worker binary's func main is one call, which serves the
// engine on stdin and stdout until it closes them:
//
//	worker.Main()
package worker
