// Package trust signs notebooks into the user's Jupyter trust database and
// tells whether a notebook is trusted there.
//
// Jupyter shows a notebook's stored HTML, SVG and JavaScript outputs only if
// the notebook is trusted: if the HMAC-SHA256 of its contents, keyed with a
// secret kept in the user's Jupyter data directory (notebook_secret), is
// recorded in that directory's SQLite database (nbsignatures.db). An
// untrusted notebook shows text and PNG outputs only, until every cell has
// been run again. Lingo's lessons are committed with their outputs, so
// install.sh signs them for the user who installs, and lingo run signs the
// notebooks it writes.
//
// Signatures are computed and stored by nbformat's NotebookNotary — the code
// behind `jupyter trust`, which Debian's Jupyter does not ship as a command —
// run by the Python interpreter that runs Jupyter. So the signature is byte
// for byte the one Jupyter checks, and the secret never passes through Lingo.
//
// Usage (the zero Notary signs for the user, in Jupyter's data directory):
//
//	n := &trust.Notary{DataDir: dir}
//	err = n.Sign(notebook)
//	ok, err = n.Trusted(notebook) // ok[0] reports it
package trust
