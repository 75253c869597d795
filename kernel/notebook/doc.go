// Package notebook reads and writes Jupyter notebooks (nbformat 4) and
// renders an executed notebook as one self-contained HTML page: what
// lingo run needs around the kernel that executes the cells.
//
// Usage:
//
//	nb, err := notebook.Read(f)
//	// … set nb.Cells[i].Outputs …
//	err = nb.Write(out)
//	err = notebook.WriteHTML(w, nb, "00-tour.ipynb")
package notebook
