// Package gocache is a Go build cache program (GOCACHEPROG) that layers a
// user's own build cache over shared, read-only ones.
//
// On a machine where many users run Lingo (a JupyterHub for a class), every
// new user's first cell would otherwise compile the standard library,
// gonum, gonum/plot and Lingo in plugin mode again, into a cache of their
// own: about 47 s of CPU each. install.sh --system fills one build cache,
// owned by root and readable by all, while it warms the system's worker;
// the go commands of every user's kernel then run with
//
//	GOCACHEPROG="lingo gocache /usr/local/lib/lingo/cache/gocache"
//
// and this program answers them: a "get" is looked up in the user's own
// cache first and then in each shared cache, a "put" is written to the
// user's own cache only. A shared cache is never written, so no user can
// change what another user's build reads from it.
//
// Both kinds of cache use the go command's own on-disk layout (GOCACHE): an
// action entry XX/<action ID>-a holding "v1 <action> <output> <size>
// <time>" and the output XX/<output ID>-d. The shared caches are filled
// by running the go command with GOCACHE pointing at them; the user's own
// is $GOCACHE (which the go command sets for the programs it starts), so
// the same cache also serves the user's go commands run without Lingo.
//
// The protocol (package cmd/go/internal/cacheprog, Go 1.24 and later): the
// program first writes a Response listing the commands it knows ("get",
// "put", "close"); then the go command writes one JSON Request per line,
// a "put" followed by a line holding its body as a base64 JSON string, and
// the program answers each with a JSON Response naming the file on disk
// that holds the output (DiskPath). Requests are read with bounded line
// lengths and bodies are streamed to disk, checked against their size and
// SHA-256 output ID before they are entered.
//
// Usage:
//
//	err := gocache.Serve(os.Stdin, os.Stdout, gocache.Config{
//		Own:    os.Getenv("GOCACHE"),
//		Shared: []string{"/usr/local/lib/lingo/cache/gocache"},
//	})
package gocache
