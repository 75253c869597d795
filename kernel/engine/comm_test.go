package engine

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lingo-nlp/lingo/kernel/jupyter"
)

// testPeer records the comm messages the engine sends outside cells.
type testPeer struct {
	comms chan jupyter.CommMsg
}

func (p *testPeer) SendComm(m jupyter.CommMsg) { p.comms <- m }

// next returns the next comm message of type typ the peer got, failing
// the test if none comes within a minute.
func (p *testPeer) next(t *testing.T, typ string) jupyter.CommMsg {
	t.Helper()
	deadline := time.After(time.Minute)
	for {
		select {
		case m := <-p.comms:
			if m.Type == typ {
				return m
			}
		case <-deadline:
			t.Fatalf("no %s within a minute", typ)
		}
	}
}

var (
	peerOnce   sync.Once
	sharedPeer *testPeer
)

func commEngine(t *testing.T) (*Engine, *testPeer) {
	e := testEngine(t)
	peerOnce.Do(func() {
		sharedPeer = &testPeer{comms: make(chan jupyter.CommMsg, 64)}
		e.SetCommPeer(sharedPeer)
	})
	return e, sharedPeer
}

// TestCommsReachTheWorker: a front end's comm_open and comm_msg reach a
// target registered by cell code in the worker; its reply names the
// message it answers; what a handler prints while no cell runs is shown
// under the last cell, before the reply.
func TestCommsReachTheWorker(t *testing.T) {
	e, p := commEngine(t)
	r := mustRun(t, e, `import "github.com/lingo-nlp/lingo/plots/comm"
comm.RegisterTarget("test.echo", func(c *comm.Comm, m comm.Message) {
	c.OnMessage(func(m comm.Message) {
		fmt.Println("handled", string(m.Data))
		c.Reply(m, m.Data, m.Buffers)
	})
})`)
	e.HandleComm(jupyter.CommMsg{Type: "comm_open", CommID: "fe1", Target: "test.echo", Data: json.RawMessage(`{}`), Ref: 1})
	e.HandleComm(jupyter.CommMsg{Type: "comm_msg", CommID: "fe1", Data: json.RawMessage(`{"x":2}`), Buffers: [][]byte{{7}}, Ref: 2})
	echo := p.next(t, "comm_msg")
	if echo.CommID != "fe1" || string(echo.Data) != `{"x":2}` || echo.Ref != 2 || len(echo.Buffers) != 1 || echo.Buffers[0][0] != 7 {
		t.Errorf("echo = %+v", echo)
	}
	r.mu.Lock()
	out := r.stdout.String()
	r.mu.Unlock()
	if !strings.Contains(out, `handled {"x":2}`) {
		t.Errorf("the handler's output %q did not come before its reply", out)
	}
	e.HandleComm(jupyter.CommMsg{Type: "comm_open", CommID: "fe2", Target: "test.nobody", Data: json.RawMessage(`{}`), Ref: 3})
	if cl := p.next(t, "comm_close"); cl.CommID != "fe2" {
		t.Errorf("an unknown target was answered by %+v, want comm_close of fe2", cl)
	}
}

// TestRerunClosesComms: running a cell again closes the comms its
// previous run opened; the cell is the same by its id, or without one by
// its code.
func TestRerunClosesComms(t *testing.T) {
	e, p := commEngine(t)
	code := `import "github.com/lingo-nlp/lingo/plots/comm"
reopened, _ := comm.Open("test.rerun", nil, nil, nil)`
	for _, id := range []string{"cell-7", ""} {
		cellCount++
		if err := e.Execute(context.Background(), jupyter.Cell{Code: code, Count: cellCount, ID: id}, &recorder{}); err != nil {
			t.Fatal(err)
		}
		first := p.next(t, "comm_open")
		cellCount++
		if err := e.Execute(context.Background(), jupyter.Cell{Code: code, Count: cellCount, ID: id}, &recorder{}); err != nil {
			t.Fatal(err)
		}
		if cl := p.next(t, "comm_close"); cl.CommID != first.CommID {
			t.Errorf("id %q: closed %s, want the first run's %s", id, cl.CommID, first.CommID)
		}
		p.next(t, "comm_open")
	}
}
