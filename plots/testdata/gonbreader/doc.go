// Package main is the gonbreader command, a test helper that is not part
// of the library.
//
// Command gonbreader is the kernel side of GoNB's display protocol, built
// against the real github.com/janpfeifer/gonb/gonbui/protocol package
// (v0.11.1) and following internal/jpyexec/namedpipes.go: it decodes
// protocol.DisplayData values from the pipe named by its first argument,
// acknowledges sync requests on the pipe named by its second, and prints
// each display as the Jupyter message GoNB would publish, one JSON object a
// line. plots' TestGoNBRealProtocol runs it against GoNBSink.
package main
