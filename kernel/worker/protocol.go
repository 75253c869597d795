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
// Usage (the whole of the worker binary's main):
//
//	func main() { worker.Main() }
package worker

import "encoding/json"

// StderrMarker is written to standard error before each "done" event. The
// kernel removes it from the stream; it never reaches the user.
const StderrMarker = "\x00\x02lingo-stderr-done\x02\x00"

// Command is a message from the kernel to the worker.
type Command struct {
	Op     string `json:"op"`               // "run", "interrupt", "input", "ping"
	Plugin string `json:"plugin,omitempty"` // run: path of the plugin file
	Key    string `json:"key,omitempty"`    // run: content hash; a known key reuses the loaded plugin
	Text   string `json:"text,omitempty"`   // input: the line the user typed
	EOF    bool   `json:"eof,omitempty"`    // input: no input can be had
}

// Event is a message from the worker to the kernel.
type Event struct {
	Op        string            `json:"op"` // "ready", "stream", "display", "clear", "result", "error", "input_request", "done"
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
	Password  bool              `json:"password,omitempty"`
	Status    string            `json:"status,omitempty"` // done: "ok", "error", "interrupted"
}
