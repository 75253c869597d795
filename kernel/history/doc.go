// Package history keeps the cells a kernel executed in a JSON-lines file,
// so that a Jupyter history_request (the frontend's "previous input" and
// search) sees the cells of earlier kernel sessions too, as IPython's
// history database does.
//
// Every kernel of a user appends to the same file, one JSON object per
// line ({"session", "line", "input", "output"}). Session numbers come from
// a counter in PATH.session taken under an exclusive lock, so kernels that
// start together never share one. The file is created 0600; past
// Options.MaxBytes it is rotated to PATH.1. Nothing is read at start:
// requests read the two files on demand, skipping lines that are not
// entries or are too long, so one bad line never hides the rest.
//
// Usage:
//
//	h, err := history.Open(filepath.Join(dataDir, "history.jsonl"), history.Options{})
//	err = h.Add(1, "x := 1", "")
//	h.Query(history.Request{HistAccessType: "tail", N: 10})
package history
