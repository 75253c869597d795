// Package worker is the Lingo kernel's worker process: it loads each
// compiled cell (a Go plugin), runs it on its own goroutine, and sends what
// the cell produces — standard output, displays, results, errors, input
// requests — to the kernel.
//
// Worker and kernel talk over two pipes with one JSON object per line:
// commands arrive on file descriptor 3, events leave on file descriptor 4.
// Standard output is captured through a pipe and sent as "stream" events so
// it stays in order with displays; standard error goes straight to the
// kernel, so a crash report survives the worker's death. Before each "done"
// event the worker writes StderrMarker to standard error; the kernel waits
// for it, so everything a cell wrote to standard error is shown before the
// cell is reported finished.
//
// Runs are numbered (Command.Seq); an interrupt names the run it stops, so
// one that arrives before its run has begun still stops it, before it
// starts. The "ready" and "done" events report the working directory and,
// when it changed, the environment, which the kernel's magics follow. A
// cell that closed os.Stdout or os.Stderr gets working ones back at the
// next cell. The worker's goroutine stacks are limited to 64 MB, so runaway
// recursion ends quickly.
//
// Usage (the whole of the worker binary's main):
//
//	func main() { worker.Main() }
package worker

import (
	"encoding/json"
	"time"
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
)

// Command is a message from the kernel to the worker.
type Command struct {
	Op     CommandOp `json:"op"`
	Seq    int64     `json:"seq,omitempty"`    // run, interrupt: the run's number (they increase)
	Plugin string    `json:"plugin,omitempty"` // run: path of the plugin file, removed once loaded
	Key    string    `json:"key,omitempty"`    // run: content hash; a known key reuses the loaded plugin
	Text   string    `json:"text,omitempty"`   // input: the line the user typed
	EOF    bool      `json:"eof,omitempty"`    // input: no input can be had
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
}
