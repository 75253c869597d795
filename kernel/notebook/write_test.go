package notebook

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// referenceWrite is how notebooks were written before Write streamed:
// encoding/json with one-space indent and no HTML escaping. Write must
// produce the same bytes, so rewriting a committed notebook shows no diff.
func referenceWrite(nb *Notebook) []byte {
	for _, c := range nb.Cells {
		if c.CellType == "code" && c.Outputs == nil {
			c.Outputs = []map[string]any{}
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(nb); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func checkSameAsReference(t *testing.T, name string, nb *Notebook) {
	t.Helper()
	var got bytes.Buffer
	if err := nb.Write(&got); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	want := referenceWrite(nb)
	if !bytes.Equal(got.Bytes(), want) {
		i := 0
		for i < len(want) && i < got.Len() && want[i] == got.Bytes()[i] {
			i++
		}
		t.Fatalf("%s: Write differs from encoding/json at byte %d:\ngot  %q\nwant %q", name, i,
			got.Bytes()[max(0, i-40):min(got.Len(), i+40)], want[max(0, i-40):min(len(want), i+40)])
	}
}

func TestWriteMatchesEncodingJSON(t *testing.T) {
	// A long text whose multi-byte runes, escapes and invalid bytes fall on
	// and around the 64 KiB piece boundaries.
	var long strings.Builder
	for long.Len() < 3*stringChunk {
		long.WriteString("line <b>&</b> \"q\" \\ tab\t世界 \u2028 \x01\x7f\xff é\n")
	}
	one := 1
	src := `{"cells": [
 {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "text"]},
 {"cell_type": "code", "id": "abc", "metadata": {"tags": ["t"], "n": 1.5, "big": 1e21, "neg": -0.0}, "source": "x := 1\nx",
  "outputs": [{"output_type": "execute_result", "execution_count": 3, "data": {"text/plain": "1", "text/html": ["<b>", "x</b>"]}, "metadata": {}},
              {"output_type": "error", "ename": "E", "evalue": "v", "traceback": ["a", "b"]},
              {"output_type": "display_data", "data": {"application/json": {"a": [1, 2, {}], "b": null, "c": true}}, "metadata": {"isolated": false}}],
  "execution_count": 3},
 {"cell_type": "code", "metadata": {}, "source": "", "execution_count": null},
 {"cell_type": "raw", "metadata": {}, "source": "raw", "attachments": {"a.png": {"image/png": "AAAA"}}}
], "metadata": {"kernelspec": {"name": "lingo", "display_name": "Go <Lingo> & co", "language": "go"}, "empty": {}, "list": []},
 "nbformat": 4, "nbformat_minor": 5}`
	nb, err := Read(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	// Outputs as the client gathers them: Go values, not decoded JSON.
	nb.Cells[2].Outputs = []map[string]any{
		{"output_type": "stream", "name": "stdout", "text": long.String()},
		{"output_type": "execute_result", "execution_count": &one, "data": map[string]any{"text/plain": "2"}, "metadata": map[string]any{}},
		{"output_type": "error", "ename": "E", "evalue": "", "traceback": []any{}},
	}
	nb.Cells[2].ExecutionCount = &one
	checkSameAsReference(t, "synthetic", nb)

	files, _ := filepath.Glob("../../notebooks/*.ipynb")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		nb, err := Read(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		checkSameAsReference(t, f, nb)
	}
	if len(files) == 0 {
		t.Log("no committed notebooks found")
	}
}
