// Package jupyter implements the Jupyter messaging protocol (5.3) for a
// kernel: the wire format (routing identities, the <IDS|MSG> delimiter and
// HMAC-SHA256 signatures), the five sockets of a connection file, and a
// Server that answers every request, running cells on an Executor and
// publishing what they produce on iopub. Client is the other side, used by
// lingo run to execute notebooks headlessly.
//
// The Server decodes and verifies each message once; a message with a bad
// signature or malformed frames is logged and dropped, never executed.
// execute_requests are queued and run one at a time; interrupt_request
// cancels the context of every cell requested before it, so a cell still
// waiting in the queue or being compiled ends too, without running. ZeroMQ itself is
// reached through a small socket interface (socket.go), implemented in
// zmtp.go with package kernel/zmtp, which bounds frame sizes, times out
// handshakes and drops messages for a peer that does not read instead of
// blocking the others.
//
// Usage:
//
//	ci, err := jupyter.ReadConnectionFile(path)
//	s, err := jupyter.NewServer(ci, jupyter.Config{Executor: e, Version: "0.1.0"})
//	s.Serve() // until shutdown_request
package jupyter
