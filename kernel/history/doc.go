// Package history keeps the cells a kernel executed in a JSON-lines file,
// so that a Jupyter history_request (the frontend's "previous input" and
// search) sees the cells of earlier kernel sessions too, as IPython's
// history database does.
//
// Usage:
//
//	h := history.Open(filepath.Join(dataDir, "history.jsonl"))
//	h.Add(1, "x := 1", "")
//	h.Query(history.Request{HistAccessType: "tail", N: 10})
package history
