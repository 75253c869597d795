// Package rt is what the cell compiler's generated code calls: Check at the
// top of every loop body (cooperative interrupt), Result for the value of a
// cell's last expression, Sleep in place of time.Sleep and Stdin in place of
// os.Stdin. It is deliberately small — it imports only the standard
// library's basics — because every cell's plugin links it: the heavy parts
// (rendering with plots, talking to the kernel) live in package
// kernel/worker, which installs itself as the Host.
//
// Nothing outside the kernel and generated cell code should import rt.
package rt
