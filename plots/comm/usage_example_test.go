package comm_test

import (
	"fmt"

	"github.com/lingo-nlp/lingo/plots/comm"
)

// The package's usage. Outside a kernel no transport is installed: the
// comm is one-sided and nothing arrives, so the example prints nothing.
func Example_usage() {
	c, _ := comm.Open("my.target", map[string]any{"hello": 1}, nil, nil)
	c.OnMessage(func(m comm.Message) { fmt.Println(string(m.Data)) })
	c.Send(map[string]any{"x": 2}, nil)
	comm.RegisterTarget("my.echo", func(c *comm.Comm, open comm.Message) {
		c.OnMessage(func(m comm.Message) { c.Reply(m, m.Data, m.Buffers) })
	})
	// Output:
}
