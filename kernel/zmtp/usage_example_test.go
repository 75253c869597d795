package zmtp_test

import (
	"github.com/lingo-nlp/lingo/kernel/zmtp"
)

// The package's usage (compiled, not run: it listens on a fixed port; the
// tests exercise the sockets).
func Example_usage() {
	body := []byte(`{"execution_state":"idle"}`)
	pub := zmtp.NewSocket(zmtp.Pub, zmtp.Options{})
	defer pub.Close()
	if err := pub.Listen("tcp://127.0.0.1:5556"); err != nil {
		return
	}
	pub.Send([][]byte{[]byte("status"), body})
}
