package kernel

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/lingo-nlp/lingo/kernel/jupyter"
	"github.com/lingo-nlp/lingo/kernel/notebook"
	"github.com/lingo-nlp/lingo/kernel/trust"
)

func runCmd(args []string) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	out := fs.String("o", "", "write the executed notebook here (default: in place)")
	htmlOut := fs.String("html", "", "also write the executed notebook as HTML here")
	timeout := fs.Int("timeout", 900, "seconds a cell may run")
	// Allow flags after the notebook name.
	var pos []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return 2
		}
		args = fs.Args()
		if len(args) > 0 {
			pos = append(pos, args[0])
			args = args[1:]
		}
	}
	if len(pos) != 1 {
		fmt.Fprintln(os.Stderr, "usage: lingo run NOTEBOOK.ipynb [-o OUT.ipynb] [--html OUT.html] [--timeout SECONDS]")
		return 2
	}
	if *out == "" {
		*out = pos[0]
	}
	if err := RunNotebook(pos[0], *out, *htmlOut, time.Duration(*timeout)*time.Second, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// RunNotebook executes every code cell of the notebook at path in a fresh
// kernel whose working directory is the notebook's, writes the result to
// out (and HTML to htmlOut if set), and fails naming the first failing
// cell. The outputs so far are written even when a cell fails. The written
// notebook is signed into the user's Jupyter trust database (see package
// trust), so Jupyter shows its charts and tables.
func RunNotebook(path, out, htmlOut string, timeout time.Duration, progress io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("lingo: %w", err)
	}
	nb, err := notebook.Read(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	dir, _ := filepath.Abs(filepath.Dir(path))
	c, err := jupyter.StartKernel(dir)
	if err != nil {
		return err
	}
	defer c.Close()
	nb.Metadata["kernelspec"] = map[string]any{"name": "lingo", "display_name": "Go (Lingo)", "language": "go"}
	nb.Metadata["language_info"] = map[string]any{"name": "go", "file_extension": ".go", "mimetype": "text/x-go", "codemirror_mode": "go"}
	var runErr error
	n := 0
	for i, cell := range nb.Cells {
		if cell.CellType != "code" {
			continue
		}
		n++
		start := time.Now()
		outputs, count, _, err := c.Execute(string(cell.Source), timeout)
		cell.Outputs = outputs
		if cell.Outputs == nil {
			cell.Outputs = []map[string]any{}
		}
		cnt := count
		cell.ExecutionCount = &cnt
		if progress != nil {
			fmt.Fprintf(progress, "cell %d (notebook cell %d): %.2fs\n", n, i+1, time.Since(start).Seconds())
		}
		if err != nil {
			first := strings.SplitN(string(cell.Source), "\n", 2)[0]
			runErr = fmt.Errorf("lingo run: %s: code cell %d (notebook cell %d, %q) failed: %v", path, n, i+1, first, err)
			break
		}
	}
	if werr := writeNotebookFile(nb, out); werr != nil && runErr == nil {
		runErr = werr
	} else if werr == nil {
		// The outputs are the kernel's own: trust them, as Jupyter trusts a
		// notebook it ran and saved itself.
		if err := trust.Sign(out); err != nil && progress != nil {
			fmt.Fprintf(progress, "lingo run: %s is not signed for Jupyter, so it shows its charts as text until trusted: %v\n", out, err)
		}
	}
	if htmlOut != "" {
		if herr := writeHTMLFile(nb, htmlOut, filepath.Base(path)); herr != nil && runErr == nil {
			runErr = herr
		}
	}
	return runErr
}

func writeNotebookFile(nb *notebook.Notebook, path string) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := nb.Write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func writeHTMLFile(nb *notebook.Notebook, path, title string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return notebook.WriteHTML(f, nb, title)
}
