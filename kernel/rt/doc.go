// Package rt is the runtime of the Lingo kernel's worker process and of the
// cell code it runs.
//
// The worker is a long-lived process built from the session module; it
// loads each compiled cell (a Go plugin) and calls its Run function. The
// cell compiler (package kernel) inserts calls into rt in the code it
// generates: Check at the top of every loop body (cooperative interrupt),
// Result for the value of a cell's last expression, Sleep in place of
// time.Sleep and Stdin in place of os.Stdin.
//
// Worker and kernel talk over two pipes with one JSON object per line:
// commands arrive on file descriptor 3, events leave on file descriptor 4.
// Standard output is captured through a pipe and sent as "stream" events so
// it stays in order with displays; standard error goes straight to the
// kernel, so a crash report survives the worker's death.
//
// Nothing outside the kernel and generated cell code should import rt.
package rt
