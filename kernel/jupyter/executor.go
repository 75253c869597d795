package jupyter

import "context"

// Executor runs the code of execute requests and answers the questions a
// frontend asks about code. The Server calls it; kernel/engine implements
// it. Execute is called for one cell at a time; the other methods may be
// called while a cell runs.
type Executor interface {
	// Execute runs one cell and sends what it produces to out. It returns
	// nil if the cell succeeded, else an error that it has already reported
	// on out with Output.Error. ctx is cancelled when the user interrupts.
	Execute(ctx context.Context, c Cell, out Output) error
	// Complete answers a complete_request; cursor is a rune offset.
	Complete(code string, cursor int) Completion
	// Inspect answers an inspect_request; cursor is a rune offset.
	Inspect(code string, cursor, detail int) Inspection
	// IsComplete says whether code can run as it is ("complete"), needs
	// more lines ("incomplete", with the indent of the next line) or can
	// never run ("invalid").
	IsComplete(code string) (status, indent string)
	// Close stops whatever the executor started.
	Close()
}

// Cell is the code of an execute_request and its execution count: the
// frontend shows it as In [Count]. Count is 0 for a silent request, which
// is not counted.
type Cell struct {
	Code  string
	Count int
	// ID is the notebook cell's id when the front end sent one in the
	// request's metadata ("cellId" from JupyterLab, Notebook 7 and VS Code,
	// "cell_id" from some clients); "" from the classic Notebook 6 and
	// jupyter_client.
	ID string
}

// Output receives what a cell produces. The Server's Output publishes it on
// iopub; others print it (lingo warm) or record it (tests).
type Output interface {
	// Stream sends text written to "stdout" or "stderr".
	Stream(name, text string)
	// Display shows a MIME bundle; with update it replaces the display
	// with the same id.
	Display(data map[string]string, id string, update bool)
	// Clear clears the cell's output (at the next output if wait).
	Clear(wait bool)
	// Result shows the value of the cell's last expression.
	Result(data map[string]string)
	// Error reports that the cell failed.
	Error(ename, evalue string, traceback []string)
	// Input asks the user for a line; ok is false when the frontend cannot.
	Input(prompt string, password bool) (text string, ok bool)
}

// Completion answers a complete_request: each match replaces the code
// between the rune offsets Start and End.
type Completion struct {
	Matches    []string
	Start, End int
}

// Inspection answers an inspect_request: a MIME bundle describing the name
// at the cursor, empty when nothing was found.
type Inspection struct {
	Data map[string]string
}
