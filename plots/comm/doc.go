// Package comm carries Jupyter comm messages between Go code running in a
// notebook and the front end: the channel that interactive widgets, and any
// custom front-end extension, talk over.
//
// A comm is a named, bidirectional channel identified by a comm id. Either
// side may open one: the kernel side with Open (the front end is asked to
// create its half under the target name), the front end with a comm_open to
// a target that Go code registered with RegisterTarget. Messages on a comm
// are a JSON object plus optional binary buffers, in both directions, until
// one side closes it. See "Custom Messages" in the Jupyter messaging
// specification (jupyter_client's messaging.rst, protocol 5.3).
//
// The package does not speak to Jupyter itself. Inside the Lingo kernel the
// worker process installs a Transport that forwards outgoing frames to the
// kernel, and hands every frame from the front end to Deliver. Elsewhere (a
// plain Go program, a test) no transport is installed and comms are
// one-sided: Send and Close do nothing and report no error, so code that
// uses comms still runs.
//
// Messages from the front end are handled one at a time, in the order they
// arrived, on a goroutine of this package, whether or not a cell is running;
// handlers should return quickly and hand long work to a goroutine.
//
// Usage:
//
//	c, _ := comm.Open("my.target", map[string]any{"hello": 1}, nil, nil)
//	c.OnMessage(func(m comm.Message) { fmt.Println(string(m.Data)) })
//	c.Send(map[string]any{"x": 2}, nil)
//	comm.RegisterTarget("my.echo", func(c *comm.Comm, open comm.Message) {
//		c.OnMessage(func(m comm.Message) { c.Reply(m, m.Data, m.Buffers) })
//	})
package comm
