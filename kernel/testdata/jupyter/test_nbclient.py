"""Debian's nbclient executes a notebook with the lingo kernel (run with
/usr/bin/python3). Exits non-zero if a cell fails or an output is missing."""
import nbformat
from nbclient import NotebookClient

nb = nbformat.v4.new_notebook()
nb.metadata["kernelspec"] = {"name": "lingo", "display_name": "Go (Lingo)", "language": "go"}
nb.cells = [
    nbformat.v4.new_code_cell('greeting := "hello from nbclient"'),
    nbformat.v4.new_code_cell("type point struct{ x, y int }\nfunc (p point) sum() int { return p.x + p.y }"),
    nbformat.v4.new_code_cell('fmt.Println(greeting)\npoint{2, 3}.sum()'),
]
NotebookClient(nb, timeout=300, kernel_name="lingo").execute()
out = nb.cells[2].outputs
text = "".join(o.get("text", "") for o in out if o.output_type == "stream")
result = [o for o in out if o.output_type == "execute_result"]
assert text == "hello from nbclient\n", text
assert result and result[0].data["text/plain"] == "5", out
print("nbclient: 3 cells executed, state kept, result 5")
