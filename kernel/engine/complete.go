package engine

import (
	"bytes"
	"os/exec"

	"github.com/lingo-nlp/lingo/kernel/cell"
	"github.com/lingo-nlp/lingo/kernel/jupyter"
)

var _ jupyter.Executor = (*Engine)(nil)

// state returns a copy of the session state, which a running cell's commit
// does not change.
func (e *Engine) state() *cell.State {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.st.Clone()
}

// Complete answers a complete_request.
func (e *Engine) Complete(code string, cursor int) jupyter.Completion {
	matches, start := cell.Complete(e.state(), e.imp, code, cursor)
	return jupyter.Completion{Matches: matches, Start: start, End: cursor}
}

// Inspect answers an inspect_request: the declaration or type of the name
// at the cursor, or the go doc of a package member.
func (e *Engine) Inspect(code string, cursor, detail int) jupyter.Inspection {
	text, doc := cell.Inspect(e.state(), e.imp, code, cursor)
	if doc != "" {
		cmd := exec.Command("go", "doc", doc)
		cmd.Dir = e.dir
		cmd.Env = e.env
		var out bytes.Buffer
		cmd.Stdout = &out
		if cmd.Run() == nil {
			text = cell.CleanNames(out.String())
		}
	}
	if text == "" {
		return jupyter.Inspection{}
	}
	return jupyter.Inspection{Data: map[string]string{"text/plain": text}}
}

// IsComplete answers an is_complete_request.
func (e *Engine) IsComplete(code string) (status, indent string) { return cell.IsComplete(code) }
