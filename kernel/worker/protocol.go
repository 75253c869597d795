package worker

import (
	"encoding/json"
	"time"

	"github.com/lingo-nlp/lingo/plots/comm"
)

// StderrMarker is written to standard error before each "done" event. The
// kernel removes it from the stream; it never reaches the user.
const StderrMarker = "\x00\x02lingo-stderr-done\x02\x00"

// CommandOp says what a Command asks the worker to do.
type CommandOp string

// The commands.
const (
	CmdRun       CommandOp = "run"       // load Plugin (unless Key is loaded) and run it
	CmdInterrupt CommandOp = "interrupt" // stop run Seq, now or, if it has not started, before it does
	CmdInput     CommandOp = "input"     // the answer to an EvInputRequest
	CmdPing      CommandOp = "ping"      // answered with EvPong
	CmdComm      CommandOp = "comm"      // a comm message from the front end: Comm
	// CmdInterruptIdle interrupts code running while no cell runs (widget
	// callbacks); it does nothing while a cell runs.
	CmdInterruptIdle CommandOp = "interrupt-idle"
)

// Command is a message from the kernel to the worker.
type Command struct {
	Op     CommandOp `json:"op"`
	Seq    int64     `json:"seq,omitempty"`    // run, interrupt: the run's number (they increase)
	Plugin string    `json:"plugin,omitempty"` // run: path of the plugin file, removed once loaded
	Key    string    `json:"key,omitempty"`    // run: content hash; a known key reuses the loaded plugin
	Text   string    `json:"text,omitempty"`   // input: the line the user typed
	EOF    bool      `json:"eof,omitempty"`    // input: no input can be had
	// Cell identifies the cell a run command runs (its id in the notebook,
	// else a hash of its code): the comms opened by the previous run of the
	// same cell are closed before it runs again.
	Cell string      `json:"cell,omitempty"`
	Comm *comm.Frame `json:"comm,omitempty"` // comm: the message
}

// EventOp says what an Event reports.
type EventOp string

// The events.
const (
	EvReady        EventOp = "ready"         // the worker has started
	EvPong         EventOp = "pong"          // the answer to CmdPing
	EvStream       EventOp = "stream"        // Text written to the stream Name
	EvDisplay      EventOp = "display"       // Data shown (or, with Update, updated) as display ID
	EvClear        EventOp = "clear"         // clear the cell's output (Wait: at the next output)
	EvResult       EventOp = "result"        // Data is the value of the cell's last expression
	EvError        EventOp = "error"         // the cell failed: Ename, Evalue, Traceback
	EvInputRequest EventOp = "input_request" // the cell reads a line: prompt Text, Password
	EvDone         EventOp = "done"          // the cell finished with Status
	EvComm         EventOp = "comm"          // a comm message to the front end: Comm
)

// Status is how a cell ended.
type Status string

// The statuses of EvDone.
const (
	StatusOK          Status = "ok"
	StatusError       Status = "error"
	StatusInterrupted Status = "interrupted"
)

// Event is a message from the worker to the kernel.
type Event struct {
	Op        EventOp           `json:"op"`
	Name      string            `json:"name,omitempty"`
	Text      string            `json:"text,omitempty"`
	Data      map[string]string `json:"data,omitempty"`
	Metadata  json.RawMessage   `json:"metadata,omitempty"`
	ID        string            `json:"id,omitempty"`
	Update    bool              `json:"update,omitempty"`
	Wait      bool              `json:"wait,omitempty"`
	Ename     string            `json:"ename,omitempty"`
	Evalue    string            `json:"evalue,omitempty"`
	Traceback []string          `json:"traceback,omitempty"`
	Stack     string            `json:"stack,omitempty"`   // error: the stack of the panicking goroutine
	NilVars   []string          `json:"nilvars,omitempty"` // error: on a nil dereference, the cell's session variables that are nil
	Password  bool              `json:"password,omitempty"`
	Status    Status            `json:"status,omitempty"`  // done
	Elapsed   time.Duration     `json:"elapsed,omitempty"` // done: how long the cell's code ran
	Dir       string            `json:"dir,omitempty"`     // ready, done: the working directory
	Env       []string          `json:"env,omitempty"`     // ready, done: the environment, if it changed
	Comm      *comm.Frame       `json:"comm,omitempty"`    // comm
	// Background marks comm events sent while no cell runs (by widget
	// callbacks, say): their parent is the front end's comm message they
	// answer (Comm.Ref) or its last one, not the last cell.
	Background bool `json:"background,omitempty"`
}
