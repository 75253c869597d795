package notebook

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNotebookRoundTrip(t *testing.T) {
	src := `{"cells": [
 {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "text"]},
 {"cell_type": "code", "metadata": {}, "source": "x := 1", "outputs": [], "execution_count": null},
 {"cell_type": "code", "metadata": {"tags": ["t"]}, "source": ["fmt.Println(x)"]}
], "metadata": {"kernelspec": {"name": "lingo"}}, "nbformat": 4, "nbformat_minor": 5}`
	nb, err := Read(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if string(nb.Cells[0].Source) != "# Title\ntext" {
		t.Fatalf("source = %q", nb.Cells[0].Source)
	}
	var buf bytes.Buffer
	if err := nb.Write(&buf); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Cells []map[string]json.RawMessage `json:"cells"`
	}
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	for i, c := range back.Cells {
		_, hasOut := c["outputs"]
		_, hasCount := c["execution_count"]
		code := string(c["cell_type"]) == `"code"`
		if hasOut != code || hasCount != code {
			t.Errorf("cell %d (%s): outputs %v, execution_count %v (nbformat wants both exactly on code cells)", i, c["cell_type"], hasOut, hasCount)
		}
	}
}

func TestReadErrors(t *testing.T) {
	for name, src := range map[string]string{
		"not json":   "{",
		"nbformat 3": `{"cells": [], "metadata": {}, "nbformat": 3, "nbformat_minor": 0}`,
		"no cells":   `{"metadata": {}, "nbformat": 4, "nbformat_minor": 5}`,
		"null cells": `{"cells": null, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`,
		"null cell":  `{"cells": [null], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`,
		"bad source": `{"cells": [{"cell_type": "code", "source": 3}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`,
	} {
		if _, err := Read(strings.NewReader(src)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add(`{"cells": [{"cell_type": "code", "source": "x", "metadata": {}}], "metadata": {}, "nbformat": 4}`)
	f.Add(`{"cells": [{"cell_type": "code", "source": ["a\n", "<b>"], "metadata": {"x": [1.5, -0, 1e300, "\u2028"]}, "outputs": [{"output_type": "stream", "name": "stdout", "text": "\u0000\ufffd"}]}], "metadata": {"k": "<&>"}, "nbformat": 4}`)
	f.Add(`{"metadata": {}, "nbformat": 4}`)
	f.Fuzz(func(t *testing.T, s string) {
		nb, err := Read(strings.NewReader(s))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := nb.Write(&buf); err != nil {
			t.Fatal(err)
		}
		if want := referenceWrite(nb); !bytes.Equal(buf.Bytes(), want) {
			t.Fatalf("Write differs from encoding/json:\n%s\n%s", buf.Bytes(), want)
		}
		_ = WriteHTML(&buf, nb, "x")
	})
}

func TestRenderMarkdown(t *testing.T) {
	got := renderMarkdown("# Title\n\nSome *italic*, **bold**, `x := 1` and [Go](https://go.dev).\n\n- one\n- two\n\n1. first\n2. second\n\n| word | p |\n|---|---|\n| company | 0.153 |\n")
	for _, want := range []string{"<h1>Title</h1>", "<i>italic</i>", "<b>bold</b>", "<code>x := 1</code>",
		`<a href="https://go.dev">Go</a>`, "<ul>", "<li>one", "<ol>", "<li>second", "<th>word</th>", "<td>0.153</td>"} {
		if !strings.Contains(got, want) {
			t.Errorf("markdown lacks %q:\n%s", want, got)
		}
	}
	if got := renderMarkdown("synsets (*commodity, trade_good, good*) and _this_ and snake_case_name"); !strings.Contains(got, "<i>commodity, trade_good, good</i>") ||
		!strings.Contains(got, "<i>this</i>") || !strings.Contains(got, "snake_case_name") {
		t.Errorf("intraword underscores became italics: %s", got)
	}
	if strings.Contains(renderMarkdown("a <script>"), "<script>") {
		t.Error("markdown does not escape HTML")
	}
}

// Math stays TeX for KaTeX: no Markdown rule runs inside it (issue 22).
func TestRenderMarkdownMath(t *testing.T) {
	got := renderMarkdown("The score $u_o^\\top v_c$ and *this*:\n\n$$P(o \\mid c) = \\frac{e^{u_o}}{\\sum_w e^{u_w}}$$\n\nA price of $3 and `$x$` in code.")
	for _, want := range []string{
		`<span class="math">u_o^\top v_c</span>`,
		`<span class="math display" style="display:block;text-align:center;margin:.6em 0">P(o \mid c) = \frac{e^{u_o}}{\sum_w e^{u_w}}</span>`,
		"<i>this</i>", "<code>$x$</code>", "A price of $3",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("markdown lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "<i>o") || strings.Contains(got, "<i>w") {
		t.Errorf("italics inside math:\n%s", got)
	}
}

// WriteHTML inlines KaTeX with its fonts when a notebook has math, so the
// page typesets it offline; without KaTeX it says the formulas are TeX.
func TestWriteHTMLMath(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "fonts"), 0o755)
	os.WriteFile(filepath.Join(dir, "katex.min.js"), []byte("var katex={render:function(){}};"), 0o644)
	os.WriteFile(filepath.Join(dir, "katex.min.css"), []byte("@font-face{font-family:KaTeX_Main;src:url(fonts/KaTeX_Main-Regular.woff2) format('woff2'),url(fonts/KaTeX_Main-Regular.woff) format('woff');font-weight:400}.katex{font:1.21em KaTeX_Main}"), 0o644)
	os.WriteFile(filepath.Join(dir, "fonts", "KaTeX_Main-Regular.woff2"), []byte("wOF2"), 0o644)
	nb := &Notebook{Cells: []*Cell{{CellType: "markdown", Source: "Softmax: $p_i = e^{x_i}/Z$."}}}
	t.Setenv("LINGO_KATEX", dir)
	var b strings.Builder
	if err := WriteHTML(&b, nb, "math"); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{"var katex=", "src:url(data:font/woff2;base64,d09GMg==) format('woff2')", "katex.render(e.textContent", `<span class="math">p_i = e^{x_i}/Z</span>`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "fonts/KaTeX") || strings.Contains(page, "http") {
		t.Error("the page refers to files or the network")
	}

	t.Setenv("LINGO_KATEX", filepath.Join(dir, "missing"))
	b.Reset()
	WriteHTML(&b, nb, "math")
	if !strings.Contains(b.String(), "The formulas below are TeX source") || strings.Contains(b.String(), "katex.render") {
		t.Errorf("without KaTeX the page does not say so:\n%s", b.String())
	}

	b.Reset()
	WriteHTML(&b, &Notebook{Cells: []*Cell{{CellType: "markdown", Source: "No math here."}}}, "plain")
	if strings.Contains(b.String(), "katex") {
		t.Error("KaTeX inlined into a page without math")
	}
}

// TestWriteHTMLStaticWidgets: an output showing a widget becomes static
// controls in the state saved in the notebook's metadata; without saved
// state it falls back to the output's own text/html.
func TestWriteHTMLStaticWidgets(t *testing.T) {
	nb, err := Read(strings.NewReader(`{"nbformat":4,"nbformat_minor":5,"metadata":{"widgets":{"application/vnd.jupyter.widget-state+json":
	 {"version_major":2,"version_minor":0,"state":{
	  "box":{"model_name":"VBoxModel","model_module":"@jupyter-widgets/controls","model_module_version":"2.0.0","state":{"_model_name":"VBoxModel","children":["IPY_MODEL_k"]}},
	  "k":{"model_name":"IntSliderModel","model_module":"@jupyter-widgets/controls","model_module_version":"2.0.0","state":{"_model_name":"IntSliderModel","description":"top-k","min":1,"max":50,"step":1,"value":17,"readout_format":"d"}}}}}},
	 "cells":[{"cell_type":"code","metadata":{},"source":"x","execution_count":1,"outputs":[
	  {"output_type":"display_data","metadata":{},"data":{"application/vnd.jupyter.widget-view+json":{"model_id":"box","version_major":2,"version_minor":0},"text/html":"<p>first state</p>","text/plain":"VBox()"}},
	  {"output_type":"display_data","metadata":{},"data":{"application/vnd.jupyter.widget-view+json":{"model_id":"gone","version_major":2,"version_minor":0},"text/html":"<p>fallback</p>"}}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WriteHTML(&b, nb, "t"); err != nil {
		t.Fatal(err)
	}
	h := b.String()
	for _, want := range []string{`<label style="min-width:8em">top-k</label><input type="range" min="1" max="50" step="1" value="17" disabled><output>17</output>`, `<p>fallback</p>`} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %s:\n%s", want, h)
		}
	}
	if strings.Contains(h, "first state") {
		t.Error("the widget's own text/html was used though the saved state has it")
	}
}
