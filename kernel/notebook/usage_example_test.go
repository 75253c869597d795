package notebook_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/lingo-nlp/lingo/kernel/notebook"
)

// The package's usage: read a notebook, set a cell's outputs, write it
// back and as HTML.
func Example() {
	f := strings.NewReader(`{"cells": [{"cell_type": "code", "metadata": {}, "source": ["1 + 1"], "outputs": [], "execution_count": null}],
		"metadata": {}, "nbformat": 4, "nbformat_minor": 5}`)
	nb, err := notebook.Read(f)
	if err != nil {
		fmt.Println(err)
		return
	}
	nb.Cells[0].Outputs = []map[string]any{{"output_type": "execute_result", "execution_count": 1, "metadata": map[string]any{}, "data": map[string]any{"text/plain": "2"}}}
	out, w := &bytes.Buffer{}, &bytes.Buffer{}
	err = nb.Write(out)
	fmt.Println(strings.Contains(out.String(), `"text/plain": "2"`), err)
	err = notebook.WriteHTML(w, nb, "00-tour.ipynb")
	fmt.Println(strings.Contains(w.String(), "<pre>2</pre>"), err)
	// Output:
	// true <nil>
	// true <nil>
}
