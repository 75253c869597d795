// Package zmtp is a small implementation of ZMTP 3.1, the ZeroMQ wire
// protocol (rfc.zeromq.org 23/ZMTP and 37/ZMTP), with the NULL security
// mechanism and the socket types a Jupyter kernel and its clients use:
// ROUTER (shell, control, stdin), PUB (iopub), REP (heartbeat), and DEALER,
// SUB and REQ for clients. It interoperates with libzmq (pyzmq,
// jupyter_client) over tcp:// and ipc:// endpoints.
//
// A ZMTP connection starts with a 64-byte greeting from each side
// (signature 0xFF…0x7F, version 3.1, mechanism "NULL"), then each side sends
// a READY command carrying its Socket-Type (and, for ROUTER peers, an
// Identity). After that the stream is a sequence of frames: one flags octet
// (MORE, LONG, COMMAND), a 1- or 8-octet size, and the body. A message is a
// run of frames whose last has MORE clear.
//
// The kernel's ports are reachable by every local user before any HMAC
// signature is checked, so the package is written for hostile peers:
//   - a frame's claimed size is checked against Options.MaxMessageSize
//     before anything is allocated, and the buffer grows with the bytes that
//     actually arrive, so a header claiming 2^63−1 bytes costs nothing;
//   - every connection does its handshake in its own goroutine under
//     Options.HandshakeTimeout, so an idle or slow connection never delays
//     other clients;
//   - every peer has its own bounded send queue (Options.SendHWM messages);
//     when it is full, messages to that peer are dropped, as libzmq drops at
//     its high-water mark, so a peer that never reads never blocks the
//     others.
//
// Usage:
//
//	pub := zmtp.NewSocket(zmtp.Pub, zmtp.Options{})
//	defer pub.Close()
//	if err := pub.Listen("tcp://127.0.0.1:5556"); err != nil { … }
//	pub.Send([][]byte{[]byte("status"), body})
package zmtp
