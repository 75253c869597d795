// Package editions keeps the course's two editions, English
// (notebooks/NN-….ipynb) and Chinese (notebooks/zh/NN-….ipynb), running the
// same code.
//
// The editions are checked against each other rather than generated from
// one source: the English notebooks are edited directly by everyone who
// works on a lesson, in Jupyter or by tools that rewrite them, and a
// generator would put a second format between them and their notebook.
// What must not drift is the code; prose is translated by hand and may lag.
// So a Chinese notebook holds its own prose, and its code cells are the
// English edition's, in the same order, except the cells marked in their
// metadata as Chinese-edition cells:
//
//	"metadata": {"lingo": {"edition": "zh", "replaces": ["ngram-12"], "needs": ["ngram-04"]}}
//
// A marked cell runs Chinese data or sets the language; it may stand in for
// English cells (replaces, by cell id) and may use what earlier unmarked
// cells define (needs, by cell id, so that CI can run the marked cells
// without the whole lesson). Check reports every difference between the
// editions' code outside marked cells; Sync copies the English code into
// the Chinese notebook (new English cells arrive with their English prose,
// marked untranslated); CINotebook keeps the cells CI must run for a
// Chinese notebook: the marked cells and the cells they need.
//
// Usage: read the two editions of a lesson (dir is the notebooks
// directory), list their drift, copy the English code into the Chinese
// edition:
//
//	en, err := editions.Read(filepath.Join(dir, "04-ngram-lm.ipynb"))
//	zh, err := editions.Read(filepath.Join(dir, "zh", "04-ngram-lm.ipynb"))
//	drift := editions.Check(en, zh) // one line per difference
//	report := editions.Sync(en, zh) // then zh.WriteFile(…)
package editions
